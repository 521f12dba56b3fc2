import { describe, expect, it } from 'vitest';
import { linearisedDynamics } from '../../../../src/lib/ntk';
import { circulant, circulantRun, dftEigenvalue, explicitGd, record } from './circulantRun';

const c = [3, 1.2, 0.5, 0.2, 0.1, 0.2, 0.5, 1.2];
const n = c.length;
const kernel = circulant(c);
const lambdas = Array.from({ length: n }, (_, m) => dftEigenvalue(c, m));
const lambdaMax = Math.max(...lambdas);
const yTrain = [0.5, -1, 0.3, 0.8, -0.2, 0.1, -0.7, 0.4];
const f0Train = [0.1, 0.2, -0.3, 0, 0.05, -0.1, 0.3, -0.2];

describe('LinearisedRun', () => {
  const lr = 0.9;
  const run = circulantRun({ c, yTrain, f0Train, lr });

  it('puts the stability limit at 2n/λ_max and the top mode factor at |1 − ηλ_max/n| (DFT eigenvalues)', () => {
    expect(run.stabilityLimit).toBeCloseTo((2 * n) / lambdaMax, 5);
    expect(run.modeFactor(0)).toBeCloseTo(Math.abs(1 - (lr * lambdaMax) / n), 6);
    expect(run.modeFactor(n - 1)).toBeCloseTo(Math.abs(1 - (lr * Math.min(...lambdas)) / n), 6);
  });

  it('projects a Fourier residual onto the eigenvectors of its own frequency only', () => {
    for (const m of [1, 2, 3]) {
      const fourier = Array.from({ length: n }, (_, i) => Math.cos((2 * Math.PI * m * i) / n));
      const modes = run.measuredModes(fourier.map((v, i) => yTrain[i] + v));
      const inFrequency = run.theory.eigen.values
        .map((value, k) => (Math.abs(value - dftEigenvalue(c, m)) < 1e-5 ? modes[k] ** 2 : 0))
        .reduce((a, b) => a + b, 0);
      const total = modes.reduce((s, x) => s + x * x, 0);
      expect(total).toBeCloseTo(fourier.reduce((s, x) => s + x * x, 0), 5);
      expect(inFrequency).toBeCloseTo(total, 5);
    }
  });

  it('reports no loss gap for outputs that follow explicit frozen-kernel GD, and the exact gap for scaled residuals', () => {
    const steps = 25;
    const { f } = explicitGd(kernel, yTrain, f0Train, lr, steps);
    expect(run.lossGap(record(steps, f, yTrain))).toBeLessThan(1e-5);
    const scale = 1.1;
    const scaled = f.map((fi, i) => yTrain[i] + scale * (fi - yTrain[i]));
    expect(run.lossGap(record(steps, scaled, yTrain))).toBeCloseTo(scale * scale - 1, 4);
  });

  it('measures the output gap to explicit frozen-kernel GD relative to the initial residual', () => {
    const steps = 12;
    const { f } = explicitGd(kernel, yTrain, f0Train, lr, steps);
    expect(run.outputGap(record(steps, f, yTrain))).toBeLessThan(1e-6);
    const offset = [0.01, -0.02, 0, 0.03, 0, 0, -0.01, 0.02];
    const r0 = Math.hypot(...f0Train.map((fi, i) => fi - yTrain[i]));
    expect(run.outputGap(record(steps, f.map((fi, i) => fi + offset[i]), yTrain))).toBeCloseTo(Math.hypot(...offset) / r0, 6);
  });

  it('predicts the test loss of explicit GD on the test points', () => {
    const kTestTrain = [0, 1, 2].map((a) => kernel[(3 * a + 1) % n].map((v) => 0.8 * v));
    const test = { kTestTrain, yTest: [0.2, -0.4, 0.6], f0Test: [0.05, -0.1, 0.2] };
    const withTest = circulantRun({ c, yTrain, f0Train, lr, test });
    for (const steps of [0, 1, 7, 40]) {
      const { fTest } = explicitGd(kernel, yTrain, f0Train, lr, steps, test);
      const expected = fTest.reduce((s, fi, i) => s + (fi - test.yTest[i]) ** 2, 0) / (2 * test.yTest.length);
      expect(withTest.predictedTestLoss(steps)).toBeCloseTo(expected, 6);
    }
    expect(() => run.predictedTestLoss(3)).toThrow(/test set/);
  });

  it('keeps K₀\'s spectrum across learning rates: the theory at a new η is the closed form at that η', () => {
    const other = run.initial.at(0.3);
    expect(other.theory.eigen).toBe(run.theory.eigen);
    expect(run.initial.at(0.3)).toBe(other);
    const fresh = linearisedDynamics({ kTrain: kernel, yTrain, f0Train, lr: 0.3 });
    for (const t of [0, 3, 50]) expect(other.theory.loss(t, 'gd')).toBeCloseTo(fresh.loss(t, 'gd'), 12);
    const { f } = explicitGd(kernel, yTrain, f0Train, 0.3, 9);
    expect(other.outputGap(record(9, f, yTrain))).toBeLessThan(1e-6);
  });
});
