import { describe, expect, it } from 'vitest';
import { defaults } from '../../../../src/lib/settings';
import { TARGETS, cleanTarget, eigenmodeDataset, runRequest, trainingAngles } from '../../../../src/widgets/eigenmode-decay/run';
import { schema } from '../../../../src/widgets/eigenmode-decay/schema';

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

  it('gives the training angles and the clean target the run was built on', () => {
    for (const target of ['low', 'high', 'mixed'] as const) {
      const data = eigenmodeDataset({ target, n: 24, noise: 0, seed: 2 });
      expect(trainingAngles(24)).toEqual(data.coordinate!.train);
      expect(cleanTarget(target, trainingAngles(24))).toEqual(data.yTrain);
    }
  });

  it('trains the centred network on the training set and measures the held-out loss on the clean target', () => {
    const data = eigenmodeDataset(settings);
    const request = runRequest({ ...settings, depth: 3 });
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
