/**
 * The frozen-kernel theory of one training run, built from what the worker reports when the run is
 * created (RunStart: the network's own K₀ and initial outputs), and the comparisons of measured
 * records with it. Pure: no DOM, no tfjs.
 *
 * The trainer's function-space update is g_{t+1} = g_t − (η/n) Θ_lr (g_t − y) to first order
 * (src/lib/nn/trainer.ts), so the linearised prediction uses the lr-weighted K₀ with the same η.
 */
import type { RunStart } from '../../engine/api';
import type { TrainingData, TrainRecord } from '../../lib/nn';
import { linearisedDynamics, type LinearisedDynamics, type Matrix } from '../../lib/ntk';
import type { Domain, Point } from '../../charts';
import { toRows } from './matrix';

export class LinearisedRun {
  readonly n: number;
  readonly lr: number;
  /** K₀ on train × train. */
  readonly kernel: Matrix;
  readonly theory: LinearisedDynamics;
  private readonly yTrain: number[];
  private readonly yTest?: number[];

  constructor(start: RunStart, data: TrainingData, lr: number) {
    this.n = data.yTrain.length;
    this.lr = lr;
    this.yTrain = data.yTrain.slice();
    this.kernel = toRows(start.kernelTrain, this.n);
    const testKernel = start.kernelTestTrain && data.yTest ? toRows(start.kernelTestTrain, this.n) : undefined;
    if (testKernel) this.yTest = data.yTest!.slice();
    this.theory = linearisedDynamics({
      kTrain: this.kernel,
      yTrain: this.yTrain,
      f0Train: start.initial.trainOutputs,
      lr,
      kTestTrain: testKernel,
      f0Test: testKernel ? start.initial.testOutputs : undefined,
    });
  }

  /** 2n/λ_max: GD on the frozen kernel diverges at and above this learning rate. */
  get stabilityLimit(): number {
    return this.theory.maxStableLr();
  }

  /** |1 − ηλ_k/n|, mode k's factor per step (k = 0 is the top mode). */
  modeFactor(k: number): number {
    return Math.abs(1 - (this.lr * this.theory.eigen.values[k]) / this.n);
  }

  /** v_kᵀ(f − y) for every eigenvector v_k of K₀, from measured outputs on the training set. */
  measuredModes(trainOutputs: readonly number[]): number[] {
    const residual = trainOutputs.map((f, i) => f - this.yTrain[i]);
    return this.theory.eigen.vectors.map((v) => v.reduce((sum, vi, i) => sum + vi * residual[i], 0));
  }

  /** (1/2m)‖f_t(X*) − y*‖² of the linearised model on the test set. */
  predictedTestLoss(step: number): number {
    if (!this.yTest) throw new Error('predictedTestLoss needs a test set with labels');
    const f = this.theory.testPrediction(step, 'gd');
    return f.reduce((sum, fi, i) => sum + (fi - this.yTest![i]) ** 2, 0) / (2 * f.length);
  }

  /** |L − L_lin| / L_lin at the record's step: how far the network's loss is from its linearisation's. */
  lossGap(record: TrainRecord): number {
    const predicted = this.theory.loss(record.step, 'gd');
    return Math.abs(record.trainLoss - predicted) / predicted;
  }

  /**
   * ‖f_t − f_lin,t‖ / ‖f₀ − y‖ on the training set: the distance from the linearised network that
   * Lee et al. (2019) bound by O(width^−1/2) in the NTK parameterisation, relative to where training started.
   */
  outputGap(record: TrainRecord): number {
    const predicted = this.theory.trainPrediction(record.step, 'gd');
    const gap = Math.hypot(...record.trainOutputs.map((f, i) => f - predicted[i]));
    return gap / Math.hypot(...this.theory.modeCoefficients());
  }
}

/**
 * GD steps to run before the next record: at speed 1 about an eighth of the steps taken so far, so
 * records are spaced evenly in log t early on (where the top modes fall) and at most `horizon`/40
 * apart later. `speed` multiplies that (rounded, at least one step); never past the horizon.
 */
