import { describe, expect, it } from 'vitest';
import { nearestStop, nextSliderValue, pageStops, SLIDER_STEPS, sliderStops, toSlider } from '../../../src/controls/sliderScale';
import type { NumberSetting } from '../../../src/lib/settings';
import { WIDGETS } from '../../../src/widgets/registry';

const number = (key: string, min: number, max: number, scale: 'log' | 'linear', integer = false): NumberSetting => ({
  kind: 'number',
  key,
  label: key,
  default: min,
  min,
  max,
  scale,
  integer,
});

const width = number('width', 8, 4096, 'log', true);
const lr = number('lr', 0.001, 100, 'log');
const steps = number('steps', 10, 5000, 'log', true);
const points = number('n', 6, 60, 'linear', true);
const wstd = number('wstd', 0.1, 4, 'linear');

/** Is v one of …, 0.1, 0.2, 0.5, 1, 2, 5, 10, …? Read from its decimal digits, not computed the way the code does. */
const isOneTwoFive = (v: number) => /^[125](\.0+)?e[+-]\d+$/.test(v.toExponential());

describe('sliderStops', () => {
  it('moves widths in powers of two, 8 … 4096', () => {
    expect(sliderStops(width)).toEqual([8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096]);
    expect(sliderStops(number('width', 16, 4096, 'log', true))).toEqual([16, 32, 64, 128, 256, 512, 1024, 2048, 4096]);
  });

  it('snaps other log settings to 1–2–5 values, exact decimals, ends included', () => {
    expect(sliderStops(lr)).toEqual([0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100]);
    expect(sliderStops(steps)).toEqual([10, 20, 50, 100, 200, 500, 1000, 2000, 5000]);
    expect(sliderStops(number('spread', 0.005, 1, 'log'))).toEqual([0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1]);
    // Ends that are not 1–2–5 values are stops all the same.
    expect(sliderStops(number('lr', 0.001, 4, 'log'))).toEqual([0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 4]);
    expect(sliderStops(number('x', 0.003, 70, 'log'))).toEqual([0.003, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 70]);
  });

  it('steps whole-number linear settings by one', () => {
    expect(sliderStops(points)).toEqual(Array.from({ length: 55 }, (_, i) => 6 + i));
    expect(sliderStops(number('seed', 0, 9999, 'linear', true))).toHaveLength(10_000);
  });

  it('steps other linear settings by a 1–2–5 step of about a fortieth of the range', () => {
    expect(sliderStops(wstd)).toEqual(Array.from({ length: 40 }, (_, i) => Number(((i + 1) / 10).toFixed(1))));
    expect(sliderStops(number('xa', -1, 1, 'linear'))).toEqual(Array.from({ length: 41 }, (_, i) => Number((-1 + i / 20).toFixed(2))));
    // 0.9 / 40 ≈ 0.0225 → 0.02; the ends 0.05 and 0.95 are not multiples of it.
    const fraction = sliderStops(number('lrfraction', 0.05, 0.95, 'linear'));
    expect(fraction.slice(0, 3)).toEqual([0.05, 0.06, 0.08]);
    expect(fraction.slice(-3)).toEqual([0.92, 0.94, 0.95]);
  });

  it('gives every number setting of every widget ascending stops from its minimum to its maximum', () => {
    for (const { schema } of Object.values(WIDGETS)) {
      for (const setting of schema) {
        if (setting.kind !== 'number') continue;
        const s: NumberSetting = setting;
        const stops = sliderStops(s);
        expect(stops[0], s.key).toBe(s.min);
        expect(stops[stops.length - 1], s.key).toBe(s.max);
        expect(stops.every((v, i) => i === 0 || v > stops[i - 1]), s.key).toBe(true);
        if (s.integer) expect(stops.filter((v) => !Number.isInteger(v)), s.key).toEqual([]);
        if (s.scale === 'log' && s.key !== 'width') expect(stops.slice(1, -1).filter((v) => !isOneTwoFive(v)), s.key).toEqual([]);
        if (s.key === 'width') expect(stops.filter((v) => Math.log2(v) % 1 !== 0)).toEqual([]);
        // Between 2 and a few dozen positions, except whole-number linear ranges, which stop at every value.
        if (!(s.integer && s.scale === 'linear')) expect(stops.length, s.key).toBeLessThanOrEqual(60);
      }
    }
  });
});

