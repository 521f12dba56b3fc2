/** Tick labels and axis-relative value formats; the number style itself is src/lib/format.ts. */
import { format, precisionFixed, precisionRound } from 'd3';
import { formatNumber, positional, withPowerOfTen } from '../lib/format';
import type { Domain, ScaleType } from './types';


/**
 * On a linear axis a value below this fraction of the axis span is floating-point round-off of
 * zero (1.06e-15 where 0 was meant); it is also less than a thousandth of a pixel, so printing it
 * as 0 hides nothing the plot shows.
 */
export const ZERO_FRACTION = 1e-6;

/**
 * Labels for one axis's ticks, all in the same notation with the precision their spacing needs:
 * positional ("0", "0.25", "20,000") when the largest tick lies in [10⁻³, 10⁶), else mantissa ×
 * power of ten ("0", "2×10⁻⁴", "4×10⁻⁴"). Ticks within round-off of zero print as "0".
 */
export function tickLabels(values: readonly number[]): string[] {
  if (values.length === 0) return [];
  const largest = Math.max(...values.map(Math.abs));
  const sorted = [...values].sort((a, b) => a - b);
  const gaps = sorted.slice(1).map((v, i) => v - sorted[i]).filter((g) => g > 0);
  const step = gaps.length > 0 ? Math.min(...gaps) : largest || 1;
  const zero = step * ZERO_FRACTION;
  const isZero = (v: number) => Math.abs(v) <= zero;
  // The spacing's own precision, or more where a tick needs it (0.25 on an axis stepped by 0.25).
  const exact = (digits: (p: number) => (v: number) => string, p: number): ((v: number) => string) => {
    const write = digits(p);
    const fits = values.every((v) => isZero(v) || Math.abs(readNumber(write(v)) - v) <= zero);
    return fits || p >= 15 ? write : exact(digits, p + 1);
  };
  if (largest === 0 || positional(largest)) {
    const fixed = exact((p) => format(`,.${p}~f`), precisionFixed(step));
    return values.map((v) => (isZero(v) ? '0' : fixed(v)));
  }
  const exponent = exact((p) => format(`.${p}~e`), Math.max(0, precisionRound(step, largest) - 1));
  return values.map((v) => (isZero(v) ? '0' : withPowerOfTen(exponent(v))));
}

/** A number written by d3's format (U+2212 minus, commas) read back. */
function readNumber(text: string): number {
  return Number(text.replaceAll('−', '-').replaceAll(',', ''));
}

/** formatNumber for values on an axis: on a linear axis, round-off of zero relative to its span prints as 0. */
export function axisValueFormat(type: ScaleType, [lo, hi]: Domain, significant = 3): (value: number) => string {
  const zeroBelow = type === 'linear' ? Math.abs(hi - lo) * ZERO_FRACTION : 0;
  return (value) => formatNumber(value, { significant, zeroBelow });
}
