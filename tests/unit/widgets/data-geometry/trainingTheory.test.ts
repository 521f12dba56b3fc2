import { describe, expect, it } from 'vitest';
import type { RunStart } from '../../../../src/engine/api';
import { analyticKernels } from '../../../../src/lib/ntk';
import { kernelSpec, makeProblem } from '../../../../src/widgets/data-geometry/problem';
import { bestStep, eFoldingSteps, logSteps, predictedLosses } from '../../../../src/widgets/data-geometry/trainingTheory';
import { LinearisedRun } from '../../../../src/widgets/shared/linearisedRun';

// The widget's defaults.
const problem = makeProblem({ n: 20, spread: 0.2, noise: 0.1, seed: 1 });
const n = problem.xTrain.length;
const lr = 2;
// float32 kernels, exactly as the worker reports them.
const kTrain = analyticKernels(problem.xTrain, problem.xTrain, kernelSpec({ activation: 'relu', depth: 1 })).ntk.map((row) => row.map(Math.fround));
const kTestTrain = analyticKernels(problem.xTest, problem.xTrain, kernelSpec({ activation: 'relu', depth: 1 })).ntk.map((row) => row.map(Math.fround));

/** A centred run's start: f₀ = 0 on every input. */
const start: RunStart = {
  runId: 1,
  lr,
  kernelTrain: Float32Array.from(kTrain.flat()),
  kernelTestTrain: Float32Array.from(kTestTrain.flat()),
  initial: {
    step: 0,
    trainLoss: 0.5,
    trainOutputs: new Array(n).fill(0),
    testOutputs: new Array(problem.xTest.length).fill(0),
    paramChange: 0,
    layerWeightChange: [0, 0],
    diverged: false,
  },
};
const run = new LinearisedRun(start, { xTrain: problem.xTrain, yTrain: problem.yNoisy, xTest: problem.xTest, yTest: problem.yTest }, lr);

const halfMse = (f: number[], y: number[]) => f.reduce((s, fi, i) => s + (fi - y[i]) ** 2, 0) / (2 * f.length);

/** Gradient descent of the linearised model step by step: f ← f − (η/n) K (f − y) on train and test. */
function simulate(steps: number): { step: number; train: number; test: number }[] {
  let f = new Array<number>(n).fill(0);
  let fTest = new Array<number>(problem.xTest.length).fill(0);
  const out = [];
  for (let t = 0; t <= steps; t++) {
    out.push({ step: t, train: halfMse(f, problem.yNoisy), test: halfMse(fTest, problem.yTest) });
    const r = f.map((fi, i) => fi - problem.yNoisy[i]);
    const move = (k: number[][]) => k.map((row) => (lr / n) * row.reduce((s, kij, j) => s + kij * r[j], 0));
    const dTrain = move(kTrain);
    const dTest = move(kTestTrain);
    f = f.map((fi, i) => fi - dTrain[i]);
    fTest = fTest.map((fi, i) => fi - dTest[i]);
  }
  return out;
}

describe('predictedLosses', () => {
  const total = 400;
  const simulated = simulate(total);
  const all = Array.from({ length: total + 1 }, (_, t) => t);
  const predicted = predictedLosses(run, all);

  it('equals step-by-step gradient descent of the linearised model', () => {
    predicted.forEach((p, t) => {
      expect(p.step).toBe(t);
      expect(p.train).toBeCloseTo(simulated[t].train, 9);
      expect(p.test).toBeCloseTo(simulated[t].test, 9);
    });
  });

  it('has its test minimum early, before the flipped labels are fitted', () => {
    const best = bestStep(predicted)!;
    expect(best).toBe(bestStep(simulated));
    expect(best).toBeGreaterThan(0);
    expect(best).toBeLessThan(total / 4);
    expect(predicted[total].test).toBeGreaterThan(1.5 * predicted[best].test);
  });

  it('finds nearly the same best step on a log grid', () => {
    const best = bestStep(predicted)!;
    const gridBest = bestStep(predictedLosses(run, logSteps(total, 160)))!;
    expect(Math.abs(Math.log(gridBest / best))).toBeLessThan(0.1);
  });
});

describe('logSteps', () => {
  it('runs from 1 to the total, increasing, spaced evenly in log step', () => {
    const steps = logSteps(5000, 100);
    expect(steps[0]).toBe(1);
    expect(steps[steps.length - 1]).toBe(5000);
    steps.slice(1).forEach((s, i) => expect(s).toBeGreaterThan(steps[i]));
    // Past the integer-rounding regime, consecutive steps are about 5000^(1/99) ≈ 1.09 apart.
    const late = steps.filter((s) => s > 200);
    late.slice(1).forEach((s, i) => expect(s / late[i]).toBeCloseTo(5000 ** (1 / 99), 1));
  });

  it('gives a single step for a total of one', () => {
    expect(logSteps(1, 50)).toEqual([1]);
  });
});

describe('bestStep', () => {
  it('is the earliest step with the lowest test loss', () => {
    const points = [{ step: 0, test: 3 }, { step: 5, test: 1 }, { step: 9, test: 2 }, { step: 12, test: 1 }];
    expect(bestStep(points)).toBe(5);
    expect(bestStep([])).toBeUndefined();
  });
});

describe('eFoldingSteps', () => {
  it('is the step count after which a slow mode keeps 1/e of its residual', () => {
    const lambda = 0.01;
    const steps = eFoldingSteps(n, lr, lambda);
    // (1 − ηλ/n)^t by direct repeated multiplication.
    let remaining = 1;
    for (let t = 0; t < Math.round(steps); t++) remaining *= 1 - (lr * lambda) / n;
    expect(remaining).toBeCloseTo(Math.exp(-1), 3);
  });
});
