/** Pure rules for editable points: clamping, keyboard steps, the remove zone. */
import { tickStep } from 'd3';
import type { Domain, Point, ScaleType } from './types';

const clamp = (v: number, [lo, hi]: Domain) => Math.min(Math.max(lo, hi), Math.max(Math.min(lo, hi), v));

/** The point moved into the domain (a locked axis keeps `from`'s value). */
export function clampPoint(p: Point, xDomain: Domain, yDomain: Domain, lockAxis?: 'x' | 'y', from?: Point): Point {
  return {
    x: lockAxis === 'y' && from ? from.x : clamp(p.x, xDomain),
    y: lockAxis === 'x' && from ? from.y : clamp(p.y, yDomain),
  };
}

/** Arrow-key steps per axis span: about 1/50 of it, or 1/10 with Shift. */
const FINE_STEPS = 50;
const COARSE_STEPS = 10;

/**
 * One arrow-key step from `value` in `direction` (±1) along an axis: to the next multiple of a
 * round step (1, 2 or 5 × 10ⁿ, about a fiftieth of the axis, a tenth when `coarse`), so that a few
 * presses land on round numbers; on a log axis the steps are taken in log₁₀. Clamped to the domain.
 */
export function nudge(value: number, direction: 1 | -1, domain: Domain, type: ScaleType, coarse = false): number {
  const log = type === 'log';
  const toAxis = (v: number) => (log ? Math.log10(v) : v);
  const [lo, hi] = [toAxis(Math.min(...domain)), toAxis(Math.max(...domain))];
  const step = tickStep(lo, hi, coarse ? COARSE_STEPS : FINE_STEPS);
  const units = toAxis(value) / step;
  // Snap to the grid of steps, moving at least one step in the chosen direction.
  const next = (direction > 0 ? Math.floor(units + 1e-9) + 1 : Math.ceil(units - 1e-9) - 1) * step;
  const clean = Number(next.toPrecision(12));
  return clamp(log ? 10 ** clean : clean, domain);
}

/** How far (px) past the plot's edge a dragged point must be released to be removed. */
export const REMOVE_MARGIN = 24;

/** Whether a pointer at plot px (x, y) is in the remove zone around a plot of this size. */
export function inRemoveZone(x: number, y: number, width: number, height: number): boolean {
  return x < -REMOVE_MARGIN || y < -REMOVE_MARGIN || x > width + REMOVE_MARGIN || y > height + REMOVE_MARGIN;
}
