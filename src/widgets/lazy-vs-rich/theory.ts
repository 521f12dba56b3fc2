/**
 * The infinite-width prediction and the predicted loss curves. The network's own linearisation
 * (K₀ and f₀ from RunStart) is ../shared/linearisedRun.ts. Pure: no DOM, no tfjs.
 *
 * The trainer's g = α(f − f₀) (or αf) obeys ġ = −(η/n) Θ_lr (g − y) for every α, with Θ_lr the
 * lr-weighted NTK of f (src/lib/nn/trainer.ts), so both predictions use that kernel and the same η.
 */
import type { TrainRecord } from '../../lib/nn';
import { linearisedDynamics, type LinearisedDynamics, type Matrix } from '../../lib/ntk';
import type { LinearisedRun } from '../shared/linearisedRun';
import { relativeGap } from './measures';

/** Analytic NTK on train × train and test × train. */
export interface AnalyticNtk {
  train: Matrix;
  testTrain: Matrix;
}

/**
 * The infinite-width linearised network: the analytic NTK and f₀ = 0, the mean of f₀ over
 * initialisations (each finite network starts from its own random f₀, which this line averages out).
 */
export function infiniteWidthModel(kernel: AnalyticNtk, yTrain: number[], lr: number): LinearisedDynamics {
  return linearisedDynamics({ kTrain: kernel.train, yTrain, lr, kTestTrain: kernel.testTrain });
}

/** (1/2m)‖f − y‖², the trainer's loss convention. */
export function halfMeanSquaredError(f: readonly number[], y: readonly number[]): number {
  return f.reduce((sum, fi, i) => sum + (fi - y[i]) ** 2, 0) / (2 * f.length);
}

export interface PredictedLoss {
  step: number;
  train: number;
  test: number;
}

/** Train and test loss of a linearised model after each of `steps` GD steps. */
export function predictedLosses(model: LinearisedDynamics, yTest: readonly number[], steps: readonly number[]): PredictedLoss[] {
  return steps.map((step) => ({
    step,
    train: model.loss(step, 'gd'),
    test: halfMeanSquaredError(model.testPrediction(step, 'gd'), yTest),
  }));
}

export interface FunctionComparison {
  step: number;
  /** The network's outputs g_t on the test grid. */
  network: number[];
  /** Its own linearisation (K₀, f₀) at the same step. */
  linearised: number[];
  /** The infinite-width mean at the same step, when there is one. */
  infinite?: number[];
  /** ‖g − g_lin‖/‖g_lin − g₀‖ on the test grid; null at step 0. */
  gapLinear: number | null;
  /** ‖g − g_∞‖/‖g_∞‖ (g_∞ starts at 0); null without an infinite-width model or at step 0. */
  gapInfinite: number | null;
}

/** The latest record's function on the test grid against both predictions at its step. */
export function compareWithTheory(run: LinearisedRun, records: readonly TrainRecord[], infinite: LinearisedDynamics | null): FunctionComparison | null {
  const initial = records[0]?.testOutputs;
  const latest = records[records.length - 1];
  if (!initial || !latest?.testOutputs) return null;
  const linearised = run.theory.testPrediction(latest.step, 'gd');
  const infinitePrediction = infinite?.testPrediction(latest.step, 'gd');
  return {
    step: latest.step,
    network: latest.testOutputs,
    linearised,
    infinite: infinitePrediction,
    gapLinear: relativeGap(latest.testOutputs, linearised, initial),
    gapInfinite: infinitePrediction ? relativeGap(latest.testOutputs, infinitePrediction, infinitePrediction.map(() => 0)) : null,
  };
}

/**
 * The largest ‖g − g_lin‖/‖g_lin − g₀‖ over the records after the first. A rich network can end
 * near its linearisation's interpolant (both fit the same points) after travelling far from it on
 * the way, so the largest gap tells the regimes apart better than the last one.
 */
export function largestGap(run: LinearisedRun, records: readonly TrainRecord[]): number | null {
  const initial = records[0]?.testOutputs;
  if (!initial) return null;
  let largest: number | null = null;
  for (const record of records.slice(1)) {
    if (!record.testOutputs) continue;
    const gap = relativeGap(record.testOutputs, run.theory.testPrediction(record.step, 'gd'), initial);
    if (gap !== null) largest = Math.max(largest ?? 0, gap);
  }
  return largest;
}
