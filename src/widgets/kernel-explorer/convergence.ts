/**
 * How far sampled kernels sit from the analytic one, and how that distance falls with width.
 * At initialisation each entry of Θ̂ averages one contribution per hidden unit, so the relative
 * error ‖Θ̂ − Θ‖_F/‖Θ‖_F shrinks like width^(−1/2) (see content/02-infinite-width.svelte).
 */
import { group, mean } from 'd3';
import { Matrix as MlMatrix, solve } from 'ml-matrix';
import type { Matrix } from '../../lib/ntk';

/** The convergence plot's smallest width. */
export const SWEEP_START = 16;

/**
 * Widths for the convergence plot: powers of two from SWEEP_START up to the chosen width (skipping
 * one closer to it than a factor 1.5), then the chosen width itself, doubled until there are three
 * widths to fit a slope through.
 */
export function sweepWidths(width: number): number[] {
  const widths: number[] = [];
  for (let w = SWEEP_START; w < width / 1.5; w *= 2) widths.push(w);
  widths.push(width);
  while (widths.length < 3) widths.push(2 * widths[widths.length - 1]);
  return widths;
}

/** ‖Θ̂ − Θ‖_F/‖Θ‖_F for a sampled Gram matrix, row-major, against the analytic one. */
export function relativeFrobeniusError(sample: ArrayLike<number>, reference: Matrix): number {
  let diff = 0;
  let norm = 0;
  reference.forEach((row, i) =>
    row.forEach((value, j) => {
      diff += (sample[i * row.length + j] - value) ** 2;
      norm += value ** 2;
    }),
  );
  return Math.sqrt(diff / norm);
}

/** Mean of |sample − reference| over every entry of every sample. */
export function meanAbsDeviation(samples: readonly ArrayLike<number>[], reference: readonly number[]): number {
  const total = samples.reduce((sum, s) => sum + reference.reduce((acc, r, j) => acc + Math.abs(s[j] - r), 0), 0);
  return total / (samples.length * reference.length);
}

export interface WidthError {
  width: number;
  /** Mean relative Frobenius error over the seeds sampled at this width. */
  error: number;
  seeds: number;
}

/** Mean relative error per width, widths ascending. */
export function errorsByWidth(samples: readonly { width: number; kernel: ArrayLike<number> }[], reference: Matrix): WidthError[] {
  return [...group(samples, (s) => s.width)]
    .map(([width, atWidth]) => ({
      width,
      error: mean(atWidth, (s) => relativeFrobeniusError(s.kernel, reference))!,
      seeds: atWidth.length,
    }))
    .sort((a, b) => a.width - b.width);
}

export interface PowerLaw {
  exponent: number;
  prefactor: number;
}

/** Least-squares fit of y = c·x^a on log–log axes (needs two distinct positive x and positive y). */
export function fitPowerLaw(points: readonly { x: number; y: number }[]): PowerLaw {
  const design = new MlMatrix(points.map((p) => [1, Math.log(p.x)]));
  const logs = MlMatrix.columnVector(points.map((p) => Math.log(p.y)));
  const [logPrefactor, exponent] = solve(design, logs).to1DArray();
  return { exponent, prefactor: Math.exp(logPrefactor) };
}
