import { describe, expect, test } from 'vitest';
import { continuousScale } from '../../../src/charts/domain';
import { axisTicks, integerTicks, tickCount } from '../../../src/charts/ticks';
import { powerOfTenLabel } from '../../../src/lib/format';

const isPowerOfTen = (v: number) => Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-12;

describe('powerOfTenLabel', () => {
  test('writes the exponent in superscript', () => {
    expect(powerOfTenLabel(0)).toBe('10⁰');
    expect(powerOfTenLabel(3)).toBe('10³');
    expect(powerOfTenLabel(-12)).toBe('10⁻¹²');
  });
});

describe('axisTicks on a log axis', () => {
  test('a domain spanning decades is ticked at every power of ten inside it', () => {
    const scale = continuousScale('log', [2e-4, 50], [0, 600]);
    const ticks = axisTicks(scale, 'log', 8);
    expect(ticks.map((t) => t.value)).toEqual([1e-3, 1e-2, 1e-1, 1, 10].map((v) => expect.closeTo(v, 15)));
    expect(ticks.every((t) => isPowerOfTen(t.value))).toBe(true);
    expect(ticks.map((t) => t.label)).toEqual(['10⁻³', '10⁻²', '10⁻¹', '10⁰', '10¹']);
  });

  test('exact powers of ten at the ends are included', () => {
    const ticks = axisTicks(continuousScale('log', [1e-3, 1e3], [0, 600]), 'log', 10);
    expect(ticks).toHaveLength(7);
    expect(ticks[0].value).toBeCloseTo(1e-3, 18);
    expect(ticks[6].value).toBeCloseTo(1e3, 10);
  });

  test('many decades thin to evenly stepped powers, about as many as asked for', () => {
    const ticks = axisTicks(continuousScale('log', [1e-12, 1e3], [0, 300]), 'log', 4);
    expect(ticks.every((t) => isPowerOfTen(t.value))).toBe(true);
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    expect(ticks.length).toBeLessThanOrEqual(8);
    const exponents = ticks.map((t) => Math.round(Math.log10(t.value)));
    const steps = new Set(exponents.slice(1).map((e, i) => e - exponents[i]));
    expect(steps.size).toBe(1);
  });

  test('works for a reversed range (y axes run bottom to top)', () => {
    const ticks = axisTicks(continuousScale('log', [1, 1000], [300, 0]), 'log', 6);
    expect(ticks.map((t) => t.label)).toEqual(['10⁰', '10¹', '10²', '10³']);
  });

  test('less than a decade falls back to plain numbers inside the domain', () => {
    const ticks = axisTicks(continuousScale('log', [2, 8], [0, 300]), 'log', 5);
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    for (const t of ticks) {
      expect(t.value).toBeGreaterThanOrEqual(2);
      expect(t.value).toBeLessThanOrEqual(8);
      expect(Number(t.label)).toBeCloseTo(t.value, 10);
    }
  });
});

describe('axisTicks on a linear axis', () => {
  test('ticks lie in the domain and their labels read back as their values', () => {
    const ticks = axisTicks(continuousScale('linear', [-0.37, 1.9], [0, 500]), 'linear', 6);
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    for (const t of ticks) {
      expect(t.value).toBeGreaterThanOrEqual(-0.37);
      expect(t.value).toBeLessThanOrEqual(1.9);
      // d3 writes minus as U+2212 and thousands with commas.
      expect(Number(t.label.replace('−', '-').replaceAll(',', ''))).toBeCloseTo(t.value, 12);
    }
  });

  test('integerTicks keeps whole numbers only', () => {
    const ticks = integerTicks(continuousScale('linear', [-0.5, 3.5], [0, 600]), 10);
    expect(ticks.map((t) => t.value)).toEqual([0, 1, 2, 3]);
  });
});

describe('tickCount', () => {
  test('about one tick per spacing, never fewer than two', () => {
    expect(tickCount(400, 80)).toBe(5);
    expect(tickCount(50, 80)).toBe(2);
  });
});