export function nextChunk(step: number, horizon: number, speed: number): number {
  const chunk = Math.min(Math.max(1, Math.ceil(step / 8)), Math.max(1, Math.ceil(horizon / 40)));
  return Math.max(0, Math.min(Math.max(1, Math.round(chunk * speed)), horizon - step));
}

/** At most `count` distinct integer steps from `from` to `horizon` inclusive, evenly spaced. */
export function stepGrid(horizon: number, count: number, from = 0): number[] {
  const span = horizon - from;
  if (span <= 0) return [from];
  const intervals = Math.max(1, Math.min(count, span + 1) - 1);
  const steps = Array.from({ length: intervals + 1 }, (_, i) => Math.round(from + (span * i) / intervals));
  return [...new Set(steps)];
}

/** At most `count` distinct integer steps from 1 to `horizon`, evenly spaced in log t (for a log-t axis). */
export function logStepGrid(horizon: number, count: number): number[] {
  if (horizon <= 1) return [1];
  const top = Math.log(horizon);
  const steps = Array.from({ length: count }, (_, i) => Math.round(Math.exp((top * i) / (count - 1))));
  return [...new Set(steps)];
}

/**
 * Points of a predicted curve for a chart with y range `range`: kept while inside it, up to and
 * including the first point beyond it (so the line visibly leaves the plot), never a non-finite y.
 */
export function curveWithin(points: readonly Point[], [lo, hi]: Domain): Point[] {
  const kept: Point[] = [];
  for (const p of points) {
    if (!Number.isFinite(p.y)) break;
    kept.push(p);
    if (p.y < lo || p.y > hi) break;
  }
  return kept;
}

/**
 * A log axis range over the positive finite values, widened to whole powers of ten (so the axis is
 * labelled at powers of ten): up to their maximum, down to their minimum but no more than `decades`
 * below the maximum, so a curve decaying to round-off cannot flatten the rest.
 */
export function logDomain(values: Iterable<number>, decades: number): Domain | undefined {
  let lo = Infinity;
  let hi = 0;
  for (const v of values) {
    if (!(v > 0 && Number.isFinite(v))) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (hi === 0) return undefined;
  const top = Math.ceil(Math.log10(hi) - 1e-9);
  const bottom = Math.floor(Math.log10(Math.max(lo, hi / 10 ** decades)) + 1e-9);
  return [powerOfTen(Math.min(bottom, top - 1)), powerOfTen(top)];
}

/** 10^e, exact to the nearest double also for negative e (10 ** −4 is not 1e-4 in floating point). */
const powerOfTen = (e: number) => (e >= 0 ? 10 ** e : 1 / 10 ** -e);

/** A number for a readout: three significant digits, parseable by Number(). */
export function formatReadout(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x !== 0 && (Math.abs(x) >= 1e5 || Math.abs(x) < 1e-3)) return x.toExponential(2);
  return String(Number(x.toPrecision(3)));
}

/** What the frame says before training when η is past the limit, or null when GD on K₀ is stable. */
export function predictedDivergenceNotice(run: LinearisedRun): string | null {
  if (!run.theory.diverges) return null;
  return (
    `η = ${formatReadout(run.lr)} is at or above the predicted stability limit 2n/λ_max = ${formatReadout(run.stabilityLimit)}: ` +
    `the linearised model's top mode grows by a factor ${formatReadout(run.modeFactor(0))} per step. ` +
    'A real network can escape for a while by shrinking its kernel; the run stops if it diverges.'
  );
}

/** What the frame says when the trainer reports divergence, with η next to the predicted limit. */
export function divergenceMessage(step: number, lr: number, limit: number): string {
  const comparison = lr >= limit ? 'at or above' : 'below';
  const why =
    lr >= limit
      ? 'the top eigenmode of K₀ grows at every step, as predicted'
      : 'the kernel moved away from K₀, so the frozen-kernel prediction no longer applies';
  return `Training diverged at step ${step}: η = ${formatReadout(lr)} is ${comparison} the predicted stability limit 2n/λ_max = ${formatReadout(limit)}; ${why}. Lower η to train again.`;
}
