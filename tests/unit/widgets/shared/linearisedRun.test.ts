import { describe, expect, it } from 'vitest';
import {
  curveWithin,
  divergenceMessage,
  formatReadout,
  logDomain,
  logStepGrid,
  nextChunk,
  predictedDivergenceNotice,
  stepGrid,
} from '../../../../src/widgets/shared/linearisedRun';
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

  it('warns before training only when η ≥ 2n/λ_max, naming both', () => {
    expect(predictedDivergenceNotice(run)).toBeNull();
    const limit = (2 * n) / lambdaMax;
    const unstable = circulantRun({ c, yTrain, f0Train, lr: 1.2 * limit });
    const notice = predictedDivergenceNotice(unstable)!;
    expect(notice).toContain(`η = ${formatReadout(1.2 * limit)}`);
    expect(notice).toContain(`2n/λ_max = ${formatReadout(limit)}`);
    expect(notice).toContain(`factor ${formatReadout(1.2 * 2 - 1)}`);
  });
});

/** The steps at which records land, from 0 to the horizon. */
function recordSteps(horizon: number, speed: number): number[] {
  const steps = [0];
  while (steps[steps.length - 1] < horizon) steps.push(steps[steps.length - 1] + nextChunk(steps[steps.length - 1], horizon, speed));
  return steps;
}

describe('nextChunk', () => {
  it('at speed 1 starts with single steps, grows with t, caps at horizon/40 and lands exactly on the horizon', () => {
    for (const horizon of [1, 7, 40, 300, 5000]) {
      const steps = [0];
      while (steps[steps.length - 1] < horizon) {
        const chunk = nextChunk(steps[steps.length - 1], horizon, 1);
        expect(chunk).toBeGreaterThanOrEqual(1);
        expect(chunk).toBeLessThanOrEqual(Math.max(1, Math.ceil(horizon / 40)));
        steps.push(steps[steps.length - 1] + chunk);
      }
      expect(steps[steps.length - 1]).toBe(horizon);
      expect(steps.slice(0, 9)).toEqual(Array.from({ length: Math.min(9, horizon + 1) }, (_, i) => i));
      expect(steps.length).toBeLessThan(40 + 8 * Math.log(horizon + 1) + 2);
      expect(nextChunk(horizon, horizon, 1)).toBe(0);
    }
  });

  it('multiplies the chunk by the speed, never below one step nor past the horizon', () => {
    // Late in a 300-step run the speed-1 chunk is the cap ⌈300/40⌉ = 8.
    expect([0.25, 0.5, 1, 2, 4].map((speed) => nextChunk(200, 300, speed))).toEqual([2, 4, 8, 16, 32]);
    // Early on a speed-1 chunk is one step, which slower speeds cannot shrink.
    expect(nextChunk(3, 300, 0.25)).toBe(1);
    expect(nextChunk(3, 300, 4)).toBe(4);
    expect(nextChunk(290, 300, 4)).toBe(10);
    for (const speed of [0.25, 4]) expect(recordSteps(300, speed).at(-1)).toBe(300);
  });

  it('gives fewer records per run the faster it goes', () => {
    const counts = [0.25, 0.5, 1, 2, 4].map((speed) => recordSteps(5000, speed).length);
    for (let i = 1; i < counts.length; i++) expect(counts[i]).toBeLessThan(counts[i - 1]);
  });
});

describe('step grids', () => {
  it('stepGrid gives distinct integers from start to horizon, at most count of them, evenly spread', () => {
    expect(stepGrid(10, 100)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const grid = stepGrid(1000, 101, 1);
    expect(grid[0]).toBe(1);
    expect(grid[grid.length - 1]).toBe(1000);
    expect(grid.length).toBe(101);
    expect(new Set(grid).size).toBe(grid.length);
    grid.slice(1).forEach((t, i) => expect(t - grid[i]).toBeGreaterThanOrEqual(9));
    expect(stepGrid(0, 10)).toEqual([0]);
    expect(stepGrid(5, 1)).toEqual([0, 5]);
  });

  it('logStepGrid covers 1 … horizon with every small step and even ratios beyond', () => {
    const grid = logStepGrid(10000, 100);
    expect(grid.slice(0, 5)).toEqual([1, 2, 3, 4, 5]);
    expect(grid[grid.length - 1]).toBe(10000);
    grid.slice(1).forEach((t, i) => expect(t).toBeGreaterThan(grid[i]));
    // Consecutive ratios never exceed the even spacing 10000^(1/99), give or take rounding.
    grid.slice(1).forEach((t, i) => expect(t / grid[i]).toBeLessThanOrEqual(Math.max(2, 1.01 * 10000 ** (1 / 99))));
    expect(logStepGrid(1, 10)).toEqual([1]);
  });
});

describe('curveWithin', () => {
  const pts = (ys: number[]) => ys.map((y, x) => ({ x, y }));
  it('keeps points inside the range and the first one beyond, and stops at a non-finite value', () => {
    expect(curveWithin(pts([1, 0.1, 0.01, 1e-5, 1e-9]), [1e-3, 10])).toEqual(pts([1, 0.1, 0.01, 1e-5]));
    expect(curveWithin(pts([1, 10, 1e3, 1e6]), [1e-3, 100])).toEqual(pts([1, 10, 1e3]));
    expect(curveWithin(pts([1, 2, Infinity, 3]), [0, 100])).toEqual(pts([1, 2]));
    expect(curveWithin(pts([NaN, 1]), [0, 10])).toEqual([]);
  });
});

describe('logDomain', () => {
  it('spans the positive finite values in whole decades, at most the given decades below the maximum', () => {
    expect(logDomain([0.5, 2, 0.01, -1, 0, NaN, Infinity], 6)).toEqual([0.01, 10]);
    expect(logDomain([0.9, 0.031], 6)).toEqual([0.01, 1]);
    expect(logDomain([1, 1e-12], 4)).toEqual([1e-4, 1]);
    expect(logDomain([3, 3], 4)).toEqual([1, 10]);
    expect(logDomain([0.002, 0.008], 4)).toEqual([0.001, 0.01]);
    expect(logDomain([0, -2, NaN], 4)).toBeUndefined();
  });
});

describe('formatReadout', () => {
  it('prints three significant digits that Number() reads back', () => {
    for (const x of [0, 1, -2.5, 0.012345, 3.14159e-7, 123456789, 42.42]) {
      const back = Number(formatReadout(x));
      expect(Number.isFinite(back)).toBe(true);
      expect(Math.abs(back - x)).toBeLessThanOrEqual(Math.abs(x) * 5e-3);
    }
  });
});

describe('divergenceMessage', () => {
  it('states η next to the predicted limit and which side of it η is', () => {
    const above = divergenceMessage(12, 5, 3.16);
    expect(above).toContain('η = 5');
    expect(above).toContain('2n/λ_max = 3.16');
    expect(above).toMatch(/step 12/);
    expect(above).toMatch(/at or above/);
    expect(divergenceMessage(12, 1, 3.16)).toMatch(/is below/);
  });
});
