import { extent, scaleLinear, scaleLog, type ScaleLinear, type ScaleLogarithmic } from 'd3';
import type { Domain, Point, ReferenceLine, ScaleType } from './types';

/** Whether a value can be placed on an axis of this type: finite, and positive on a log axis. */
export function isPlottable(value: number, type: ScaleType): boolean {
  return Number.isFinite(value) && (type === 'linear' || value > 0);
}

/** The points whose x and y can both be placed on the given axes; the rest are dropped. */
export function plottablePoints<P extends Point>(
  points: readonly P[],
  xType: ScaleType,
  yType: ScaleType,
): P[] {
  return points.filter((p) => isPlottable(p.x, xType) && isPlottable(p.y, yType));
}

/** Whether a caller-supplied domain can be used as is on an axis of this type. */
export function isValidDomain(domain: Domain, type: ScaleType): boolean {
  const [lo, hi] = domain;
  return isPlottable(lo, type) && isPlottable(hi, type) && lo < hi;
}

/**
 * Widens a domain that has collapsed to a single value so the scale stays invertible:
 * ±10 % (±1 around zero) on a linear axis, a factor 2 each way on a log axis.
 */
export function padCollapsed([lo, hi]: Domain, type: ScaleType): Domain {
  if (lo < hi) return [lo, hi];
  if (type === 'log') return [lo / 2, lo * 2];
  const half = lo === 0 ? 1 : Math.abs(lo) / 10;
  return [lo - half, lo + half];
}

/**
 * Domain covering the plottable values, padded if it collapses and extended to round tick values
 * (powers of ten on a log axis). Undefined when there is nothing to plot.
 */
export function autoDomain(values: Iterable<number>, type: ScaleType): Domain | undefined {
  const kept = Array.from(values).filter((v) => isPlottable(v, type));
  const [lo, hi] = extent(kept);
  if (lo === undefined || hi === undefined) return undefined;
  const padded = padCollapsed([lo, hi], type);
  const nice = continuousScale(type, padded, [0, 1]).nice().domain();
  return [nice[0], nice[1]];
}

/** The caller's domain when it is valid for the axis type, else the automatic one. */
export function resolveDomain(
  fixed: Domain | undefined,
  values: Iterable<number>,
  type: ScaleType,
): Domain | undefined {
  return fixed && isValidDomain(fixed, type) ? fixed : autoDomain(values, type);
}

export type ContinuousScale = ScaleLinear<number, number> | ScaleLogarithmic<number, number>;

export function continuousScale(
  type: ScaleType,
  domain: Domain,
  range: readonly [number, number],
): ContinuousScale {
  return type === 'log' ? scaleLog(domain, range) : scaleLinear(domain, range);
}

/** Reference lines restricted to their plottable points; lines left with fewer than two are dropped. */
export function plottableLines(
  lines: readonly ReferenceLine[],
  xType: ScaleType,
  yType: ScaleType,
): ReferenceLine[] {
  return lines
    .map((line) => ({ ...line, points: plottablePoints(line.points, xType, yType) }))
    .filter((line) => line.points.length >= 2);
}
