/** Small statistics shared by the trainer, the widgets and the essay's claims. */
import type { Point } from './types';

/** (1/2m)‖f − y‖², the loss convention of the trainer and the linearised dynamics. */
export function halfMeanSquaredError(f: readonly number[], y: readonly number[]): number {
  if (f.length !== y.length) throw new RangeError(`outputs (${f.length}) and labels (${y.length}) differ in length`);
  return f.reduce((sum, fi, i) => sum + (fi - y[i]) ** 2, 0) / (2 * f.length);
}

/** y = c·x^s: a straight line of slope s on log–log axes. */
export interface PowerLaw {
  slope: number;
  prefactor: number;
}

/**
 * Ordinary least squares of ln y on ln x over the points with x, y > 0. Null when fewer than two
 * distinct x remain, since then no slope is determined.
 */
export function fitPowerLaw(points: readonly Point[]): PowerLaw | null {
  const logs = points.filter((p) => p.x > 0 && p.y > 0).map((p) => ({ u: Math.log(p.x), v: Math.log(p.y) }));
  if (logs.length < 2) return null;
  const uMean = logs.reduce((s, p) => s + p.u, 0) / logs.length;
  const vMean = logs.reduce((s, p) => s + p.v, 0) / logs.length;
  const sxx = logs.reduce((s, p) => s + (p.u - uMean) ** 2, 0);
  if (!(sxx > 1e-12)) return null;
  const sxy = logs.reduce((s, p) => s + (p.u - uMean) * (p.v - vMean), 0);
  const slope = sxy / sxx;
  return { slope, prefactor: Math.exp(vMean - slope * uMean) };
}

/** The power law of the given slope through `anchor`. */
export function powerLawThrough(anchor: Point, slope: number): PowerLaw {
  return { slope, prefactor: anchor.y / anchor.x ** slope };
}

/** The power law's values at the ends of [xMin, xMax]: a straight segment on log–log axes. */
export function powerLawSegment({ slope, prefactor }: PowerLaw, [xMin, xMax]: readonly [number, number]): Point[] {
  return [xMin, xMax].map((x) => ({ x, y: prefactor * x ** slope }));
}
