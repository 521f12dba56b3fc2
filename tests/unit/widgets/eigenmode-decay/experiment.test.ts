import { describe, expect, it } from 'vitest';
import { defaults } from '../../../../src/lib/settings';
import {
  TARGETS,
  bestRecord,
  dominantFrequency,
  eigenmodeDataset,
  modeGap,
  residualFraction,
  runRequest,
  shownModes,
} from '../../../../src/widgets/eigenmode-decay/experiment';
import { schema } from '../../../../src/widgets/eigenmode-decay/schema';
import { circulant, circulantRun, explicitGd, record as makeRecord } from '../kit/circulantRun';

const settings = defaults(schema);
const angles = (n: number) => Array.from({ length: n }, (_, i) => (2 * Math.PI * i) / n);

describe('eigenmodeDataset', () => {
  it('puts the chosen Fourier modes on an even grid and adds noise of the chosen size to the training labels only', () => {
    for (const target of ['low', 'high', 'mixed'] as const) {
      const n = 64;
      const noisy = eigenmodeDataset({ target, n, noise: 0.3, seed: 4 });
      const clean = eigenmodeDataset({ target, n, noise: 0, seed: 4 });
      const f = (theta: number) => TARGETS[target].reduce((s, m) => s + m.amp * Math.cos(m.k * theta), 0);
      angles(n).forEach((theta, i) => {
        expect(clean.coordinate!.train[i]).toBeCloseTo(theta, 12);
        expect(clean.yTrain[i]).toBeCloseTo(f(theta), 12);
      });
      noisy.yTest.forEach((y, i) => expect(y).toBeCloseTo(f(noisy.coordinate!.test[i]), 12));
      const residuals = noisy.yTrain.map((y, i) => y - clean.yTrain[i]);
      const std = Math.sqrt(residuals.reduce((s, r) => s + r * r, 0) / n);
      // χ² with 64 degrees of freedom: the sample std lies within ±30 % of 0.3 with probability > 0.99.
      expect(std).toBeGreaterThan(0.21);
      expect(std).toBeLessThan(0.39);
      expect(eigenmodeDataset({ target, n, noise: 0.3, seed: 4 }).yTrain).toEqual(noisy.yTrain);
    }
  });

  it('trains the centred network on the training set and measures the held-out loss on the clean target', () => {
    const data = eigenmodeDataset(settings);
    const request = runRequest({ ...settings, depth: 3 }, data);
    expect(request.options).toEqual({ lr: settings.lr, alpha: 1, centered: true });
    expect(request.network).toEqual({ inputDim: 2, width: settings.width, depth: 3, activation: settings.activation, wStd: 1.4, bStd: 0.1, parameterization: 'ntk', seed: settings.seed });
    expect(request.data.yTest).toEqual(data.yTest);
    expect(request.data.xTest).toHaveLength(data.yTest.length);
  });

  it('passes the chosen parameterisation and output scale α to the run (defaults NTK and 1)', () => {
    expect(settings.parameterization).toBe('ntk');
    expect(settings.alpha).toBe(1);
    const data = eigenmodeDataset(settings);
    const request = runRequest({ ...settings, parameterization: 'standard', alpha: 0.25 }, data);
    expect(request.network.parameterization).toBe('standard');
    expect(request.options).toEqual({ lr: settings.lr, alpha: 0.25, centered: true });
    expect(runRequest({ ...settings, parameterization: 'mup' }, data).network.parameterization).toBe('mup');
  });
});

describe('dominantFrequency', () => {
  it('finds k for cos(kθ + φ) at every frequency up to n/2, and the larger part of a mixture', () => {
    const n = 24;
    const thetas = angles(n);
    for (let k = 0; k <= n / 2; k++) {
      for (const phase of [0, 0.7, 2]) {
        // cos(nθ/2) is ±1 alternating on the grid, so only phase 0 keeps it non-zero.
        if (2 * k === n && phase !== 0) continue;
        expect(dominantFrequency(thetas.map((t) => Math.cos(k * t + phase)), thetas)).toBe(k);
      }
    }
    expect(dominantFrequency(thetas.map((t) => 0.4 * Math.cos(t) + Math.sin(5 * t)), thetas)).toBe(5);
    expect(dominantFrequency(thetas.map(() => 1), thetas)).toBe(0);
  });
});

describe('shownModes', () => {
  it('keeps the top modes and adds those carrying a share of the target, in eigen order, at most max', () => {
    const weights = [0.01, 0.02, 0, 0.05, 2, 0.3, 1.5, 0.01];
    // ‖w‖ ≈ 2.52: 10 % of it is 0.252, so modes 4, 5 and 6 qualify beyond the top three.
    expect(shownModes(weights, { top: 3, share: 0.1, max: 6 })).toEqual([0, 1, 2, 4, 5, 6]);
    expect(shownModes(weights, { top: 3, share: 0.1, max: 5 })).toEqual([0, 1, 2, 4, 6]);
    expect(shownModes(weights, { top: 2, share: 0.5, max: 6 })).toEqual([0, 1, 4, 6]);
    expect(shownModes([1, 2], { top: 3, share: 0.1, max: 6 })).toEqual([0, 1]);
  });
});

describe('modeGap, residualFraction, bestRecord', () => {
  const c = [2, 0.8, 0.3, 0.1, 0.05, 0.1, 0.3, 0.8];
  const n = c.length;
  const kernel = circulant(c);
  const yTrain = angles(n).map((t) => Math.cos(t) + 0.5 * Math.cos(3 * t));
  const zeros = new Array<number>(n).fill(0);
  const lr = 1.5;
  const run = circulantRun({ c, yTrain, f0Train: zeros, lr });
  const outputsAt = (steps: number) => explicitGd(kernel, yTrain, zeros, lr, steps).f;
  const record = (step: number, outputs: number[], testLoss?: number) => makeRecord(step, outputs, yTrain, { testLoss });

  it('is zero for outputs that follow frozen-kernel GD and equals a known offset relative to ‖r₀‖', () => {
    const records = [0, 1, 5, 20].map((t) => record(t, outputsAt(t)));
    const all = Array.from({ length: n }, (_, k) => k);
    expect(modeGap(run, records, all)).toBeLessThan(1e-6);
    // Shift the outputs along v₃ by δ: that mode's measured residual moves by exactly δ.
    const delta = 0.02;
    const v = run.theory.eigen.vectors[3];
    const shifted = record(5, outputsAt(5).map((f, i) => f + delta * v[i]));
    const r0 = Math.hypot(...yTrain);
    expect(modeGap(run, [shifted], all)).toBeCloseTo(delta / r0, 6);
    expect(modeGap(run, [shifted], [0, 1, 2])).toBeLessThan(1e-6);
  });

  it('measures the residual left as ‖f_t − y‖/‖f₀ − y‖', () => {
    const initial = record(0, new Array(n).fill(0));
    expect(residualFraction(initial, initial, yTrain)).toBe(1);
    const half = record(3, yTrain.map((y) => y / 2));
    expect(residualFraction(initial, half, yTrain)).toBeCloseTo(0.5, 12);
  });

  it('finds the record with the lowest held-out loss', () => {
    const losses = [0.5, 0.2, 0.1, 0.15, undefined, 0.3];
    const records = losses.map((l, t) => record(t, zeros, l));
    expect(bestRecord(records)!.step).toBe(2);
    expect(bestRecord([])).toBeUndefined();
  });
});