describe('nextSliderValue (arrow keys on a slider)', () => {
  it('goes to the neighbouring stop', () => {
    expect(nextSliderValue(width, 512, 1)).toBe(1024);
    expect(nextSliderValue(width, 512, -1)).toBe(256);
    expect(nextSliderValue(lr, 0.2, 1)).toBe(0.5);
    expect(nextSliderValue(lr, 0.2, -1)).toBe(0.1);
    expect(nextSliderValue(points, 20, 1)).toBe(21);
    expect(nextSliderValue(wstd, 1.4, -1)).toBe(1.3);
  });

  it('from a value between stops (typed, or from a URL), goes to the stop on that side', () => {
    expect(nextSliderValue(steps, 300, 1)).toBe(500);
    expect(nextSliderValue(steps, 300, -1)).toBe(200);
    expect(nextSliderValue(width, 100, 1)).toBe(128);
    expect(nextSliderValue(width, 100, -1)).toBe(64);
    expect(nextSliderValue(lr, 0.3, -1)).toBe(0.2);
  });

  it('moves a tenth of the track, at least one stop, for PageUp and PageDown', () => {
    expect(pageStops(lr)).toBe(2); // 15 steps between 16 stops
    expect(pageStops(width)).toBe(1);
    expect(pageStops(number('seed', 0, 9999, 'linear', true))).toBe(1000);
    expect(nextSliderValue(lr, 50, -1, 2)).toBe(10);
    expect(nextSliderValue(lr, 0.3, 1, 2)).toBe(1); // 0.5 is the first stop up, 1 the second
    expect(nextSliderValue(lr, 0.002, -1, 2)).toBe(0.001); // no further than the end
  });

  it('stays put at the ends of the range', () => {
    expect(nextSliderValue(points, 60, 1)).toBe(60);
    expect(nextSliderValue(lr, 0.001, -1)).toBe(0.001);
    expect(nextSliderValue(width, 4096, 1)).toBe(4096);
  });
});

describe('nearestStop and toSlider (thumb and marks on the track)', () => {
  it('puts the thumb on the nearest stop, on the slider’s own scale', () => {
    expect(nearestStop(width, 512)).toBe(6);
    expect(nearestStop(width, 700)).toBe(6); // below √(512·1024) ≈ 724
    expect(nearestStop(width, 750)).toBe(7);
    expect(nearestStop(steps, 300)).toBe(4); // 200 (log distance 0.41) is nearer than 500 (0.51)
    expect(nearestStop(width, 1)).toBe(0);
    expect(nearestStop(width, 1e6)).toBe(9);
  });

  it('places a mark at its value’s share of the track, interpolating between stops', () => {
    expect(toSlider(width, 8)).toBe(0);
    expect(toSlider(width, 4096)).toBe(SLIDER_STEPS);
    expect(toSlider(width, 512)).toBeCloseTo((6 / 9) * SLIDER_STEPS, 9);
    expect(toSlider(width, Math.sqrt(512 * 1024))).toBeCloseTo((6.5 / 9) * SLIDER_STEPS, 9);
    // η = 3 lies between the stops 2 and 5 (indices 10 and 11 of 15), log(3/2)/log(5/2) of the way.
    expect(toSlider(lr, 3)).toBeCloseTo(((10 + Math.log(1.5) / Math.log(2.5)) / 15) * SLIDER_STEPS, 9);
    expect(toSlider(lr, 1e6)).toBe(SLIDER_STEPS);
  });
});
