import { ticks } from 'd3';
import type { ContinuousScale } from './domain';
import { powerOfTenLabel } from '../lib/format';
import { tickLabels } from './format';
import type { ScaleType, Tick } from './types';


/** Number of ticks that fits an axis of this many px with roughly `spacing` px between ticks. */
export function tickCount(lengthPx: number, spacingPx: number): number {
  return Math.max(2, Math.floor(lengthPx / spacingPx));
}

/** Ticks at these values, labelled in one notation (see tickLabels). */
function labelled(values: number[]): Tick[] {
  const labels = tickLabels(values);
  return values.map((value, i) => ({ value, label: labels[i] }));
}

/**
 * Ticks for an axis. A log axis spanning at least a decade is labelled at powers of ten only
 * (thinned when there are more decades than room), which reads far better than d3's
 * 1…9 × 10ⁿ; a narrower log axis and every linear axis use d3's own tick values, labelled by
 * tickLabels (one notation per axis, round-off of zero printed as 0).
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
  }
  return labelled(scale.ticks(count));
}

/** Ticks at whole numbers only, for axes that index things (bars, eigenvalue number). */
export function integerTicks(scale: ContinuousScale, count: number): Tick[] {
  return axisTicks(scale, 'linear', count).filter((t) => Number.isInteger(t.value));
}

/** Rough rendered width of a tick label in px at the charts' 11 px tick font. */
export function labelWidth(label: string): number {
  return label.length * 6.6;
}
