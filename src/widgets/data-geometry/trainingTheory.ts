/**
 * The linearised prediction of the training run on a log step grid (from the run's own K₀, see
 * ../shared/linearisedRun.ts), and the step at which a test-loss curve is lowest: early stopping.
 */
import type { LinearisedRun } from '../shared/linearisedRun';

export interface LossPoint {
  step: number;
  train: number;
  test: number;
}

/** Predicted train and test loss (1/2m)‖f − y‖² at each GD step count. */
export function predictedLosses(run: LinearisedRun, steps: readonly number[]): LossPoint[] {
  return steps.map((step) => ({ step, train: run.theory.loss(step, 'gd'), test: run.predictedTestLoss(step) }));
}

/** At most `count` distinct integer steps from 1 to total (≥ 1), evenly spaced in log step, both ends included. */
export function logSteps(total: number, count: number): number[] {
  const steps = Array.from({ length: count }, (_, i) => Math.round(total ** (i / (count - 1))));
  return [...new Set(steps)];
}

/** The step with the lowest test loss (the earliest on ties); undefined for no points. */
export function bestStep(points: readonly { step: number; test: number }[]): number | undefined {
  let best: { step: number; test: number } | undefined;
  for (const p of points) if (!best || p.test < best.test) best = p;
  return best?.step;
}

/** n/(ηλ): GD steps for a mode of eigenvalue λ to shrink by a factor e (eq. mode-decay, for ηλ/n ≪ 1). */
export function eFoldingSteps(n: number, lr: number, lambda: number): number {
  return n / (lr * lambda);
}
