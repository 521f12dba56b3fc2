/**
 * How far sampled kernels sit from the analytic one, and how that distance falls with width.
 * At initialisation each entry of Θ̂ averages one contribution per hidden unit, so the relative
 * error ‖Θ̂ − Θ‖_F/‖Θ‖_F shrinks like width^(−1/2) (see content/02-infinite-width.svelte).
 */
import { group, mean } from 'd3';
import type { Matrix } from '../../lib/ntk';

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
