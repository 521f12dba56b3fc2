/**
 * Paths in a plane (PathChart): each a polyline through its points in their order, every point
 * tagged with the value t of the parameter that runs along the path (a time, a step). The axes have
 * equal aspect, so lengths and angles on screen are lengths and angles in the data. The cursor is a
 * value of t: it reads every path at that t, so paths can be compared point for point.
 */
import { isPlottable } from './domain';
import type { ToPx } from './readout';
import type { Domain, Point, Reading, ReadoutRow, SeriesKind } from './types';

export interface PathPoint extends Point {
  /** Where along the path this point lies (e.g. the step). */
  t: number;
  /** On a 'line+markers' path: draw a marker here (default true). */
  marker?: boolean;
  /** Marker radius in px (e.g. larger for where each path is now); the charts' default when absent. */
  size?: number;
}

export interface PathSeries {
  /** Unique among a chart's paths; keys the rendering (data-series). */
  id: string;
  label: string;
  points: readonly PathPoint[];
  /** 'line': the polyline only; 'markers': every point, no line; 'line+markers': the polyline with markers where asked. */
  kind: SeriesKind;
  colorIndex?: number;
  dashed?: boolean;
  /** Read at the cursor (default true); false for a landmark such as a target point. */
  readout?: boolean;
}

/** The points of a path that can be placed on linear axes and read (finite x, y and t). */
export function plottablePath(points: readonly PathPoint[]): PathPoint[] {
  return points.filter((p) => isPlottable(p.x, 'linear') && isPlottable(p.y, 'linear') && Number.isFinite(p.t));
}

/** The points of a path drawn as markers. */
export function markedPoints(path: Pick<PathSeries, 'kind' | 'points'>): readonly PathPoint[] {
  if (path.kind === 'line') return [];
  return path.kind === 'markers' ? path.points : path.points.filter((p) => p.marker !== false);
}

/** Fraction of each range added on both sides, so no mark sits on the frame. */
const PAD = 0.06;

/**
 * The ranges covering the points, padded by PAD on each side; a collapsed range (one point, or all
 * on a line) gets the other's span, or ±1 when both collapse. Undefined without points.
 */
export function pathExtent(points: Iterable<Point>): { x: Domain; y: Domain } | undefined {
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (const p of points) {
    x0 = Math.min(x0, p.x);
    x1 = Math.max(x1, p.x);
    y0 = Math.min(y0, p.y);
    y1 = Math.max(y1, p.y);
  }
  if (!(x0 <= x1 && y0 <= y1)) return undefined;
  const span = Math.max(x1 - x0, y1 - y0) || 2;
  const widen = (lo: number, hi: number): Domain => {
    const half = ((hi - lo || span) / 2) * (1 + 2 * PAD);
    const mid = (lo + hi) / 2;
    return [mid - half, mid + half];
  };
  return { x: widen(x0, x1), y: widen(y0, y1) };
}

/**
 * Ranges containing `x` and `y` with equal units on a plot of innerWidth × innerHeight px: the
 * range that would be drawn larger per unit is widened about its centre.
 */
export function equalAspectDomains(x: Domain, y: Domain, innerWidth: number, innerHeight: number): { x: Domain; y: Domain } {
  const perPx = Math.max((x[1] - x[0]) / innerWidth, (y[1] - y[0]) / innerHeight);
  const around = ([lo, hi]: Domain, px: number): Domain => {
    const half = (perPx * px) / 2;
    const mid = (lo + hi) / 2;
    return [mid - half, mid + half];
  };
  return { x: around(x, innerWidth), y: around(y, innerHeight) };
}

/** Two paths whose points of equal t are joined by a faint segment, so their gap at each t shows. */
export interface PathLink {
  /** The path whose marked points are joined (e.g. a measurement). */
  from: string;
  /** The path they are joined to, at the same t (e.g. its prediction). */
  to: string;
}

/** Segments from each marked point of `from` to the point of `to` with the same t, where there is one. */
export function linkSegments(from: Pick<PathSeries, 'kind' | 'points'>, to: Pick<PathSeries, 'points'>): [Point, Point][] {
  const byT = new Map(to.points.map((p) => [p.t, p]));
  return markedPoints(from).flatMap((p) => {
    const q = byT.get(p.t);
    return q ? [[p, q] as [Point, Point]] : [];
  });
}

/** Sorted distinct t of the marked points of readable paths (of all their points when none is marked): the cursor's stops. */
export function pathStops(paths: readonly Pick<PathSeries, 'kind' | 'points' | 'readout'>[]): number[] {
  const readable = paths.filter((p) => p.readout !== false);
  let ts = readable.flatMap((p) => markedPoints(p).map((q) => q.t));
  if (ts.length === 0) ts = readable.flatMap((p) => p.points.map((q) => q.t));
  ts.sort((a, b) => a - b);
  return ts.filter((t, i) => i === 0 || t !== ts[i - 1]);
}

/** The point of a path whose t is nearest `t` (the first on a tie); undefined for an empty path. */
export function pointNearestT(points: readonly PathPoint[], t: number): PathPoint | undefined {
  let best: PathPoint | undefined;
  for (const p of points) if (!best || Math.abs(p.t - t) < Math.abs(best.t - t)) best = p;
  return best;
}

export interface PathScales {
  x: ToPx;
  y: ToPx;
}

/** The t of the marked point (of any readable path) nearest to plot px (px, py); all points count when none is marked. */
export function nearestT(paths: readonly Pick<PathSeries, 'kind' | 'points' | 'readout'>[], px: number, py: number, scales: PathScales): number | undefined {
  const readable = paths.filter((p) => p.readout !== false);
  let candidates = readable.flatMap((p) => markedPoints(p));
  if (candidates.length === 0) candidates = readable.flatMap((p) => p.points);
  let best: PathPoint | undefined;
  let bestDistance = Infinity;
  for (const p of candidates) {
    const d = Math.hypot(scales.x(p.x) - px, scales.y(p.y) - py);
    if (d < bestDistance) {
      best = p;
      bestDistance = d;
    }
  }
  return best?.t;
}

export interface PathReadable {
  label: string;
  points: readonly PathPoint[];
  kind: SeriesKind;
  color: string;
  dashed?: boolean;
}

export interface PathReadingOptions {
  /** Names t in the title ("step 40"); "t" when absent. */
  tLabel?: string;
  formatT: (t: number) => string;
  formatX: (x: number) => string;
  formatY: (y: number) => string;
}

/**
 * The readout at parameter value t: a title naming t and one row per path with its point nearest
 * that t as "(x, y)", saying so when that point's own t differs ("… at 40"), and a ring on each.
 */
export function pathReadingAt(t: number, paths: readonly PathReadable[], scales: PathScales, options: PathReadingOptions): Reading {
  const rows: ReadoutRow[] = [];
  const markers: Reading['markers'][number][] = [];
  for (const path of paths) {
    const p = pointNearestT(path.points, t);
    if (!p) continue;
    const where = p.t === t ? '' : ` at ${options.formatT(p.t)}`;
    rows.push({ label: path.label, value: `(${options.formatX(p.x)}, ${options.formatY(p.y)})${where}`, color: path.color, swatch: path.kind, dashed: path.dashed });
    markers.push({ x: scales.x(p.x), y: scales.y(p.y), color: path.color });
  }
  return { title: `${options.tLabel ?? 't'} ${options.formatT(t)}`, rows, markers };
}
