import { describe, expect, it } from 'vitest';
import { fromSlider, nextSliderValue, SLIDER_STEPS, toSlider } from '../../../src/controls/sliderScale';
import type { NumberSetting } from '../../../src/lib/settings';

const points: NumberSetting = { kind: 'number', key: 'n', label: 'n', default: 20, min: 6, max: 60, scale: 'linear', integer: true };
const width: NumberSetting = { kind: 'number', key: 'width', label: 'width', default: 512, min: 8, max: 4096, scale: 'log', integer: true };
const lr: NumberSetting = { kind: 'number', key: 'lr', label: 'η', default: 1, min: 0.001, max: 100, scale: 'log' };

describe('nextSliderValue (arrow keys on a slider)', () => {
  it('moves a whole-number setting by one, where one slider position would not move it at all', () => {
    expect(fromSlider(points, toSlider(points, 20) + 1)).toBe(20);
    expect(nextSliderValue(points, 20, 1)).toBe(21);
    expect(nextSliderValue(points, 20, -1)).toBe(19);
    expect(nextSliderValue(width, 8, 1)).toBe(9);
  });

  it('reaches the neighbouring value a slider position shows, and comes back to it', () => {
    for (const s of [points, width, lr]) {
      for (const position of [0, 1, 137, 500, 900]) {
        const value = fromSlider(s, position);
        const up = nextSliderValue(s, value, 1);
        expect(up).toBeGreaterThan(value);
        expect(nextSliderValue(s, up, -1)).toBe(value);
      }
    }
  });

  it('stays put at the ends of the range', () => {
    expect(nextSliderValue(points, 60, 1)).toBe(60);
    expect(nextSliderValue(lr, fromSlider(lr, 0), -1)).toBe(fromSlider(lr, 0));
    expect(nextSliderValue(width, fromSlider(width, SLIDER_STEPS), 1)).toBe(4096);
  });
});
