/**
 * Where a number setting's slider stops. A slider lands only on round values, so a reader who drags
 * or presses an arrow key gets width 512, not 497, and η = 0.2, not 0.1995:
 * - log settings whose bounds are powers of two (widths, 8 … 4096) stop at powers of two;
 * - other log settings stop at 1–2–5 values (…, 0.1, 0.2, 0.5, 1, 2, 5, …);
 * - linear whole-number settings stop at every whole number;
 * - other linear settings stop at multiples of a 1–2–5 step of about a fortieth of the range.
 * Both ends of the range are always stops. A value typed or read from a URL need not be a stop.
 */
import type { NumberSetting } from '../lib/settings';

/** Resolution of toSlider's track positions. */
export const SLIDER_STEPS = 1000;

const ONE_TWO_FIVE = [1, 2, 5];
/** Linear sliders aim at about this many steps across their range. */
const LINEAR_STEPS = 40;

const cache = new WeakMap<NumberSetting, readonly number[]>();

/** m × 10^e as the decimal it names (2e-3 is 0.002 exactly, not 2 × 0.001 in binary). */
const decimal = (m: number, e: number) => Number(`${m}e${e}`);

const isPowerOfTwo = (x: number) => x > 0 && Number.isInteger(Math.log2(x));

/** Every 1–2–5 value within [min, max] (min > 0). */
function oneTwoFive(min: number, max: number): number[] {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(min)); decimal(1, e) <= max; e++) {
    for (const m of ONE_TWO_FIVE) {
      const v = decimal(m, e);
      if (v >= min && v <= max) out.push(v);
    }
  }
  return out;
}

/** The 1–2–5 value nearest, on a log scale, to `x`. */
function nearestOneTwoFive(x: number): number {
  const e = Math.floor(Math.log10(x));
  const candidates = [...ONE_TWO_FIVE.map((m) => decimal(m, e)), decimal(1, e + 1)];
  return candidates.reduce((best, c) => (Math.abs(Math.log(c / x)) < Math.abs(Math.log(best / x)) ? c : best));
}

function computeStops(s: NumberSetting): number[] {
  const { min, max } = s;
  let inside: number[];
  if (s.scale === 'log' && s.integer && isPowerOfTwo(min) && isPowerOfTwo(max)) {
    inside = [];
    for (let v = min; v <= max; v *= 2) inside.push(v);
  } else if (s.scale === 'log') {
    inside = oneTwoFive(min, max).filter((v) => !s.integer || Number.isInteger(v));
  } else if (s.integer) {
    inside = Array.from({ length: max - min + 1 }, (_, i) => min + i);
  } else {
    const step = nearestOneTwoFive((max - min) / LINEAR_STEPS);
    const [m, e] = step.toExponential().split('e').map(Number);
    inside = [];
    for (let k = Math.ceil(min / step); decimal(k * m, e) <= max; k++) inside.push(decimal(k * m, e));
  }
  const stops = [min, ...inside.filter((v) => v > min && v < max), max];
  return min === max ? [min] : stops;
}

/** The values a setting's slider stops at, ascending, both ends of the range included. */
export function sliderStops(s: NumberSetting): readonly number[] {
  let stops = cache.get(s);
  if (!stops) cache.set(s, (stops = computeStops(s)));
  return stops;
}

/** Distance along the slider: in ratios for log settings, in differences for linear ones. */
const axis = (s: NumberSetting) => (s.scale === 'log' ? Math.log : (x: number) => x);

/**
 * Where `value` sits among the stops, as a fractional stop index: 2.5 is halfway (on the slider's
 * own scale) between the third and fourth stop. Clamped to the range.
 */
function stopPosition(s: NumberSetting, value: number): number {
  const stops = sliderStops(s);
  const at = axis(s);
  if (!(value > stops[0])) return 0;
  const last = stops.length - 1;
  if (value >= stops[last]) return last;
  let i = 0;
  while (stops[i + 1] < value) i++;
  return i + (at(value) - at(stops[i])) / (at(stops[i + 1]) - at(stops[i]));
}

/** The index of the stop nearest to `value` (where the thumb shows a value that is not a stop). */
export function nearestStop(s: NumberSetting, value: number): number {
  return Math.round(stopPosition(s, value));
}

/**
 * Where `value` sits along the slider's track, from 0 (left end) to SLIDER_STEPS (right end), for
 * marks drawn under it; between two stops it is interpolated on the slider's scale.
 */
export function toSlider(s: NumberSetting, value: number): number {
  const last = sliderStops(s).length - 1;
  return last === 0 ? 0 : (stopPosition(s, value) / last) * SLIDER_STEPS;
}

/**
 * The value a key press moves to from `value`: `stops` stops in direction `dir`, counting the first
 * stop past `value` as one (so a value between stops goes to the stop on that side); the end of the
 * range where there are fewer; `value` itself at the end of the range.
 */
export function nextSliderValue(s: NumberSetting, value: number, dir: 1 | -1, stops = 1): number {
  const all = sliderStops(s);
  let i = dir > 0 ? all.findIndex((v) => v > value) : all.length - 1;
  if (dir < 0) while (i >= 0 && all[i] >= value) i--;
  if (i < 0) return value;
  return all[Math.min(all.length - 1, Math.max(0, i + dir * (stops - 1)))];
}

/** How many stops PageUp and PageDown move: a tenth of the track, at least one stop. */
export function pageStops(s: NumberSetting): number {
  return Math.max(1, Math.ceil((sliderStops(s).length - 1) / 10));
}
