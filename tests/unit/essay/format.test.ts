import { describe, expect, it } from 'vitest';
import { formatNumber, formatPercent } from '../../../src/essay/format';

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
