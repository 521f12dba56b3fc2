import { describe, expect, it } from 'vitest';
import { defaults } from '../../../../src/lib/settings';
import type { TrainRecord } from '../../../../src/lib/nn';
import { chunkSize, driftRecord, runKey, stabilityLimit } from '../../../../src/widgets/ntk-drift/experiment';
import { schema } from '../../../../src/widgets/ntk-drift/schema';

describe('stabilityLimit', () => {
  it('is 2n/λ_max, with λ_max of a circulant kernel from its closed-form spectrum', () => {
    // K_ij = c_{(j−i) mod n} with symmetric c has eigenvalues λ_k = Σ_j c_j cos(2πjk/n).
    const n = 8;
    const c = [4, 1.2, -0.4, 0.3, 0.5, 0.3, -0.4, 1.2];
    const kernel = new Float32Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) kernel[i * n + j] = c[(j - i + n) % n];
    const spectrum = Array.from({ length: n }, (_, k) => c.reduce((s, cj, j) => s + cj * Math.cos((2 * Math.PI * j * k) / n), 0));
    expect(Math.min(...spectrum)).toBeGreaterThan(0);
    expect(stabilityLimit(kernel, n)).toBeCloseTo((2 * n) / Math.max(...spectrum), 5);
  });

  it('separates contracting from growing GD on the top mode, r ← (I − ηK/n) r', () => {
    const n = 3;
    const kernel = [2, 1, 0, 1, 2, 1, 0, 1, 2];
    const limit = stabilityLimit(kernel, n);
    const residualAfter = (lr: number) => {
      let r = [1, -0.5, 0.25];
      for (let t = 0; t < 400; t++) r = r.map((ri, i) => ri - (lr / n) * r.reduce((s, rj, j) => s + kernel[i * n + j] * rj, 0));
      return Math.hypot(...r);
    };
    expect(residualAfter(0.98 * limit)).toBeLessThan(1e-2);
    expect(residualAfter(1.02 * limit)).toBeGreaterThan(10);
  });
});

describe('chunkSize', () => {
  it('at speed 1 gives every run about sixty records and at least one step per chunk', () => {
    expect(chunkSize(300, 1)).toBe(5);
    expect(chunkSize(5000, 1)).toBe(83);
    expect(chunkSize(10, 1)).toBe(1);
  });

  it('multiplies the steps per record by the speed, at least one', () => {
    expect([0.25, 0.5, 1, 2, 4].map((speed) => chunkSize(300, speed))).toEqual([1, 3, 5, 10, 20]);
    expect(chunkSize(5000, 0.25)).toBe(21);
    expect(chunkSize(10, 0.25)).toBe(1);
  });
});

describe('runKey', () => {
  const base = defaults(schema);

  it('changes with every setting that shapes the runs, not with the step count or the speed', () => {
    const changed = [
      { widths: [32, 128] },
      { parameterization: 'mup' as const },
      { lrmode: 'fixed' as const },
      { lrfraction: 0.3 },
      { depth: 2 },
      { activation: 'tanh' as const },
      { seed: 7 },
    ];
    for (const change of changed) expect(runKey({ ...base, ...change })).not.toBe(runKey(base));
    expect(runKey({ ...base, steps: 1234 })).toBe(runKey(base));
    expect(runKey({ ...base, speed: '4' })).toBe(runKey(base));
  });

  it('follows only the learning-rate setting that the chosen rule uses', () => {
    expect(runKey({ ...base, lr: 0.1 })).toBe(runKey(base));
    const fixed = { ...base, lrmode: 'fixed' as const };
    expect(runKey({ ...fixed, lrfraction: 0.9 })).toBe(runKey(fixed));
    expect(runKey({ ...fixed, lr: 0.1 })).not.toBe(runKey(fixed));
  });
});

describe('driftRecord', () => {
  it('keeps the input layer’s weight change and the kernel drift when measured', () => {
    const record: TrainRecord = {
      step: 40,
      trainLoss: 0.01,
      trainOutputs: [0.1],
      paramChange: 0.3,
      layerWeightChange: [0.25, 0.5],
      kernelChange: 0.07,
      diverged: false,
    };
    expect(driftRecord(record)).toEqual({ step: 40, trainLoss: 0.01, kernelChange: 0.07, paramChange: 0.3, firstLayerChange: 0.25 });
    expect(driftRecord({ ...record, kernelChange: undefined }).kernelChange).toBeUndefined();
  });
});
