import { rgb } from 'd3';
import { describe, expect, test } from 'vitest';
import {
  heatmapColor,
  heatmapDomain,
  heatmapLayout,
  rasterize,
  thinnedLabels,
} from '../../../src/charts/heatmap';

// Published end colours of viridis (matplotlib's _viridis_data first and last entries).
const VIRIDIS_LOW = { r: 68, g: 1, b: 84 };
const VIRIDIS_HIGH = { r: 253, g: 231, b: 37 };
// ColorBrewer RdBu (11 classes): #67001f, centre #f7f7f7, #053061.
const RDBU_RED = { r: 0x67, g: 0x00, b: 0x1f };
const RDBU_MIDDLE = { r: 0xf7, g: 0xf7, b: 0xf7 };
const RDBU_BLUE = { r: 0x05, g: 0x30, b: 0x61 };

function channels(color: string) {
  const c = rgb(color);
  return { r: c.r, g: c.g, b: c.b };
}

describe('heatmapDomain', () => {
  const matrix = [
    [1, -3, NaN],
    [Infinity, 0.5, 2],
  ];
  test('sequential: extent of the finite entries', () => {
    expect(heatmapDomain(matrix, 'sequential')).toEqual([-3, 2]);
  });
  test('diverging: symmetric about 0 at the largest |entry|', () => {
    expect(heatmapDomain(matrix, 'diverging')).toEqual([-3, 3]);
    expect(heatmapDomain([[0.2, 0.7]], 'diverging')).toEqual([-0.7, 0.7]);
  });
  test('a fixed domain wins, symmetrised for diverging', () => {
    expect(heatmapDomain(matrix, 'sequential', [0, 10])).toEqual([0, 10]);
    expect(heatmapDomain(matrix, 'diverging', [-1, 4])).toEqual([-4, 4]);
  });
  test('constant or all-zero matrices get a usable domain; all-NaN gets none', () => {
    const [lo, hi] = heatmapDomain([[2, 2]], 'sequential')!;
    expect(lo).toBeLessThan(2);
    expect(hi).toBeGreaterThan(2);
    expect(heatmapDomain([[0, 0]], 'diverging')).toEqual([-1, 1]);
    expect(heatmapDomain([[NaN]], 'sequential')).toBeUndefined();
    expect(heatmapDomain([[NaN]], 'diverging')).toBeUndefined();
  });
});

describe('heatmapColor', () => {
  test('sequential runs from viridis low to high and clamps outside the domain', () => {
    const color = heatmapColor('sequential', [10, 20]);
    expect(channels(color(10))).toEqual(VIRIDIS_LOW);
    expect(channels(color(20))).toEqual(VIRIDIS_HIGH);
    expect(color(-1e9)).toBe(color(10));
    expect(color(1e9)).toBe(color(20));
  });
  test('diverging: negatives blue, 0 the neutral midpoint, positives red (ColorBrewer RdBu)', () => {
    const color = heatmapColor('diverging', [-2, 2]);
    expect(channels(color(-2))).toEqual(RDBU_BLUE);
    // d3 smooths the scheme with a B-spline, which passes near (not through) the centre class.
    const middle = channels(color(0));
    for (const c of [middle.r, middle.g, middle.b]) expect(Math.abs(c - RDBU_MIDDLE.r)).toBeLessThanOrEqual(10);
    expect(Math.max(middle.r, middle.g, middle.b) - Math.min(middle.r, middle.g, middle.b)).toBeLessThanOrEqual(5);
    expect(channels(color(2))).toEqual(RDBU_RED);
  });
});

describe('rasterize', () => {
  test('one RGBA pixel per cell, row-major, non-finite and missing cells transparent', () => {
    const matrix = [
      [0, 1, NaN],
      [0.5, -Infinity],
    ];
    const pixels = rasterize(matrix, 3, 'sequential', [0, 1]);
    expect(pixels).toHaveLength(2 * 3 * 4);
    const pixel = (i: number, j: number) => Array.from(pixels.slice((i * 3 + j) * 4, (i * 3 + j) * 4 + 4));
    expect(pixel(0, 0)).toEqual([VIRIDIS_LOW.r, VIRIDIS_LOW.g, VIRIDIS_LOW.b, 255]);
    expect(pixel(0, 1)).toEqual([VIRIDIS_HIGH.r, VIRIDIS_HIGH.g, VIRIDIS_HIGH.b, 255]);
    expect(pixel(0, 2)[3]).toBe(0);
    expect(pixel(1, 1)[3]).toBe(0);
    expect(pixel(1, 2)[3]).toBe(0);
  });

  test('the lookup table matches the exact colour to within rounding of 1/255 of the scale', () => {
    const domain = [-1, 1] as const;
    const exact = heatmapColor('diverging', domain);
    const values = Array.from({ length: 101 }, (_, k) => -1 + k / 50);
    const pixels = rasterize([values], values.length, 'diverging', domain);
    values.forEach((v, j) => {
      const want = channels(exact(v));
      // Neighbouring LUT entries differ by at most a few units per channel in RdBu.
      expect(Math.abs(pixels[4 * j] - want.r)).toBeLessThanOrEqual(4);
      expect(Math.abs(pixels[4 * j + 1] - want.g)).toBeLessThanOrEqual(4);
      expect(Math.abs(pixels[4 * j + 2] - want.b)).toBeLessThanOrEqual(4);
    });
  });
});

describe('heatmapLayout', () => {
  const base = { width: 600, maxPlotHeight: 480, left: 20, bottom: 20, right: 60 };
  test('square cells filling the width when the height allows', () => {
    const l = heatmapLayout({ ...base, rows: 10, columns: 20 });
    expect(l.cell).toBeCloseTo(520 / 20, 12);
    expect(l.plotWidth).toBeCloseTo(520, 12);
    expect(l.plotHeight).toBeCloseTo(260, 12);
  });
  test('square cells limited by the height for tall matrices', () => {
    const l = heatmapLayout({ ...base, rows: 96, columns: 12 });
    expect(l.plotHeight).toBeCloseTo(480, 12);
    expect(l.cell).toBeCloseTo(5, 12);
    expect(l.plotWidth).toBeLessThanOrEqual(520);
  });
  test('the colour bar keeps a minimum height for a single row', () => {
    expect(heatmapLayout({ ...base, rows: 1, columns: 100 }).height).toBe(120);
  });
});

describe('thinnedLabels', () => {
  test('keeps every label when cells are wide enough', () => {
    expect(thinnedLabels(['a', 'b', 'c'], 20, 14)).toHaveLength(3);
  });
  test('keeps every k-th label so kept labels are at least the spacing apart', () => {
    const labels = Array.from({ length: 100 }, (_, i) => String(i));
    const kept = thinnedLabels(labels, 3, 14);
    expect(kept[0]).toEqual({ index: 0, label: '0' });
    for (let k = 1; k < kept.length; k++) expect((kept[k].index - kept[k - 1].index) * 3).toBeGreaterThanOrEqual(14);
    expect(kept.length).toBe(Math.ceil(100 / 5));
  });
});
