/**
 * What a chart's cursor reads at an x: for each series its value there, chosen the way the series
 * is drawn. A line is read where the drawn line is, interpolated linearly in the axes' own
 * coordinates (so on a log axis the value lies on the straight segment the reader sees), and not at
 * all outside its x range. Markers are discrete measurements, never interpolated: the series is read
 * at its point nearest the cursor (nearest on screen), whose own x is then reported with the value.
 */
import { bestCandidate, boxAround, keepInside, type Box, type Obstacles } from './placement';
import { plainText } from './richText';
import type { LegendSwatch, Point, Reading, ReadoutRow, SeriesKind } from './types';

/** The part of a d3 scale the readouts need: data → px. */
export type ToPx = (value: number) => number;

/** Sorted distinct x values over several point lists: the stops a keyboard cursor visits. */
export function xStops(lists: readonly (readonly Point[])[]): number[] {
  const xs = lists.flatMap((points) => points.map((p) => p.x)).sort((a, b) => a - b);
  return xs.filter((x, i) => i === 0 || x !== xs[i - 1]);
}

/** Index of the value in ascending `sorted` nearest to `value` (the lower one on a tie); −1 if empty. */
export function nearestIndex(sorted: readonly number[], value: number): number {
  if (sorted.length === 0) return -1;
  let lo = 0;
  let hi = sorted.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= value) lo = mid;
    else hi = mid;
  }
  return Math.abs(sorted[hi] - value) < Math.abs(value - sorted[lo]) ? hi : lo;
}

/** The stop `delta` places from the one nearest `current` (clamped to the ends); the first or last stop when there is no current one. */
export function stepStop(stops: readonly number[], current: number | undefined, delta: number): number | undefined {
  if (stops.length === 0) return undefined;
  if (current === undefined) return delta > 0 ? stops[0] : stops[stops.length - 1];
  const i = nearestIndex(stops, current) + delta;
  return stops[Math.max(0, Math.min(stops.length - 1, i))];
}

/** The stop nearest to plot px `at` on screen (on a log axis that is not the nearest in value). */
export function nearestStopOnScreen(stops: readonly number[], at: number, scale: ToPx & { invert(px: number): number }): number | undefined {
  const i = nearestIndex(stops, scale.invert(at));
  if (i < 0) return undefined;
  const near = [stops[i - 1], stops[i], stops[i + 1]].filter((s) => s !== undefined);
  return near.reduce((a, b) => (Math.abs(scale(b) - at) < Math.abs(scale(a) - at) ? b : a));
}

const KEY_STEPS: Record<string, number> = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1, PageUp: 10, PageDown: -10 };

/**
 * Where a key moves a cursor along the stops, as on a slider: arrows one stop (ten with Shift),
 * Page Up/Down ten, Home/End the ends. Null when the key is not one of these.
 */
export function stopForKey(key: string, shift: boolean, stops: readonly number[], current: number | undefined): number | undefined | null {
  if (key in KEY_STEPS) return stepStop(stops, current, KEY_STEPS[key] * (shift ? 10 : 1));
  if (key === 'Home' || key === 'End') return stepStop(stops, undefined, key === 'Home' ? 1 : -1);
  return null;
}

