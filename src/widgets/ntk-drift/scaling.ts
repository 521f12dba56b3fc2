/**
 * Power laws on log–log axes: the least-squares line through (ln x, ln y), and straight guides of a
 * given slope. A power law y = c·x^s is the line ln y = ln c + s·ln x there.
 */
import { extent, mean } from 'd3';
import type { Point } from '../../charts';

export interface PowerLawFit {
  /** s in y = c·x^s. */
  slope: number;
  /** c in y = c·x^s. */
  prefactor: number;
}

/**
 * Ordinary least squares of ln y on ln x over the points with x, y > 0. Null when fewer than two
 * distinct x remain, since then no slope is determined.
 */
export function fitPowerLaw(points: readonly Point[]): PowerLawFit | null {
  const logs = points.filter((p) => p.x > 0 && p.y > 0).map((p) => ({ u: Math.log(p.x), v: Math.log(p.y) }));
  const uMean = mean(logs, (p) => p.u);
  const vMean = mean(logs, (p) => p.v);
  if (uMean === undefined || vMean === undefined) return null;
  const sxx = logs.reduce((s, p) => s + (p.u - uMean) ** 2, 0);
  if (!(sxx > 1e-12)) return null;
  const sxy = logs.reduce((s, p) => s + (p.u - uMean) * (p.v - vMean), 0);
  const slope = sxy / sxx;
  return { slope, prefactor: Math.exp(vMean - slope * uMean) };
}

/** The power law's values at the ends of [xMin, xMax]: a straight segment on log–log axes. */
export function powerLawSegment({ slope, prefactor }: PowerLawFit, [xMin, xMax]: readonly [number, number]): Point[] {
  return [xMin, xMax].map((x) => ({ x, y: prefactor * x ** slope }));
}

/** The power law of the given slope through `anchor`. */
export function powerLawThrough(anchor: Point, slope: number): PowerLawFit {
  return { slope, prefactor: anchor.y / anchor.x ** slope };
}

/** [min, max] of the x of the points, or null when there are none. */
export function xRange(points: readonly Point[]): [number, number] | null {
  const [lo, hi] = extent(points, (p) => p.x);
  return lo === undefined || hi === undefined ? null : [lo, hi];
}
