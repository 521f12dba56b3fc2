import { createRawSnippet } from 'svelte';
import { describe, expect, test } from 'vitest';
import LineChart from '../../../src/charts/LineChart.svelte';
import type { Series } from '../../../src/charts/types';
import { boxesOverlap, countElements, markerCentres, nonFiniteTokens, referenceTags, renderChart, renderedAxes } from './ssr';

const line = (n: number, f: (x: number) => number) => Array.from({ length: n }, (_, i) => ({ x: i + 1, y: f(i + 1) }));

describe('LineChart', () => {
  test('one path per line series and one marker per point of marker series', () => {
    const series: Series[] = [
      { id: 'a', label: 'theory', kind: 'line', points: line(5, (x) => 1 / x) },
      { id: 'b', label: 'measured', kind: 'markers', points: line(4, (x) => 1.1 / x) },
      { id: 'c', label: 'both', kind: 'line+markers', points: line(3, (x) => 2 / x), dashed: true },
    ];
    const html = renderChart(LineChart, { title: 'Loss', series });
    expect(countElements(html, 'path', 'series-line')).toBe(2);
    expect(countElements(html, 'circle', 'marker')).toBe(4 + 3);
    expect(html.match(/<li[\s>]/g)).toHaveLength(3);
    expect(html).toMatch(/<path class="series-line[^>]*stroke-dasharray="6 4"/);
  });

  test('NaN, ±Infinity and non-positive values on log axes never reach the markup', () => {
    const dirty = [
      { x: 1, y: 1 },
      { x: 2, y: NaN },
      { x: 3, y: Infinity },
      { x: 4, y: -Infinity },
      { x: 5, y: 0 },
      { x: 6, y: -0.5 },
      { x: NaN, y: 1 },
      { x: 0, y: 1 },
      { x: 10, y: 0.01 },
    ];
    const html = renderChart(LineChart, {
      title: 'Dirty',
      xScale: 'log',
      yScale: 'log',
      series: [
        { id: 'm', label: 'markers', kind: 'markers', points: dirty },
        { id: 'l', label: 'line', kind: 'line', points: dirty },
      ],
      referenceLines: [{ label: 'guide', points: [{ x: 1, y: NaN }, { x: 0, y: 1 }, { x: 1, y: 1 }, { x: 10, y: 0.1 }] }],
    });
    expect(nonFiniteTokens(html)).toEqual([]);
    expect(countElements(html, 'circle', 'marker')).toBe(2);
    expect(countElements(html, 'path', 'series-line')).toBe(1);
  });

  test('a log axis over many decades is ticked at evenly spaced powers of ten', () => {
    const html = renderChart(LineChart, {
      title: 'Decay',
      yScale: 'log',
      series: [{ id: 'a', label: 'loss', kind: 'line', points: line(50, (t) => 3 * Math.exp(-0.3 * t)) }],
    });
    const [, yAxis] = renderedAxes(html);
    expect(yAxis.horizontal).toBe(false);
    expect(yAxis.ticks.length).toBeGreaterThanOrEqual(3);
    for (const t of yAxis.ticks) expect(t.label).toMatch(/^10[⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+$/);
    const gaps = yAxis.ticks.slice(1).map((t, i) => t.at - yAxis.ticks[i].at);
    for (const gap of gaps) expect(gap).toBeCloseTo(gaps[0], 6);
  });

  test('markers sit where the axis ticks say (log x axis)', () => {
    const html = renderChart(LineChart, {
      title: 'Positions',
      xScale: 'log',
      series: [{ id: 'a', label: 'a', kind: 'markers', points: [{ x: 1, y: 0 }, { x: 10, y: 1 }, { x: 100, y: 2 }] }],
    });
    const [xAxis, yAxis] = renderedAxes(html);
    const tickAt = (axis: typeof xAxis, label: string) => axis.ticks.find((t) => t.label === label)!.at;
    const markers = markerCentres(html);
    // Equal ratios are equal distances on a log axis.
    expect(markers[2].cx - markers[1].cx).toBeCloseTo(markers[1].cx - markers[0].cx, 6);
    expect(markers.map((m) => m.cx)).toEqual(['10⁰', '10¹', '10²'].map((l) => expect.closeTo(tickAt(xAxis, l), 6)));
    expect(markers.map((m) => m.cy)).toEqual(['0', '1', '2'].map((l) => expect.closeTo(tickAt(yAxis, l), 6)));
  });

  test('reference lines are dashed, labelled, and do not widen the axes', () => {
    const html = renderChart(LineChart, {
      title: 'Guide',
      xScale: 'log',
      yScale: 'log',
      series: [{ id: 'a', label: 'data', kind: 'markers', points: line(100, (n) => 1 / Math.sqrt(n)) }],
      referenceLines: [{ label: 'slope −1/2', points: [{ x: 1, y: 1 }, { x: 1e6, y: 1e-3 }] }],
    });
    expect(html).toMatch(/<g class="reference[^>]*><path[^>]*stroke-dasharray="6 4"/);
    expect(html).toContain('slope −1/2');
    const [xAxis] = renderedAxes(html);
    expect(xAxis.ticks.map((t) => t.label)).toEqual(['10⁰', '10¹', '10²']);
  });

  test('a fixed domain sets the ticks regardless of the data', () => {
    const html = renderChart(LineChart, {
      title: 'Fixed',
      xDomain: [0, 4],
      yDomain: [-1, 1],
      series: [{ id: 'a', label: 'a', kind: 'line', points: line(100, (x) => 50 * x) }],
    });
    const [xAxis, yAxis] = renderedAxes(html);
    expect(xAxis.ticks[0].label).toBe('0');
    expect(xAxis.ticks.at(-1)!.label).toBe('4');
    expect(yAxis.ticks[0].label).toBe('−1');
    expect(yAxis.ticks.at(-1)!.label).toBe('1');
  });

  test('a single point (collapsed domain) is drawn inside the plot', () => {
    const html = renderChart(LineChart, {
      title: 'One',
      yScale: 'log',
      series: [{ id: 'a', label: 'a', kind: 'line+markers', points: [{ x: 3, y: 0.2 }] }],
    });
    expect(nonFiniteTokens(html)).toEqual([]);
    const [m] = markerCentres(html);
    const [xAxis, yAxis] = renderedAxes(html);
    expect(m.cx).toBeGreaterThan(xAxis.ticks[0].at);
    expect(m.cx).toBeLessThan(xAxis.ticks.at(-1)!.at);
    expect(m.cy).toBeLessThan(yAxis.ticks[0].at);
    expect(m.cy).toBeGreaterThan(yAxis.ticks.at(-1)!.at);
  });

  test('no plottable data shows the placeholder instead of axes', () => {
    for (const series of [
      [],
      [{ id: 'a', label: 'a', kind: 'line', points: [] }],
      [{ id: 'a', label: 'a', kind: 'line', points: [{ x: 1, y: NaN }, { x: 2, y: -1 }] }],
    ] as Series[][]) {
      const html = renderChart(LineChart, { title: 'Empty', series, yScale: 'log' });
      expect(html).toContain('No data yet');
      expect(html).not.toContain('<svg class="xy');
      expect(nonFiniteTokens(html)).toEqual([]);
    }
  });

  test('figure has its accessible name, caption and hidden summary', () => {
    const html = renderChart(LineChart, {
      title: 'Training loss',
      caption: 'Loss falls as e^(−λt).',
      summary: 'Loss after 100 steps: 0.013.',
      series: [{ id: 'a', label: 'a', kind: 'line', points: line(3, (x) => x) }],
    });
    expect(html).toMatch(/<figure[^>]*aria-label="Training loss"/);
    expect(html).toMatch(/<figcaption[^>]*>.*Loss falls as e\^\(−λt\)\..*<\/figcaption>/s);
    expect(html).toMatch(/<p class="visually-hidden[^"]*">Loss after 100 steps: 0\.013\.<\/p>/);
  });

  test('a caption can be a snippet with markup', () => {
    const caption = createRawSnippet(() => ({ render: () => '<span>Rich <em>caption</em></span>' }));
    const html = renderChart(LineChart, { title: 'T', caption, series: [] });
    expect(html).toMatch(/<figcaption[^>]*>.*<em>caption<\/em>.*<\/figcaption>/s);
  });

  test('a guide tag never sits on a marker, even where its customary place (the guide end) is crowded', () => {
    // Sampled errors falling like 1/√m with a slope −1/2 guide through them, as in a width sweep.
    const widths = [16, 32, 64, 128, 256, 512, 1024, 2048, 4096];
    const errors = widths.map((m, i) => (0.9 + 0.2 * (i % 2)) / Math.sqrt(m));
    const html = renderChart(LineChart, {
      title: 'Error',
      xScale: 'log',
      yScale: 'log',
      series: [{ id: 'e', label: 'error', kind: 'markers', points: widths.map((x, i) => ({ x, y: errors[i] })) }],
      referenceLines: [{ label: 'slope −1/2', points: [16, 4096].map((m) => ({ x: m, y: 1 / Math.sqrt(m) })) }],
      height: 220,
    });
    const [tag] = referenceTags(html);
    expect(tag.label).toBe('slope −1/2');
    for (const m of markerCentres(html)) expect(boxesOverlap(tag, { x: m.cx - 3.5, y: m.cy - 3.5, width: 7, height: 7 })).toBe(false);
  });

  test('tags of two guides never overlap, and a tag is not crossed by a curve when there is room', () => {
    const curve = Array.from({ length: 101 }, (_, i) => ({ x: -1 + i / 50, y: Math.sin(3 * (-1 + i / 50)) }));
    const html = renderChart(LineChart, {
      title: 'Probes',
      xDomain: [-1, 1],
      series: [{ id: 'f', label: 'f', kind: 'line', points: curve }],
      // Vertical guides reaching far past the plot, as probe markers are drawn, close together.
      referenceLines: [
        { label: 'x_{a}', points: [{ x: 0.5, y: -10 }, { x: 0.5, y: 10 }] },
        { label: 'x_{b}', points: [{ x: 0.53, y: -10 }, { x: 0.53, y: 10 }] },
      ],
    });
    const tags = referenceTags(html);
    expect(tags.map((t) => t.label)).toEqual(['xa', 'xb']);
    expect(boxesOverlap(tags[0], tags[1])).toBe(false);
    const path = html.match(/<path class="series-line[^"]*" d="M([^"]+)"/)![1];
    const points = path.split('L').map((p) => p.split(',').map(Number));
    for (const tag of tags) {
      const inside = points.filter(([x, y]) => x >= tag.x && x <= tag.x + tag.width && y >= tag.y && y <= tag.y + tag.height);
      expect(inside).toEqual([]);
    }
  });

  test('the plot is a slider for the readout; readout={false} leaves it out', () => {
    const series: Series[] = [
      { id: 'a', label: 'a', kind: 'line', points: line(5, (x) => x) },
      { id: 'b', label: 'b', kind: 'markers', points: [{ x: 1.5, y: 2 }] },
    ];
    const html = renderChart(LineChart, { title: 'Loss', series });
    // Stops: x = 1…5 and 1.5.
    expect(html).toMatch(/<div class="surface[^"]*" role="slider" tabindex="0" aria-label="Values in: Loss" aria-valuemin="0" aria-valuemax="5"/);
    expect(renderChart(LineChart, { title: 'Loss', series, readout: false })).not.toContain('role="slider"');
  });

  test('editable points are named, focusable handles at their data positions, and join the legend', () => {
    const html = renderChart(LineChart, {
      title: 'Data',
      xDomain: [-1, 1],
      yDomain: [-2, 2],
      xLabel: 'input x',
      yLabel: 'target y',
      series: [],
      editablePoints: { points: [{ x: -0.5, y: 1 }, { x: 0.25, y: -1.06e-15 }], label: 'training point' },
    });
    const handles = [...html.matchAll(/<button type="button" class="handle[^"]*" aria-label="([^"]+)" aria-roledescription="movable point" style="left: ([^p]+)px; top: ([^p]+)px;/g)];
    expect(handles.map((h) => h[1])).toEqual(['training point 1: input x −0.5, target y 1', 'training point 2: input x 0.25, target y 0']);
    const [xAxis, yAxis] = renderedAxes(html);
    // Where a value sits on a linear axis, from its first and last ticks.
    const at = (axis: typeof xAxis, value: number) => {
      const [a, b] = [axis.ticks[0], axis.ticks.at(-1)!];
      const [va, vb] = [a, b].map((t) => Number(t.label.replace('−', '-')));
      return a.at + ((value - va) / (vb - va)) * (b.at - a.at);
    };
    expect(Number(handles[0][2])).toBeCloseTo(at(xAxis, -0.5), 6);
    expect(Number(handles[0][3])).toBeCloseTo(at(yAxis, 1), 6);
    expect(html).toMatch(/<li[^>]*>.*?<span>training point<\/span><\/li>/s);
    // No remove buttons until a point is selected; nothing to add or remove without the callbacks.
    expect(html).not.toContain('class="remove');
  });
});

