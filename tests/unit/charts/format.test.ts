import { describe, expect, test } from 'vitest';
import { axisValueFormat, tickLabels } from '../../../src/charts/format';

/** Reads a label back as a number: U+2212 minus, thousands commas, "a×10ⁿ". */
function readBack(label: string): number {
  const digits: Record<string, string> = { '⁻': '-', '⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9' };
  const plain = label.replaceAll('−', '-').replaceAll(',', '');
  const [mantissa, power] = plain.split('×10');
  return Number(mantissa) * (power === undefined ? 1 : 10 ** Number([...power].map((c) => digits[c]).join('')));
}

describe('axisValueFormat', () => {
  test('axisValueFormat snaps to 0 relative to a linear axis span only', () => {
    expect(axisValueFormat('linear', [0, 2])(1.06e-15)).toBe('0');
    expect(axisValueFormat('linear', [0, 2e-14])(1.06e-15)).toBe('1.06×10⁻¹⁵');
    expect(axisValueFormat('log', [1e-20, 1])(1.06e-15)).toBe('1.06×10⁻¹⁵');
  });
});

describe('tickLabels', () => {
  test('one notation per axis, each label reading back as its tick', () => {
    for (const ticks of [
      [0, 0.25, 0.5, 0.75, 1],
      [0, 5000, 10000, 15000, 20000],
      [-1, -0.5, 0, 0.5, 1],
      [0, 2e-4, 4e-4, 6e-4],
      [0, 5e5, 1e6, 1.5e6],
      [0, 2e-16, 4e-16, 6e-16, 8e-16, 1e-15],
    ]) {
      const labels = tickLabels(ticks);
      const powers = labels.filter((l) => l.includes('×10'));
      // Either every non-zero tick uses a power of ten or none does.
      expect([0, ticks.filter((t) => t !== 0).length]).toContain(powers.length);
      const largest = Math.max(...ticks.map(Math.abs));
      labels.forEach((label, i) => expect(Math.abs(readBack(label) - ticks[i])).toBeLessThanOrEqual(1e-9 * largest));
    }
  });

  test('labels are as short as the spacing allows: 0.5 not 0.50, 0 not 0.000', () => {
    expect(tickLabels([0, 0.5, 1, 1.5])).toEqual(['0', '0.5', '1', '1.5']);
    expect(tickLabels([0.001, 0.002, 0.003])).toEqual(['0.001', '0.002', '0.003']);
  });

  test('a tick that is round-off of zero (as summed steps give) reads 0', () => {
    const step = 0.1;
    const ticks = [-0.3, -0.2, -0.1, -0.3 + 3 * step, 0.1];
    expect(ticks[3]).not.toBe(0);
    expect(tickLabels(ticks)[3]).toBe('0');
  });
});
