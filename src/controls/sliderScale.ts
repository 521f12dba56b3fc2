import type { NumberSetting } from '../lib/settings';

/** Range inputs move over [0, SLIDER_STEPS]; log settings map that range geometrically. */
export const SLIDER_STEPS = 1000;

export function toSlider(s: NumberSetting, value: number): number {
  const t = s.scale === 'log' ? Math.log(value / s.min) / Math.log(s.max / s.min) : (value - s.min) / (s.max - s.min);
  return Math.round(Math.min(1, Math.max(0, t)) * SLIDER_STEPS);
}

export function fromSlider(s: NumberSetting, position: number): number {
  const t = position / SLIDER_STEPS;
  const v = s.scale === 'log' ? s.min * (s.max / s.min) ** t : s.min + t * (s.max - s.min);
  if (s.integer) return Math.min(s.max, Math.max(s.min, Math.round(v)));
  return Number(v.toPrecision(3));
}

/**
 * The value one arrow key press moves to from `value`: the nearest one past it, in direction `dir`,
 * that some slider position gives (a single position is often too small a move to change a
 * whole-number setting); `value` itself at the end of the range.
 */
export function nextSliderValue(s: NumberSetting, value: number, dir: 1 | -1): number {
  for (let position = toSlider(s, value) + dir; position >= 0 && position <= SLIDER_STEPS; position += dir) {
    const next = fromSlider(s, position);
    if (dir > 0 ? next > value : next < value) return next;
  }
  return value;
}

export function formatSetting(value: number): string {
  if (value === 0) return '0';
  if (Number.isInteger(value) && Math.abs(value) < 1e6) return String(value);
  const a = Math.abs(value);
  if (a >= 1e4 || a < 1e-3) return value.toExponential(1);
  return String(Number(value.toPrecision(3)));
}
