import { describe, expect, it } from 'vitest';
import type { RunStart } from '../../../../src/engine/api';
import type { TrainRecord } from '../../../../src/lib/nn';
import { analyticKernels, kernelRegressionMean, predictedLosses, type Matrix } from '../../../../src/lib/ntk';
import { InitialKernel } from '../../../../src/widgets/kit/linearisedRun';
import { circleDataset, networkSpec } from '../../../../src/widgets/lazy-vs-rich/run';
import { largestGap } from '../../../../src/widgets/kit/functionFit';
import { compareWithTheory, infiniteWidthSpectrum } from '../../../../src/widgets/lazy-vs-rich/theory';

const data = circleDataset({ n: 8, modes: [1, 3] });
const spec = networkSpec({ depth: 1, activation: 'relu' });
const kTrain = analyticKernels(data.xTrain, data.xTrain, spec).ntk;
const kTestTrain = analyticKernels(data.xTest, data.xTrain, spec).ntk;
const lr = 1.5;

const matVec = (a: Matrix, x: number[]) => a.map((row) => row.reduce((s, aij, j) => s + aij * x[j], 0));
const halfMse = (f: number[], y: number[]) => f.reduce((s, fi, i) => s + (fi - y[i]) ** 2, 0) / (2 * f.length);
const norm = (v: number[]) => Math.hypot(...v);

/**
 * Function-space GD of the linearised network, step by step: both sets of outputs move by
 * −(η/n)K(·, X)(f(X) − y). An independent route to the closed form (I − ηK/n)^t.
 */
function iterateGd(f0Train: number[], f0Test: number[], steps: number, rate = lr): { train: number[]; test: number[] } {
  let train = f0Train.slice();
  let test = f0Test.slice();
  const n = train.length;
  for (let t = 0; t < steps; t++) {
    const residual = train.map((f, i) => f - data.yTrain[i]);
    const dTrain = matVec(kTrain, residual);
    const dTest = matVec(kTestTrain, residual);
    train = train.map((f, i) => f - (rate / n) * dTrain[i]);
    test = test.map((f, i) => f - (rate / n) * dTest[i]);
  }
  return { train, test };
}

describe('infiniteWidthSpectrum', () => {
  const model = infiniteWidthSpectrum({ train: kTrain, testTrain: kTestTrain }, data.yTrain).dynamics(lr);
  const zerosTrain = data.yTrain.map(() => 0);
  const zerosTest = data.yTest.map(() => 0);

  it('starts from f₀ = 0 and follows function-space GD step by step', () => {
    expect(model.testPrediction(0, 'gd')).toEqual(zerosTest);
    for (const steps of [1, 7, 40]) {
      const { train, test } = iterateGd(zerosTrain, zerosTest, steps);
      const predicted = model.testPrediction(steps, 'gd');
      expect(norm(predicted.map((f, i) => f - test[i]))).toBeLessThan(1e-10 * Math.max(1, norm(test)));
      expect(model.loss(steps, 'gd')).toBeCloseTo(halfMse(train, data.yTrain), 12);
    }
  });

  it('converges to the kernel regression mean K(X*, X)K⁻¹y', () => {
    const mean = kernelRegressionMean(kTestTrain, kTrain, data.yTrain);
    const late = model.testPrediction(1e7, 'gd');
    expect(norm(late.map((f, i) => f - mean[i])) / norm(mean)).toBeLessThan(1e-6);
  });

  it('serves every η from one spectrum: each follows function-space GD at its own rate', () => {
    const spectrum = infiniteWidthSpectrum({ train: kTrain, testTrain: kTestTrain }, data.yTrain);
    for (const rate of [0.2, 3]) {
      const { test } = iterateGd(data.yTrain.map(() => 0), data.yTest.map(() => 0), 17, rate);
      const predicted = spectrum.dynamics(rate).testPrediction(17, 'gd');
      expect(norm(predicted.map((f, i) => f - test[i]))).toBeLessThan(1e-10 * norm(test));
    }
  });
});