/** The point nearest to x on screen (first on a tie), in any order of points. */
export function nearestPoint(points: readonly Point[], x: number, toPx: ToPx): Point | undefined {
  const target = toPx(x);
  let best: Point | undefined;
  let bestDistance = Infinity;
  for (const p of points) {
    const d = Math.abs(toPx(p.x) - target);
    if (d < bestDistance) {
      best = p;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * The y of the drawn polyline at x, linear between the two points around x in px (so exact at the
 * points and on the drawn segment between them); the first segment that spans x wins. Undefined
 * when x is outside the line's range.
 */
export function interpolateAt(points: readonly Point[], x: number, toPx: ToPx, yToPx: ToPx, yFromPx: ToPx): number | undefined {
  const at = toPx(x);
  for (let i = 0; i < points.length; i++) {
    const a = toPx(points[i].x);
    if (a === at) return points[i].y;
    if (i === points.length - 1) break;
    const b = toPx(points[i + 1].x);
    if ((a < at && at < b) || (b < at && at < a)) {
      const t = (at - a) / (b - a);
      return yFromPx(yToPx(points[i].y) + t * (yToPx(points[i + 1].y) - yToPx(points[i].y)));
    }
  }
  return undefined;
}

export interface SeriesValue {
  /** Where the value is: the cursor's x for a line, the nearest point for markers. */
  point: Point;
  /** False when the value belongs to a point at another x than the cursor's (markers). */
  atCursor: boolean;
}

export interface Scales {
  x: ToPx;
  y: ToPx & { invert(px: number): number };
}

/** A series' value at the cursor x, read as the series is drawn (see the module comment). */
export function seriesValueAt(points: readonly Point[], kind: SeriesKind, x: number, scales: Scales): SeriesValue | undefined {
  if (kind === 'line') {
    const y = interpolateAt(points, x, scales.x, scales.y, (px) => scales.y.invert(px));
    return y === undefined ? undefined : { point: { x, y }, atCursor: true };
  }
  const point = nearestPoint(points, x, scales.x);
  return point && { point, atCursor: point.x === x };
}

/** Indices of items grouped by colour (in order of each colour's first appearance), stable within a colour: measured and predicted series that share a colour are read side by side. */
export function groupedByColor(colors: readonly number[]): number[] {
  const order = [...new Set(colors)];
  return colors.map((_, i) => i).sort((a, b) => order.indexOf(colors[a]) - order.indexOf(colors[b]) || a - b);
}

/** A series as the readout sees it. */
export interface Readable {
  label: string;
  points: readonly Point[];
  kind: SeriesKind;
  /** CSS colour, and the palette slot that groups measured and predicted series together. */
  color: string;
  colorIndex: number;
  dashed?: boolean;
  /** Drawn in the readout as this (default: as the series is drawn). */
  swatch?: LegendSwatch;
}

export interface ReadingOptions {
  /** Names the x value in the title; "x" when absent. */
  xLabel?: string;
  /** Formats x and y values (e.g. formatNumber with the axis's round-off threshold). */
  formatX: (x: number) => string;
  formatY: (y: number) => string;
}

/**
 * The readout at cursor x: a title naming x, one row per series that has a value there (series
 * sharing a colour next to each other), and a ring on each value. A marker series read at another
 * x says so ("0.031 at 40").
 */
export function readingAt(x: number, readables: readonly Readable[], scales: Scales, options: ReadingOptions): Reading {
  const rows: ReadoutRow[] = [];
  const markers: Reading['markers'][number][] = [];
  for (const i of groupedByColor(readables.map((r) => r.colorIndex))) {
    const r = readables[i];
    const value = seriesValueAt(r.points, r.kind, x, scales);
    if (!value) continue;
    const where = value.atCursor ? '' : ` at ${options.formatX(value.point.x)}`;
    rows.push({ label: r.label, value: options.formatY(value.point.y) + where, color: r.color, swatch: r.swatch ?? r.kind, dashed: r.dashed });
    markers.push({ x: scales.x(value.point.x), y: scales.y(value.point.y), color: r.color });
  }
  return { title: `${options.xLabel ?? 'x'} = ${options.formatX(x)}`, rows, ruleX: scales.x(x), markers };
}

/** The reading as one sentence for screen readers. */
export function readingText(reading: Reading): string {
  const rows = reading.rows.map((r) => `${plainText(r.label)}: ${r.value}`);
  return `${plainText(reading.title)}. ${rows.length > 0 ? rows.join('; ') : 'no values here'}.`;
}

/** Gap between the cursor and its readout box, and between the box and the plot's edge, px. */
const BOX_GAP = 12;
const EDGE_GAP = 4;
/** Half-side of the area kept clear around each ring. */
const RING_CLEARANCE = 8;

/**
 * Where the readout box of this size goes inside the plot (width × height px): beside the cursor,
 * at the top, bottom or middle, on whichever side covers none of the values it describes (nor the
 * rule or the highlighted bar or cell); the least-covering place when none is free.
 */
export function readoutBox(reading: Reading, size: { width: number; height: number }, area: { width: number; height: number }): Box {
  const bounds: Box = { x: 0, y: 0, width: area.width, height: area.height };
  const h = reading.highlight;
  const left = reading.ruleX ?? h?.x ?? reading.markers[0]?.x ?? 0;
  const right = reading.ruleX ?? (h ? h.x + h.width : left);
  const ys = [EDGE_GAP, area.height - size.height - EDGE_GAP, (area.height - size.height) / 2];
  const xs = [right + BOX_GAP, left - size.width - BOX_GAP];
  const candidates = ys.flatMap((y) => xs.map((x) => keepInside({ x, y, ...size }, bounds)));
  const obstacles: Obstacles = {
    boxes: [...reading.markers.map((m) => boxAround(m.x, m.y, RING_CLEARANCE)), ...(h ? [h] : [])],
    segments: reading.ruleX === undefined ? [] : [{ x1: reading.ruleX, y1: 0, x2: reading.ruleX, y2: area.height }],
  };
  return candidates[bestCandidate(candidates, obstacles, bounds)];
}
