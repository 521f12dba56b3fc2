import { describe, expect, test } from 'vitest';
import ScatterChart from '../../../src/charts/ScatterChart.svelte';
import { countElements, markerCentres, nonFiniteTokens, renderChart, renderedAxes } from './ssr';

describe('ScatterChart', () => {
  test('one marker per point and one trail per point with an anchor', () => {
    const points = [
      { x: 0, y: 0 },
      { x: 1, y: 2, colorIndex: 1 },
      { x: -1, y: 0.5, size: 6 },
    ];
    const anchors = [
      { x: 0.1, y: 0.1 },
      { x: 1, y: 1 },
    ];
    const html = renderChart(ScatterChart, { title: 'Neurons', points, anchors });
    expect(countElements(html, 'circle', 'marker')).toBe(3);
    expect(countElements(html, 'line', 'trail')).toBe(2);
    expect(html).toMatch(/<circle class="marker[^>]*r="6"/);
    expect(html).toContain('fill="var(--chart-series-2)"');
  });

  test('non-finite points and anchors are dropped without NaN in the markup', () => {
    const points = [
      { x: 1, y: 1 },
      { x: NaN, y: 0 },
      { x: 2, y: Infinity },
      { x: 3, y: 3, size: NaN },
    ];
    const anchors = [{ x: 0, y: 0 }, { x: 1, y: 1 }, { x: 0, y: 0 }, { x: -Infinity, y: 0 }];
    const html = renderChart(ScatterChart, { title: 'Dirty', points, anchors });
    expect(nonFiniteTokens(html)).toEqual([]);
    expect(countElements(html, 'circle', 'marker')).toBe(2);
    expect(countElements(html, 'line', 'trail')).toBe(1);
  });

  test('the automatic domain covers the anchors too', () => {
    const html = renderChart(ScatterChart, {
      title: 'Moved',
      points: [{ x: 1, y: 1 }],
      anchors: [{ x: -5, y: 8 }],
    });
    const [xAxis, yAxis] = renderedAxes(html);
    const values = (axis: typeof xAxis) => axis.ticks.map((t) => Number(t.label.replace('−', '-')));
    expect(Math.min(...values(xAxis))).toBeLessThanOrEqual(-5);
    expect(Math.max(...values(yAxis))).toBeGreaterThanOrEqual(8);
  });

  test('a fixed domain places points by it', () => {
    const html = renderChart(ScatterChart, {
      title: 'Fixed',
      xDomain: [-1, 1],
      yDomain: [-1, 1],
      points: [{ x: -1, y: -1 }, { x: 0, y: 0 }, { x: 1, y: 1 }],
    });
    const [a, b, c] = markerCentres(html);
    expect(b.cx - a.cx).toBeCloseTo(c.cx - b.cx, 6);
    expect(a.cx).toBe(0);
    // y grows upwards.
    expect(c.cy).toBe(0);
    expect(a.cy).toBeGreaterThan(b.cy);
  });

  test('empty input shows the placeholder; legend and labels render', () => {
    const empty = renderChart(ScatterChart, { title: 'None', points: [] });
    expect(empty).toContain('No data yet');
    const html = renderChart(ScatterChart, {
      title: 'Neurons',
      caption: 'Each dot is a hidden unit.',
      xLabel: 'w',
      yLabel: 'b',
      legend: [{ label: 'active', colorIndex: 0 }, { label: 'dead', colorIndex: 1 }],
      points: [{ x: 0, y: 1 }],
    });
    expect(html).toMatch(/<figure[^>]*aria-label="Neurons"/);
    expect(html).toContain('Each dot is a hidden unit.');
    expect(html.match(/<li[\s>]/g)).toHaveLength(2);
    expect(html).toMatch(/<text class="title[^>]*>w<\/text>/);
    expect(html).toMatch(/<text class="title[^>]*>b<\/text>/);
  });
});