describe('predictedLosses', () => {
  it('gives the train and test loss of the iterated model at each requested step', () => {
    const model = infiniteWidthSpectrum({ train: kTrain, testTrain: kTestTrain }, data.yTrain).dynamics(lr);
    const steps = [0, 3, 25];
    const losses = predictedLosses(model, steps, data.yTest);
    losses.forEach((p, k) => {
      const { train, test } = iterateGd(data.yTrain.map(() => 0), data.yTest.map(() => 0), steps[k]);
      expect(p.step).toBe(steps[k]);
      expect(p.train).toBeCloseTo(halfMse(train, data.yTrain), 12);
      expect(p.test).toBeCloseTo(halfMse(test, data.yTest), 12);
    });
  });
});

describe('compareWithTheory', () => {
  // A run whose K₀ is the analytic kernel and whose f₀ is a fixed wiggle, as RunStart delivers them.
  const f0 = (theta: number) => 0.3 * Math.sin(2 * theta) - 0.1;
  const { train: thetaTrain, test: thetaTest } = data.coordinate!;
  const record = (step: number, trainOutputs: number[], testOutputs: number[]): TrainRecord => ({
    step,
    trainLoss: halfMse(trainOutputs, data.yTrain),
    trainOutputs,
    testOutputs,
    paramChange: 0,
    layerWeightChange: [0, 0],
    diverged: false,
  });
  const initial = record(0, thetaTrain.map(f0), thetaTest.map(f0));
  const start: RunStart = {
    runId: 1,
    lr,
    initial,
    kernelTrain: Float32Array.from(kTrain.flat()),
    kernelTestTrain: Float32Array.from(kTestTrain.flat()),
  };
  const run = new InitialKernel(start, data).at(lr).theory;
  const infinite = infiniteWidthSpectrum({ train: kTrain, testTrain: kTestTrain }, data.yTrain).dynamics(lr);

  it('measures the gaps of a network that is off its linearisation by a known amount', () => {
    const steps = 30;
    const lin = iterateGd(initial.trainOutputs, initial.testOutputs!, steps).test;
    const offset = thetaTest.map((theta) => 0.02 * Math.cos(5 * theta));
    const network = lin.map((f, i) => f + offset[i]);
    const comparison = compareWithTheory(run, [initial, record(steps, lin.slice(0, 8), network)], infinite)!;
    // Float32 kernels: agreement to single precision.
    expect(norm(comparison.linearised.map((f, i) => f - lin[i]))).toBeLessThan(1e-5);
    const moved = norm(lin.map((f, i) => f - initial.testOutputs![i]));
    expect(comparison.gapLinear).toBeCloseTo(norm(offset) / moved, 4);
    const inf = iterateGd(data.yTrain.map(() => 0), data.yTest.map(() => 0), steps).test;
    expect(comparison.gapInfinite).toBeCloseTo(norm(network.map((f, i) => f - inf[i])) / norm(inf), 4);
  });

  it('has no gaps at step 0 and no infinite-width gap without a model', () => {
    const atStart = compareWithTheory(run, [initial], infinite)!;
    expect(atStart.gapLinear).toBeNull();
    expect(atStart.gapInfinite).toBeNull();
    expect(compareWithTheory(run, [initial, record(5, initial.trainOutputs, initial.testOutputs!)], null)!.gapInfinite).toBeNull();
  });

  it('keeps the largest gap over the records, however training ends', () => {
    const offset = thetaTest.map((theta) => Math.cos(5 * theta));
    const records = [initial];
    const expected: number[] = [];
    for (const [steps, size] of [[4, 0.01], [12, 0.05], [40, 0.002]]) {
      const lin = iterateGd(initial.trainOutputs, initial.testOutputs!, steps).test;
      records.push(record(steps, lin.slice(0, 8), lin.map((f, i) => f + size * offset[i])));
      expected.push((size * norm(offset)) / norm(lin.map((f, i) => f - initial.testOutputs![i])));
    }
    expect(largestGap(run, records)).toBeCloseTo(Math.max(...expected), 4);
    expect(largestGap(run, [initial])).toBeNull();
  });
});
