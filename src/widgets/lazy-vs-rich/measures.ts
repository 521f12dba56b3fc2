/**
 * How far a trained network is from its linearisation, in function space and in weight space.
 * Pure: no DOM, no tfjs. First-layer weights arrive as the worker sends them: fan_in × width,
 * row-major, so neuron i's weight vector w_i ∈ ℝ² is (flat[i], flat[width + i]).
 */
import type { Point } from '../../charts';

/** mean_i ‖w_i − w_i(0)‖ / mean_i ‖w_i(0)‖ over every neuron: how far the particles travelled. */
export function particleDisplacement(weights: ArrayLike<number>, initial: ArrayLike<number>, width: number): number {
  let moved = 0;
  let size = 0;
  for (let i = 0; i < width; i++) {
    moved += Math.hypot(weights[i] - initial[i], weights[width + i] - initial[width + i]);
    size += Math.hypot(initial[i], initial[width + i]);
  }
  return moved / size;
}

/** At most `count` neuron indices spread evenly over 0 … width − 1 (all of them when width ≤ count). */
export function particleSample(width: number, count: number): number[] {
  const shown = Math.min(width, count);
  return Array.from({ length: shown }, (_, k) => Math.floor((k * width) / shown));
}

/** The sampled neurons' weight vectors as points of the plane. */
export function particlePositions(weights: ArrayLike<number>, width: number, sample: readonly number[]): Point[] {
  return sample.map((i) => ({ x: weights[i], y: weights[width + i] }));
}
