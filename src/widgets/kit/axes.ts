/** Axis ranges and curve clipping shared by the widgets' plots. Pure: no DOM. */
import type { Domain, Point } from '../../charts';

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
