/**
 * The predictions the lazy-vs-rich widget draws beside the network: its own linearisation (K₀ and
 * f₀ from RunStart, ../kit/linearisedRun.ts) and the infinite-width one (the analytic NTK, f₀ = 0),
 * and how far the network is from each. Pure: no DOM, no tfjs.
 *
 * The trainer's g = α(f − f₀) (or αf) obeys ġ = −(η/n) Θ_lr (g − y) for every α, with Θ_lr the
 * lr-weighted NTK of f (src/lib/nn/trainer.ts), so both predictions use that kernel and the same η.
 */
import type { TrainRecord } from '../../lib/nn';
import { KernelSpectrum, type LinearisedDynamics, type Matrix } from '../../lib/ntk';
import { relativeGap } from '../kit/functionFit';

/** Analytic NTK on train × train and test × train. */
export interface AnalyticNtk {
  train: Matrix;
  testTrain: Matrix;
}

/**
 * The infinite-width linearised network for labels `yTrain`, everything but η: the analytic NTK
 * and f₀ = 0, the mean of f₀ over initialisations (each finite network starts from its own random
 * f₀, which this prediction averages out). `.dynamics(η)` then gives the prediction at any η
 * cheaply, so it redraws on every input event of the learning-rate slider.
 */
export function infiniteWidthSpectrum(kernel: AnalyticNtk, yTrain: number[]): KernelSpectrum {
  return new KernelSpectrum({ kTrain: kernel.train, yTrain, kTestTrain: kernel.testTrain });
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
export function compareWithTheory(
  linearised: LinearisedDynamics,
  records: readonly TrainRecord[],
  infinite: LinearisedDynamics | null,
): FunctionComparison | null {
  const initial = records[0]?.testOutputs;
  const latest = records[records.length - 1];
  if (!initial || !latest?.testOutputs) return null;
  const predicted = linearised.testPrediction(latest.step, 'gd');
  const infinitePrediction = infinite?.testPrediction(latest.step, 'gd');
  return {
    step: latest.step,
    network: latest.testOutputs,
    linearised: predicted,
    infinite: infinitePrediction,
    gapLinear: relativeGap(latest.testOutputs, predicted, initial),
    gapInfinite: infinitePrediction ? relativeGap(latest.testOutputs, infinitePrediction, infinitePrediction.map(() => 0)) : null,
  };
}
