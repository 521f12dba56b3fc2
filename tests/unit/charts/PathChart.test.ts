import { describe, expect, test } from 'vitest';
import PathChart from '../../../src/charts/PathChart.svelte';
import {
  equalAspectDomains,
  linkSegments,
  nearestT,
  pathExtent,
  pathReadingAt,
  pathStops,
  type PathPoint,
  type PathSeries,
} from '../../../src/charts/paths';
import { countElements, nonFiniteTokens, renderChart, renderedAxes } from './ssr';

/** A quarter circle of radius r from (r, 0) to (0, r), t = 0 … n − 1. */
const arc = (n: number, r = 1): PathPoint[] =>
  Array.from({ length: n }, (_, t) => ({ x: r * Math.cos((t * Math.PI) / 2 / (n - 1)), y: r * Math.sin((t * Math.PI) / 2 / (n - 1)), t }));

/** Centres of the markers, in document order (PathChart's circles carry data-series before cx). */
const markerCentres = (html: string) =>
  [...html.matchAll(/<circle class="marker[^"]*"[^>]*? cx="([^"]+)" cy="([^"]+)"/g)].map(([, cx, cy]) => ({ cx: Number(cx), cy: Number(cy) }));

/** px per data unit along an axis, from its first and last tick. */
function pxPerUnit(axis: { ticks: { at: number; label: string }[] }): number {
  const value = (label: string) => Number(label.replaceAll('−', '-').replaceAll(',', ''));
  const first = axis.ticks[0];
  const last = axis.ticks.at(-1)!;
  return Math.abs(last.at - first.at) / Math.abs(value(last.label) - value(first.label));
}

describe('paths helpers', () => {
  test('equalAspectDomains widens the range that would be stretched, about its centre, and keeps both ranges inside', () => {
    const { x, y } = equalAspectDomains([0, 2], [-1, 1], 400, 100);
    // 2 units over 100 px in y sets 0.02 units/px; x gets 400 px × 0.02 = 8 units centred on 1.
    expect(y).toEqual([-1, 1]);
    expect(x[0]).toBeCloseTo(-3, 12);
    expect(x[1]).toBeCloseTo(5, 12);
    expect((x[1] - x[0]) / 400).toBeCloseTo((y[1] - y[0]) / 100, 12);
  });

  test('pathExtent pads both ranges and gives a collapsed range the other span', () => {
    const e = pathExtent([{ x: 0, y: 2 }, { x: 4, y: 2 }])!;
    expect(e.x[0]).toBeLessThan(0);
    expect(e.x[1]).toBeGreaterThan(4);
    expect(e.y[1] - e.y[0]).toBeCloseTo(e.x[1] - e.x[0], 12);
    expect((e.y[0] + e.y[1]) / 2).toBeCloseTo(2, 12);
    expect(pathExtent([])).toBeUndefined();
    const single = pathExtent([{ x: 3, y: 3 }])!;
    expect(single.x[0]).toBeLessThan(3);
    expect(single.x[1]).toBeGreaterThan(3);
  });

  test('the cursor stops at the markers of readable paths; hover picks the nearest marker on screen', () => {
    const paths: PathSeries[] = [
      { id: 'a', label: 'a', kind: 'markers', points: [{ x: 0, y: 0, t: 0 }, { x: 1, y: 0, t: 5 }] },
      { id: 'b', label: 'b', kind: 'line+markers', points: [{ x: 0, y: 1, t: 0 }, { x: 0.5, y: 1, t: 2, marker: false }, { x: 1, y: 1, t: 5 }] },
      { id: 'c', label: 'target', kind: 'markers', points: [{ x: 9, y: 9, t: 99 }], readout: false },
    ];
    expect(pathStops(paths)).toEqual([0, 5]);
    const scales = { x: (v: number) => 100 * v, y: (v: number) => 100 - 100 * v };
    // Near (0.5, 1) on screen: the unmarked point is not a stop, so the nearest marker wins.
    expect(nearestT(paths, 60, 0, scales)).toBe(5);
    expect(nearestT(paths, 10, 95, scales)).toBe(0);
    // Without markers every point is a stop.
    expect(pathStops([{ kind: 'line', points: arc(3) }])).toEqual([0, 1, 2]);
  });

  test('the reading gives each path at the cursor t, and says when a path has no point at that t', () => {
    const paths = [
      { label: 'fine', kind: 'line' as const, color: 'red', points: arc(11) },
      { label: 'coarse', kind: 'markers' as const, color: 'blue', points: [{ x: 1, y: 0, t: 0 }, { x: 0, y: 1, t: 10 }] },
    ];
    const scales = { x: (v: number) => v, y: (v: number) => -v };
    const fmt = (v: number) => v.toFixed(2);
    const reading = pathReadingAt(4, paths, scales, { tLabel: 'step', formatT: String, formatX: fmt, formatY: fmt });
    expect(reading.title).toBe('step 4');
    const p = arc(11)[4];
    expect(reading.rows[0].value).toBe(`(${fmt(p.x)}, ${fmt(p.y)})`);
    expect(reading.rows[1].value).toBe('(1.00, 0.00) at 0');
    expect(reading.markers).toEqual([
      { x: p.x, y: -p.y, color: 'red' },
      { x: 1, y: -0, color: 'blue' },
    ]);
  });
});

describe('PathChart', () => {
  test('one line per path with a line, markers where asked, and equal units on both axes', () => {
    const paths: PathSeries[] = [
      { id: 'wide', label: 'wide', kind: 'line', points: arc(30, 4) },
      { id: 'dots', label: 'dots', kind: 'line+markers', points: arc(5, 1).map((p) => ({ ...p, marker: p.t % 2 === 0 })), dashed: true },
      { id: 'm', label: 'measured', kind: 'markers', points: arc(4, 2) },
    ];
    // A wide plot: the y range (4 units tall) sets the scale, and x is widened to match.
    const html = renderChart(PathChart, { title: 'Paths', paths, height: 240 });
    expect(countElements(html, 'path', 'series-line')).toBe(2);
    expect(countElements(html, 'circle', 'marker')).toBe(3 + 4);
    expect(html).toMatch(/<path class="series-line[^"]*" data-series="dots"[^>]*stroke-dasharray="6 4"/);
    const [xAxis, yAxis] = renderedAxes(html);
    const ratio = pxPerUnit(xAxis) / pxPerUnit(yAxis);
    expect(ratio).toBeGreaterThan(0.98);
    expect(ratio).toBeLessThan(1.02);
  });

  test('equal aspect holds on a tall plot too, and markers land where the axes say', () => {
    const points: PathPoint[] = [{ x: -10, y: 0, t: 0 }, { x: 10, y: 1, t: 1 }, { x: 0, y: 0.5, t: 2 }];
    const html = renderChart(PathChart, { title: 'Flat', paths: [{ id: 'p', label: 'p', kind: 'markers', points }], height: 600 });
    const [xAxis, yAxis] = renderedAxes(html);
    const ratio = pxPerUnit(xAxis) / pxPerUnit(yAxis);
    expect(ratio).toBeGreaterThan(0.98);
    expect(ratio).toBeLessThan(1.02);
    const [a, b] = markerCentres(html);
    // 20 units across, 1 unit up, on equal scales.
    expect(Math.abs(b.cx - a.cx) / Math.abs(b.cy - a.cy)).toBeCloseTo(20, 0);
  });

  test('fixed ranges stay in view; non-finite points never reach the markup', () => {
    const dirty: PathPoint[] = [
      { x: 0, y: 0, t: 0 },
      { x: NaN, y: 1, t: 1 },
      { x: 1, y: Infinity, t: 2 },
      { x: 1, y: 1, t: NaN },
      { x: 1, y: 1, t: 4 },
    ];
    const html = renderChart(PathChart, { title: 'Dirty', paths: [{ id: 'd', label: 'd', kind: 'line+markers', points: dirty }], xDomain: [-5, 5], yDomain: [-5, 5] });
    expect(nonFiniteTokens(html)).toEqual([]);
    expect(countElements(html, 'circle', 'marker')).toBe(2);
    const values = (axis: { ticks: { label: string }[] }) => axis.ticks.map((t) => Number(t.label.replace('−', '-')));
    const [xAxis, yAxis] = renderedAxes(html);
    expect(Math.min(...values(xAxis))).toBeLessThanOrEqual(-4);
    expect(Math.max(...values(yAxis))).toBeGreaterThanOrEqual(4);
  });

  test('links join the marked points of one path to the points of another at the same t', () => {
    const measured: PathSeries = { id: 'm', label: 'measured', kind: 'markers', points: [{ x: 1, y: 0, t: 0 }, { x: 0.5, y: 0.5, t: 3 }, { x: 0, y: 1, t: 7 }] };
    // The prediction has points at t = 0 and 3 but none at 7: two links.
    const predicted: PathSeries = { id: 'p', label: 'predicted', kind: 'line', points: [{ x: 1, y: 0, t: 0 }, { x: 0.6, y: 0.2, t: 3 }, { x: 0, y: 0.9, t: 6 }] };
    expect(linkSegments(measured, predicted)).toEqual([
      [measured.points[0], predicted.points[0]],
      [measured.points[1], predicted.points[1]],
    ]);
    const html = renderChart(PathChart, { title: 'Linked', paths: [measured, predicted], links: [{ from: 'm', to: 'p' }, { from: 'm', to: 'missing' }] });
    expect(countElements(html, 'line', 'link')).toBe(2);
  });

  test('no paths: the placeholder, not an empty plot', () => {
    const html = renderChart(PathChart, { title: 'Empty', paths: [] });
    expect(html).toContain('No data yet');
  });
});
