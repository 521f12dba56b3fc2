import { describe, expect, it } from 'vitest';
import { formatNumber, formatPercent, formatReadout, formatScientific } from '../../../src/lib/format';

describe('formatNumber', () => {
  it('prints integers exactly, however many digits they have', () => {
    expect(formatNumber(4096)).toBe('4,096');
    expect(formatNumber(49_200, 2)).toBe('49,200');
    expect(formatNumber(-12)).toBe('−12');
  });

  it('rounds other numbers to significant digits, dropping trailing zeros', () => {
    expect(formatNumber(0.97912)).toBe('0.979');
    expect(formatNumber(96.25, 3)).toBe('96.3');
    expect(formatNumber(1.5)).toBe('1.5');
    expect(formatNumber(-0.0)).toBe('0');
  });

  it('prints percentages of fractions', () => {
    expect(formatPercent(0.0541, 3)).toBe('5.41%');
  });
});

describe('formatReadout', () => {
  it('prints three significant digits in plain notation between 10⁻³ and 10⁵', () => {
    expect(formatReadout(0)).toBe('0');
    expect(formatReadout(3.14159)).toBe('3.14');
    expect(formatReadout(-0.012345)).toBe('−0.0123');
    expect(formatReadout(4096)).toBe('4,096');
    expect(formatReadout(42.42)).toBe('42.4');
  });

  it('switches to "m × 10ᵉ" outside that range, with a true minus sign', () => {
    expect(formatReadout(3.14159e-7)).toBe('3.14 × 10⁻⁷');
    expect(formatReadout(-123456789)).toBe('−1.23 × 10⁸');
    expect(formatReadout(1e-4)).toBe('1 × 10⁻⁴');
    expect(formatScientific(0.000250, 2)).toBe('2.5 × 10⁻⁴');
  });

  it('says what is missing or non-finite instead of printing Infinity or NaN', () => {
    expect(formatReadout(null)).toBe('–');
    expect(formatReadout(undefined)).toBe('–');
    expect(formatReadout(Infinity)).toBe('∞');
    expect(formatReadout(-Infinity)).toBe('−∞');
    expect(formatReadout(Number.NaN)).toBe('not a number');
  });
});
