/**
 * The linearised prediction the widget draws, at its defaults: the library's closed form from a
 * float32 kernel, as the worker sends K₀, against plain step-by-step gradient descent; and the best
 * (early-stopping) step the widget reads off it.
 */
import { describe, expect, it } from 'vitest';
import type { RunStart } from '../../../../src/engine/api';
import { analyticKernels, logStepGrid, predictedLosses } from '../../../../src/lib/ntk';
import { predictedEarlyStop } from '../../../../src/widgets/kit/earlyStopping';
import { InitialKernel } from '../../../../src/widgets/kit/linearisedRun';
import { kernelSpec, makeProblem } from '../../../../src/widgets/data-geometry/run';

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
const run = new InitialKernel(start, { xTrain: problem.xTrain, yTrain: problem.yNoisy, xTest: problem.xTest, yTest: problem.yTest }).at(lr);

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

describe('the linearised prediction at the widget’s defaults', () => {
  const total = 400;
  const simulated = simulate(total);
  const all = Array.from({ length: total + 1 }, (_, t) => t);
  const predicted = predictedLosses(run.theory, all, problem.yTest);

  it('equals step-by-step gradient descent of the linearised model', () => {
    predicted.forEach((p, t) => {
      expect(p.step).toBe(t);
      expect(p.train).toBeCloseTo(simulated[t].train, 9);
      expect(p.test!).toBeCloseTo(simulated[t].test, 9);
    });
  });

  it('has its test minimum early, before the flipped labels are fitted, and the widget finds it on a log grid', () => {
    const best = simulated.reduce((a, b) => (b.test < a.test ? b : a));
    expect(best.step).toBeGreaterThan(0);
    expect(best.step).toBeLessThan(total / 4);
    expect(simulated[total].test).toBeGreaterThan(1.5 * best.test);
    const stop = predictedEarlyStop(run, total);
    expect(Math.abs(Math.log(stop.step / best.step))).toBeLessThan(0.1);
    expect(stop.testLoss / best.test - 1).toBeLessThan(0.01);
    expect(stop.testLoss).toBeGreaterThanOrEqual(best.test * (1 - 1e-9));
    // The curves drawn are the same prediction on the chart's grid.
    const drawn = predictedLosses(run.theory, logStepGrid(total, 160), problem.yTest);
    for (const p of drawn) expect(p.test!).toBeCloseTo(simulated[p.step].test, 9);
  });
});
