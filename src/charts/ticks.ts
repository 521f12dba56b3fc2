import { format, ticks } from 'd3';
import type { ContinuousScale } from './domain';
import type { ScaleType, Tick } from './types';

const SUPERSCRIPT: Record<string, string> = Object.fromEntries(
  [...'-0123456789'].map((c, i) => [c, '⁻⁰¹²³⁴⁵⁶⁷⁸⁹'[i]]),
);

/** "10⁻³" for exponent −3. */
export function powerOfTenLabel(exponent: number): string {
  return '10' + [...String(exponent)].map((c) => SUPERSCRIPT[c]).join('');
}

/** Number of ticks that fits an axis of this many px with roughly `spacing` px between ticks. */
export function tickCount(lengthPx: number, spacingPx: number): number {
  return Math.max(2, Math.floor(lengthPx / spacingPx));
}

const shortNumber = format('~g');

/**
 * Ticks for an axis. A log axis spanning at least a decade is labelled at powers of ten only
 * (thinned when there are more decades than room), which reads far better than d3's
 * 1…9 × 10ⁿ; a narrower log axis and every linear axis use d3's own ticks.
 */
export function axisTicks(scale: ContinuousScale, type: ScaleType, count: number): Tick[] {
  if (type === 'log') {
    const [lo, hi] = scale.domain();
    // The 1e-9 slack keeps exact powers of ten that log10 rounds to just past an integer.
    const first = Math.ceil(Math.log10(Math.min(lo, hi)) - 1e-9);
    const last = Math.floor(Math.log10(Math.max(lo, hi)) + 1e-9);
    if (last > first) {
      // d3's nice linear ticks over the exponents, so many decades thin to every 2nd, 5th, … power.
      return ticks(first, last, count)
        .filter(Number.isInteger)
        .map((e) => ({ value: 10 ** e, label: powerOfTenLabel(e) }));
    }
    return scale.ticks(count).map((value) => ({ value, label: shortNumber(value) }));
  }
  // d3's precision for the step, with trailing zeros trimmed so 0 reads "0", not "0.000".
  const label = scale.tickFormat(count, ',~f');
  return scale.ticks(count).map((value) => ({ value, label: label(value) }));
}

/** Ticks at whole numbers only, for axes that index things (bars, eigenvalue number). */
export function integerTicks(scale: ContinuousScale, count: number): Tick[] {
  return axisTicks(scale, 'linear', count).filter((t) => Number.isInteger(t.value));
}

/** Rough rendered width of a tick label in px at the charts' 11 px tick font. */
export function labelWidth(label: string): number {
  return label.length * 6.6;
}
