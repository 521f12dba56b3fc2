import { describe, expect, test } from 'vitest';
import {
  autoDomain,
  continuousScale,
  isPlottable,
  padCollapsed,
  plottableLines,
  plottablePoints,
  resolveDomain,
} from '../../../src/charts/domain';

describe('isPlottable / plottablePoints', () => {
  test('drops non-finite values on both axis types and values ≤ 0 on log axes', () => {
    for (const v of [NaN, Infinity, -Infinity]) {
      expect(isPlottable(v, 'linear')).toBe(false);
      expect(isPlottable(v, 'log')).toBe(false);
    }
    expect(isPlottable(0, 'linear')).toBe(true);
    expect(isPlottable(-3, 'linear')).toBe(true);
    expect(isPlottable(0, 'log')).toBe(false);
    expect(isPlottable(-3, 'log')).toBe(false);
    expect(isPlottable(Number.MIN_VALUE, 'log')).toBe(true);
  });

  test('keeps exactly the points whose x and y both fit, in order', () => {
    const points = [
      { x: 1, y: 1 },
      { x: NaN, y: 1 },
      { x: 2, y: -1 },
      { x: 0, y: 5 },
      { x: 3, y: Infinity },
      { x: 4, y: 0.5 },
    ];
    expect(plottablePoints(points, 'linear', 'linear')).toEqual([points[0], points[2], points[3], points[5]]);
    expect(plottablePoints(points, 'linear', 'log')).toEqual([points[0], points[3], points[5]]);
    expect(plottablePoints(points, 'log', 'log')).toEqual([points[0], points[5]]);
  });

  test('reference lines keep their plottable points and vanish below two', () => {
    const lines = [
      { label: 'a', points: [{ x: 1, y: 1 }, { x: 10, y: 0.1 }, { x: 100, y: 0 }] },
      { label: 'b', points: [{ x: 1, y: 1 }, { x: 10, y: -1 }] },
    ];
    expect(plottableLines(lines, 'log', 'log')).toEqual([
      { label: 'a', points: [{ x: 1, y: 1 }, { x: 10, y: 0.1 }] },
    ]);
  });
});

describe('padCollapsed', () => {
  test('leaves proper domains alone', () => {
    expect(padCollapsed([1, 2], 'linear')).toEqual([1, 2]);
  });
  test('widens a single value symmetrically (linear) or by a factor (log)', () => {
    expect(padCollapsed([0, 0], 'linear')).toEqual([-1, 1]);
    expect(padCollapsed([-5, -5], 'linear')).toEqual([-5.5, -4.5]);
    expect(padCollapsed([4, 4], 'log')).toEqual([2, 8]);
  });
});

describe('autoDomain', () => {
  test('undefined when nothing is plottable', () => {
    expect(autoDomain([], 'linear')).toBeUndefined();
    expect(autoDomain([NaN, Infinity], 'linear')).toBeUndefined();
    expect(autoDomain([0, -1, NaN], 'log')).toBeUndefined();
  });

  test('covers every plottable value and ignores the rest', () => {
    const values = [0.37, -2.2, 5.9, NaN, Infinity];
    const [lo, hi] = autoDomain(values, 'linear')!;
    expect(lo).toBeLessThanOrEqual(-2.2);
    expect(hi).toBeGreaterThanOrEqual(5.9);
    // "nice" rounding widens by less than one tick step, not by orders of magnitude.
    expect(hi - lo).toBeLessThan(2 * (5.9 + 2.2));
  });

  test('log domains end on powers of ten around the data', () => {
    const [lo, hi] = autoDomain([0.0031, 42, 0, -7], 'log')!;
    expect(lo).toBeCloseTo(1e-3, 15);
    expect(hi).toBeCloseTo(100, 12);
  });

  test('a constant series gets a non-degenerate domain containing it', () => {
    for (const type of ['linear', 'log'] as const) {
      const [lo, hi] = autoDomain([7, 7, 7], type)!;
      expect(lo).toBeLessThan(7);
      expect(hi).toBeGreaterThan(7);
    }
    const [lo, hi] = autoDomain([0], 'linear')!;
    expect(lo).toBeLessThan(0);
    expect(hi).toBeGreaterThan(0);
  });
});

describe('resolveDomain', () => {
  test('uses a valid fixed domain even if data lie outside', () => {
    expect(resolveDomain([0, 1], [5, 6], 'linear')).toEqual([0, 1]);
  });
  test('falls back to the data for fixed domains the axis cannot show', () => {
    for (const bad of [[1, 1], [2, 1], [NaN, 1], [0, 10]] as const) {
      const [lo, hi] = resolveDomain(bad, [3, 30], 'log')!;
      expect(lo).toBeLessThanOrEqual(3);
      expect(hi).toBeGreaterThanOrEqual(30);
    }
  });
});

describe('continuousScale', () => {
  test('maps the domain ends onto the range ends for both types', () => {
    const lin = continuousScale('linear', [-2, 6], [0, 400]);
    expect([lin(-2), lin(2), lin(6)]).toEqual([0, 200, 400]);
    const log = continuousScale('log', [1e-2, 1e2], [300, 0]);
    expect(log(1e-2)).toBeCloseTo(300, 10);
    expect(log(1)).toBeCloseTo(150, 10);
    expect(log(1e2)).toBeCloseTo(0, 10);
  });
});
