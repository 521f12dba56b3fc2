import { describe, expect, test } from 'vitest';
import BarChart from '../../../src/charts/BarChart.svelte';
import { boxesOverlap, countElements, nonFiniteTokens, referenceTags, renderChart, renderedAxes } from './ssr';

/** x, y, width, height of each bar. */
function bars(html: string) {
  const pattern = /<rect class="bar[^"]*" x="([^"]+)" y="([^"]+)" width="([^"]+)" height="([^"]+)"/g;
  return [...html.matchAll(pattern)].map(([, x, y, w, h]) => ({ x: +x, y: +y, width: +w, height: +h }));
}

describe('BarChart', () => {
  test('one bar per value with heights proportional to the values (linear, from 0)', () => {
    const html = renderChart(BarChart, { title: 'Spectrum', values: [4, 2, 1, 0.5] });
    const rects = bars(html);
    expect(rects).toHaveLength(4);
    const bottom = rects[0].y + rects[0].height;
    for (const r of rects) expect(r.y + r.height).toBeCloseTo(bottom, 6);
    expect(rects.map((r) => r.height / rects[0].height)).toEqual([1, 0.5, 0.25, 0.125].map((v) => expect.closeTo(v, 9)));
    // Bars are evenly spaced, left to right in index order.
    expect(rects[2].x - rects[1].x).toBeCloseTo(rects[1].x - rects[0].x, 6);
    const [xAxis] = renderedAxes(html);
    expect(xAxis.ticks.map((t) => t.label)).toEqual(['0', '1', '2', '3']);
  });

  test('negative values hang below the zero line', () => {
    const rects = bars(renderChart(BarChart, { title: 'Signed', values: [1, -1] }));
    expect(rects[0].y + rects[0].height).toBeCloseTo(rects[1].y, 6);
    expect(rects[0].height).toBeCloseTo(rects[1].height, 6);
  });

  test('log axis: bar tops are equally spaced for geometric values, dirty values leave gaps', () => {
    const values = [1, 0.1, NaN, 0.01, 0, -3, Infinity, 0.001];
    const html = renderChart(BarChart, { title: 'Eigenvalues', values, yScale: 'log' });
    expect(nonFiniteTokens(html)).toEqual([]);
    const rects = bars(html);
    expect(rects).toHaveLength(4);
    const tops = rects.map((r) => r.y);
    expect(tops[1] - tops[0]).toBeCloseTo(tops[2] - tops[1], 6);
    expect(tops[2] - tops[1]).toBeCloseTo(tops[3] - tops[2], 6);
    const [, yAxis] = renderedAxes(html);
    expect(yAxis.ticks.map((t) => t.label)).toEqual(['10⁻³', '10⁻²', '10⁻¹', '10⁰']);
  });

  test('a reference line in index coordinates is drawn and labelled', () => {
    const html = renderChart(BarChart, {
      title: 'Stability',
      values: [3, 2, 1],
      referenceLines: [{ label: '2n/η', points: [{ x: -0.5, y: 2.5 }, { x: 2.5, y: 2.5 }] }],
    });
    expect(countElements(html, 'g', 'reference')).toBe(1);
    expect(html).toContain('2n/η');
  });

  test('no plottable values shows the placeholder', () => {
    for (const values of [[], [NaN, -1, 0]]) {
      const html = renderChart(BarChart, { title: 'Empty', values, yScale: 'log' });
      expect(html).toContain('No data yet');
      expect(countElements(html, 'rect', 'bar')).toBe(0);
    }
  });

  test('figure has its accessible name and summary', () => {
    const html = renderChart(BarChart, { title: 'NTK eigenvalues', summary: 'λ₁ = 4', values: [4] });
    expect(html).toMatch(/<figure[^>]*aria-label="NTK eigenvalues"/);
    expect(html).toContain('λ₁ = 4');
  });

  test('a guide tag over the bars (a measured spectrum drawn through analytic bars) covers no bar', () => {
    const values = [8, 4, 2, 1, 0.5, 0.25, 0.12, 0.06];
    const html = renderChart(BarChart, {
      title: 'Spectrum',
      values,
      yScale: 'log',
      height: 220,
      referenceLines: [{ label: 'K₀', points: values.map((v, k) => ({ x: k, y: v * 0.5 })) }],
    });
    const [tag] = referenceTags(html);
    expect(tag.label).toBe('K₀');
    for (const bar of bars(html)) expect(boxesOverlap(tag, bar)).toBe(false);
  });

  test('the plot is a slider over the bars for the readout', () => {
    const html = renderChart(BarChart, { title: 'Spectrum', values: [4, 2, 1] });
    expect(html).toMatch(/role="slider" tabindex="0" aria-label="Values in: Spectrum" aria-valuemin="0" aria-valuemax="2"/);
  });
});

