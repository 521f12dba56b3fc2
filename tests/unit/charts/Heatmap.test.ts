import { describe, expect, test } from 'vitest';
import Heatmap from '../../../src/charts/Heatmap.svelte';
import { countElements, nonFiniteTokens, renderChart, renderedAxes } from './ssr';

const grid = (n: number, m: number, f: (i: number, j: number) => number) =>
  Array.from({ length: n }, (_, i) => Array.from({ length: m }, (_, j) => f(i, j)));

describe('Heatmap', () => {
  test('one rect per finite cell, square and tiling the plot', () => {
    const matrix = grid(3, 4, (i, j) => i - j);
    matrix[1][2] = NaN;
    matrix[2][0] = -Infinity;
    const html = renderChart(Heatmap, { title: 'Kernel', matrix, scheme: 'diverging' });
    expect(nonFiniteTokens(html)).toEqual([]);
    const cells = [...html.matchAll(/<rect class="cell[^"]*" x="([^"]+)" y="([^"]+)" width="([^"]+)" height="([^"]+)"/g)];
    expect(cells).toHaveLength(3 * 4 - 2);
    const side = Number(cells[0][3]);
    for (const [, x, y, w, h] of cells) {
      expect(Number(w)).toBe(side);
      expect(Number(h)).toBe(side);
      expect(Number(x) / side).toBeCloseTo(Math.round(Number(x) / side), 9);
      expect(Number(y) / side).toBeCloseTo(Math.round(Number(y) / side), 9);
    }
  });

  test('diverging colour bar is symmetric about 0', () => {
    const html = renderChart(Heatmap, {
      title: 'Signed',
      matrix: grid(5, 5, (i, j) => 0.3 * (i - j) + 0.1),
      scheme: 'diverging',
      colorbarLabel: 'Θ(x, x′)',
    });
    const [bar] = renderedAxes(html);
    const value = (label: string) => Number(label.replace('−', '-'));
    const zero = bar.ticks.find((t) => value(t.label) === 0)!;
    const top = bar.ticks.at(-1)!;
    const mirror = bar.ticks.find((t) => value(t.label) === -value(top.label))!;
    expect(mirror).toBeDefined();
    expect(zero.at - top.at).toBeCloseTo(mirror.at - zero.at, 6);
    expect(html).toContain('Θ(x, x′)');
    const gradient = html.match(/<linearGradient[^>]*>(.*?)<\/linearGradient>/)![1];
    expect(gradient.match(/<stop /g)).toHaveLength(11);
  });

  test('row and column labels are thinned when cells are small', () => {
    const n = 40;
    const labels = Array.from({ length: n }, (_, i) => `x${i}`);
    const html = renderChart(Heatmap, { title: 'Labelled', matrix: grid(n, n, (i, j) => i * j), rowLabels: labels, columnLabels: labels });
    const drawn = html.match(/<text class="label[^>]*>x\d+<\/text>/g) ?? [];
    expect(drawn.length).toBeGreaterThan(4);
    expect(drawn.length).toBeLessThan(2 * n);
  });

  test('a 256×256 matrix renders a sane frame on the server without 65 536 nodes', () => {
    const matrix = grid(256, 256, (i, j) => Math.cos((i * j) / 100));
    const html = renderChart(Heatmap, { title: 'Big', matrix, scheme: 'diverging' });
    expect(countElements(html, 'rect', 'cell')).toBe(0);
    expect(countElements(html, 'rect', 'colorbar')).toBe(1);
    expect(countElements(html, 'rect', 'backdrop')).toBe(1);
    expect(nonFiniteTokens(html)).toEqual([]);
    expect(html.length).toBeLessThan(20_000);
  });

  test('empty or all-NaN matrices show the placeholder', () => {
    for (const matrix of [[], [[]], [[NaN, NaN]]]) {
      const html = renderChart(Heatmap, { title: 'Empty', matrix });
      expect(html).toContain('No data yet');
      expect(html).not.toContain('<svg');
    }
  });

  test('figure has its accessible name, caption and summary', () => {
    const html = renderChart(Heatmap, {
      title: 'Empirical NTK',
      caption: 'Bright cells: similar inputs.',
      summary: 'Largest entry 2.0 on the diagonal.',
      matrix: [[2, 1], [1, 2]],
    });
    expect(html).toMatch(/<figure[^>]*aria-label="Empirical NTK"/);
    expect(html).toContain('Bright cells: similar inputs.');
    expect(html).toContain('Largest entry 2.0 on the diagonal.');
  });
});
