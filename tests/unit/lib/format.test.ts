import { describe, expect, it, test } from 'vitest';
import { formatNumber, formatPercent, formatReadout } from '../../../src/lib/format';

/** Reads a label back as a number: U+2212 minus, thousands commas, "a×10ⁿ". */
function readBack(label: string): number {
  const digits: Record<string, string> = { '⁻': '-', '⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9' };
  const plain = label.replaceAll('−', '-').replaceAll(',', '');
  const [mantissa, power] = plain.split('×10');
  return Number(mantissa) * (power === undefined ? 1 : 10 ** Number([...power].map((c) => digits[c]).join('')));
}

describe('formatNumber', () => {
  it('prints integers below a million exactly', () => {
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

describe('formatNumber, the notation', () => {
  test('three significant digits, whole numbers whole, the true minus sign', () => {
    expect(formatNumber(0.031234)).toBe('0.0312');
    expect(formatNumber(-2.5)).toBe('−2.5');
    expect(formatNumber(12.345)).toBe('12.3');
    expect(formatNumber(1234)).toBe('1,234');
    // Integer digits are never rounded away.
    expect(formatNumber(1234.56)).toBe('1,235');
    expect(formatNumber(0.5, { significant: 4 })).toBe('0.5');
  });

  test('outside [10⁻³, 10⁶) it writes a power of ten, never "e"', () => {
    expect(formatNumber(3.14159e-5)).toBe('3.14×10⁻⁵');
    expect(formatNumber(-2e-7)).toBe('−2×10⁻⁷');
    expect(formatNumber(2.5e7)).toBe('2.5×10⁷');
    for (const v of [1.06e-15, 7.3e-4, 4.2e9, -8.8e12]) {
      const label = formatNumber(v);
      expect(label).not.toMatch(/e/);
      expect(readBack(label) / v).toBeCloseTo(1, 2);
    }
  });

  test('round-off of zero prints as 0 below the given threshold; non-finite values say so', () => {
    expect(formatNumber(1.06e-15, { zeroBelow: 1e-6 })).toBe('0');
    expect(formatNumber(-0)).toBe('0');
    expect(formatNumber(2e-6, { zeroBelow: 1e-6 })).toBe('2×10⁻⁶');
    expect(formatNumber(NaN)).toBe('—');
    expect(formatNumber(-Infinity)).toBe('−∞');
  });
});

describe('formatReadout', () => {
  it('is formatNumber, with "–" while there is nothing to show', () => {
    expect(formatReadout(3.14159)).toBe('3.14');
    expect(formatReadout(4096)).toBe('4,096');
    expect(formatReadout(3.14159e-7)).toBe('3.14×10⁻⁷');
    expect(formatReadout(-123456789)).toBe('−1.23×10⁸');
    expect(formatReadout(null)).toBe('–');
    expect(formatReadout(undefined)).toBe('–');
    expect(formatReadout(Infinity)).toBe('∞');
  });
});
