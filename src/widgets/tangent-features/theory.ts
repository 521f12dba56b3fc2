/**
 * What one gradient step at x_a should do, and how the measurement compares. With one training
 * point (n = 1) the linearised model predicts (content/01-linearisation.svelte, eq. one-step)
 *
 *   Δf(x) = −(η/n)·Θ(x, x_a)·(f(x_a) − y_a),
 *
 * exact to first order in η for the network's own kernel Θ̂, and up to its finite-width
 * fluctuation for the infinite-width Θ.
 */
import { maxIndex } from 'd3';
import { analyticKernels, linearisedDynamics, type MlpSpec } from '../../lib/ntk';
import type { OneStepMeasurement } from './run';

/** Where x_a, x_b and the grid sit in OneStepMeasurement's arrays. */
export const A = 0;
export const B = 1;
export const GRID_START = 2;

export interface StepPrediction {
  /** Predicted Δf on every input. */
  delta: number[];
  /** 2n/λ_max = 2/Θ(x_a, x_a): at or above it the step overshoots y_a and repeated steps diverge. */
  maxStableLr: number;
}

/**
 * The prediction from a kernel row Θ(·, x_a) over the inputs (row[A] = Θ(x_a, x_a)), computed by
 * the frozen-kernel dynamics at t = 1 so that it is the model of the later chapters.
 */
export function predictStep(row: readonly number[], before: readonly number[], ya: number, lr: number): StepPrediction {
  const dynamics = linearisedDynamics({
    kTrain: [[row[A]]],
    yTrain: [ya],
    f0Train: [before[A]],
    lr,
    kTestTrain: row.map((k) => [k]),
    f0Test: [...before],
  });
  return {
    delta: dynamics.testPrediction(1, 'gd').map((f, i) => f - before[i]),
    maxStableLr: dynamics.maxStableLr(),
  };
}

/** How far a prediction misses the measurement, relative to it: ‖predicted − measured‖/‖measured‖. */
export function relativeError(measured: readonly number[], predicted: readonly number[]): number {
  return Math.hypot(...measured.map((m, i) => predicted[i] - m)) / Math.hypot(...measured);
}

/** Cosine of the angle between the gradients ∇f(x_a) and ∇f(x_b): Θ(a, b)/√(Θ(a, a)Θ(b, b)). */
export function gradientCosine(kaa: number, kbb: number, kab: number): number {
  return kab / Math.sqrt(kaa * kbb);
}

export interface StepAnalysis {
  grid: number[];
  /** Δf measured on the grid, and as the network's own kernel and the infinite-width kernel predict it. */
  measured: number[];
  predicted: number[];
  predictedAnalytic: number[];
  error: number;
  analyticError: number;
  maxStableLr: number;
  /** f(x_a) − y_a. */
  residual: number;
  /** Δf at the training input itself, measured and predicted with the network's own kernel. */
  atA: { measured: number; predicted: number };
  kernel: { aa: number; bb: number; ab: number; cosine: number };
  /** The grid input where Θ̂(x_a, x) is largest. */
  peak: number;
}

export function analyseStep(m: OneStepMeasurement, lr: number): StepAnalysis {
  const onGrid = (values: readonly number[]) => values.slice(GRID_START);
  const ya = m.targets[A];
  const own = predictStep(m.kernel.a, m.before, ya, lr);
  const analytic = predictStep(m.analytic.a, m.before, ya, lr);
  const grid = onGrid(m.inputs);
  const measured = onGrid(m.after.map((f, i) => f - m.before[i]));
  const predicted = onGrid(own.delta);
  const predictedAnalytic = onGrid(analytic.delta);
  const [aa, bb, ab] = [m.kernel.a[A], m.kernel.b[B], m.kernel.a[B]];
  return {
    grid,
    measured,
    predicted,
    predictedAnalytic,
    error: relativeError(measured, predicted),
    analyticError: relativeError(measured, predictedAnalytic),
    maxStableLr: own.maxStableLr,
    residual: m.before[A] - ya,
    atA: { measured: m.after[A] - m.before[A], predicted: own.delta[A] },
    kernel: { aa, bb, ab, cosine: gradientCosine(aa, bb, ab) },
    peak: grid[maxIndex(onGrid(m.kernel.a))],
  };
}

export interface EqualOutputPair {
  a: number;
  b: number;
  /** Cosine of the gradients at a and b. */
  cosine: number;
  /** |f(a) − f(b)| relative to the range of f on the grid. */
  gap: number;
}

/**
 * Two grid inputs, at least `minDistance` apart, whose outputs at initialisation agree to within
 * `tolerance` of f's range on the grid, and whose gradients are as far apart as possible (lowest
 * cosine Θ̂(a, b)/√(Θ̂(a, a)Θ̂(b, b))): the pair that shows that equal outputs say nothing about
 * equal gradients. Undefined when no pair qualifies.
 */
export function equalOutputPair(
  grid: readonly number[],
  outputs: readonly number[],
  gram: readonly (readonly number[])[],
  { tolerance = 0.05, minDistance = 0.3 } = {},
): EqualOutputPair | undefined {
  const range = Math.max(...outputs) - Math.min(...outputs);
  let best: EqualOutputPair | undefined;
  for (let i = 0; i < grid.length; i++) {
    for (let j = i + 1; j < grid.length; j++) {
      const gap = Math.abs(outputs[i] - outputs[j]) / range;
      if (gap > tolerance || Math.abs(grid[i] - grid[j]) < minDistance) continue;
      const cosine = gradientCosine(gram[i][i], gram[j][j], gram[i][j]);
      if (!best || cosine < best.cosine) best = { a: grid[i], b: grid[j], cosine, gap };
    }
  }
  return best;
}

/**
 * Rows Θ(x_a, ·) and Θ(x_b, ·) of the infinite-width kernel over the inputs, on the page, so they
 * follow a dragged x_a at once; null for tanh, whose quadrature takes 20–60 ms per call here
 * (too slow for every input event), so its rows come with the worker's measurement instead.
 */
export function analyticRows(spec: MlpSpec, inputs: readonly number[]): { a: number[]; b: number[] } | null {
  if (spec.activation === 'tanh') return null;
  const { ntk } = analyticKernels([[inputs[A]], [inputs[B]]], inputs.map((x) => [x]), spec);
  return { a: ntk[0], b: ntk[1] };
}
