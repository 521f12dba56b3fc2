import { describe, expect, it } from 'vitest';
import {
  circleFourier,
  datasetRegistry,
  makeDataset,
  regression1d,
  targets1d,
  twoClusters,
  type Dataset,
  type DatasetName,
} from '../../../src/lib/ntk/datasets';

function expectWellFormed(data: Dataset, nTrain: number) {
  expect(data.xTrain).toHaveLength(nTrain);
  expect(data.yTrain).toHaveLength(nTrain);
  expect(data.yTest).toHaveLength(data.xTest.length);
  for (const x of [...data.xTrain, ...data.xTest]) expect(x).toHaveLength(data.inputDim);
  expect([...data.xTrain.flat(), ...data.yTrain, ...data.xTest.flat(), ...data.yTest].every(Number.isFinite)).toBe(true);
  if (data.coordinate) {
    expect(data.coordinate.train).toHaveLength(nTrain);
    expect(data.coordinate.test).toHaveLength(data.xTest.length);
  }
}

describe('regression1d', () => {
  it('is reproducible from its seed and differs between seeds', () => {
    const options = { n: 20, target: 'sine', noise: 0.1, seed: 3 } as const;
    expect(regression1d(options)).toEqual(regression1d(options));
    expect(regression1d({ ...options, seed: 4 }).xTrain).not.toEqual(regression1d(options).xTrain);
  });

  it('puts sorted inputs in [−1, 1] and evaluates the named target', () => {
    for (const target of Object.keys(targets1d) as (keyof typeof targets1d)[]) {
      const data = regression1d({ n: 30, target, noise: 0, seed: 1 });
      expectWellFormed(data, 30);
      const xs = data.xTrain.map(([x]) => x);
      expect(xs.every((x) => x >= -1 && x <= 1)).toBe(true);
      expect(xs).toEqual([...xs].sort((a, b) => a - b));
      expect(data.xTest[0][0]).toBe(-1);
      expect(data.xTest.at(-1)![0]).toBe(1);
      // Noiseless: the training targets are the target function itself.
      xs.forEach((x, i) => expect(data.yTrain[i]).toBe(targets1d[target](x)));
    }
    expect(targets1d.sine(0.5)).toBeCloseTo(1, 15);
    expect(targets1d.step(-0.2)).toBe(-1);
    expect(targets1d.cubic(-0.5)).toBe(-0.125);
  });

  it('adds Gaussian noise of the requested standard deviation', () => {
    const clean = regression1d({ n: 4000, target: 'cubic', noise: 0, seed: 9 });
    const noisy = regression1d({ n: 4000, target: 'cubic', noise: 0.3, seed: 9 });
    expect(noisy.xTrain).toEqual(clean.xTrain);
    const residuals = noisy.yTrain.map((y, i) => y - clean.yTrain[i]);
    const sd = Math.sqrt(residuals.reduce((s, r) => s + r * r, 0) / residuals.length);
    expect(Math.abs(sd - 0.3)).toBeLessThan(5 * 0.3 * Math.sqrt(1 / (2 * 4000))); // sd of the sample sd
  });
});

describe('circleFourier', () => {
  const modes = [
    { k: 1, amp: 1 },
    { k: 4, amp: 0.5, phase: 0.3 },
  ];

  it('puts unit-norm points at evenly spaced angles with the Fourier target', () => {
    const data = circleFourier({ n: 16, modes, jitter: 0, seed: 0 });
    expectWellFormed(data, 16);
    expect(data.inputDim).toBe(2);
    for (const x of [...data.xTrain, ...data.xTest]) expect(Math.hypot(x[0], x[1])).toBeCloseTo(1, 14);
    data.coordinate!.train.forEach((theta, i) => {
      expect(theta).toBeCloseTo((2 * Math.PI * i) / 16, 14);
      expect(Math.atan2(data.xTrain[i][1], data.xTrain[i][0])).toBeCloseTo(Math.atan2(Math.sin(theta), Math.cos(theta)), 14);
      expect(data.yTrain[i]).toBeCloseTo(Math.cos(theta) + 0.5 * Math.cos(4 * theta + 0.3), 14);
    });
    // Even grid: the target has no component on cos 2θ (discrete orthogonality).
    const projection = data.yTrain.reduce((s, y, i) => s + y * Math.cos(2 * data.coordinate!.train[i]), 0);
    expect(Math.abs(projection)).toBeLessThan(1e-12);
  });

  it('jitters angles by at most half a grid step, reproducibly', () => {
    const options = { n: 24, modes, jitter: 0.8, seed: 5 };
    const data = circleFourier(options);
    expect(circleFourier(options)).toEqual(data);
    expect(circleFourier({ ...options, seed: 6 }).xTrain).not.toEqual(data.xTrain);
    const step = (2 * Math.PI) / 24;
    const offsets = data.coordinate!.train.map((theta, i) => theta / step - i);
    expect(offsets.every((o) => Math.abs(o) <= 0.4)).toBe(true);
    expect(offsets.some((o) => Math.abs(o) > 0.05)).toBe(true);
  });
});

describe('twoClusters', () => {
  it('is reproducible and flips exactly round(labelNoise·n) labels', () => {
    const options = { n: 40, spread: 0.05, labelNoise: 0.15, seed: 2 };
    const data = twoClusters(options);
    expect(twoClusters(options)).toEqual(data);
    expect(twoClusters({ ...options, seed: 8 })).not.toEqual(data);
    expectWellFormed(data, 40);
    const clean = data.xTrain.map(([x]) => (x < 0 ? -1 : 1));
    const flipped = data.yTrain.filter((y, i) => y !== clean[i]).length;
    expect(flipped).toBe(6);
    expect(data.yTrain.every((y) => y === 1 || y === -1)).toBe(true);
  });

  it('makes two tight clusters of equal size around (±1, 0)', () => {
    const data = twoClusters({ n: 400, spread: 0.05, labelNoise: 0, seed: 1 });
    for (const centre of [-1, 1]) {
      const members = data.xTrain.filter(([x]) => Math.sign(x) === centre);
      expect(members).toHaveLength(200);
      const mean = [0, 1].map((c) => members.reduce((s, x) => s + x[c], 0) / members.length);
      expect(Math.abs(mean[0] - centre)).toBeLessThan(5 * (0.05 / Math.sqrt(200)));
      expect(Math.abs(mean[1])).toBeLessThan(5 * (0.05 / Math.sqrt(200)));
    }
    expect(data.yTrain.filter((y) => y === 1)).toHaveLength(200);
  });
});

describe('datasetRegistry', () => {
  it('builds every registered set from its defaults, with overrides', () => {
    for (const name of Object.keys(datasetRegistry) as DatasetName[]) {
      const data = makeDataset(name);
      expectWellFormed(data, datasetRegistry[name].defaults.n);
      expect(makeDataset(name, { n: 8 }).xTrain).toHaveLength(8);
    }
    expect(makeDataset('regression1d', { target: 'step', seed: 4 })).toEqual(
      regression1d({ ...datasetRegistry.regression1d.defaults, target: 'step', seed: 4 }),
    );
  });
});
