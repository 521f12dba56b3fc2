import { describe, expect, it } from 'vitest';
import { displayOf, parseEmbedOptions, SLIDE } from '../../../src/embed/options';

describe('embed options', () => {
  it('default to a full-size, unscaled widget that follows the reader’s colours', () => {
    expect(parseEmbedOptions([])).toEqual({ values: { compact: false, plots: [1, 2], scale: 1, theme: 'auto', backend: 'auto' }, issues: [] });
  });

  it('read a bare `compact`, a scale, a theme and a backend', () => {
    expect(parseEmbedOptions([['compact', ''], ['scale', '1.5'], ['theme', 'dark'], ['backend', 'wasm']]).values).toEqual({ compact: true, plots: [1, 2], scale: 1.5, theme: 'dark', backend: 'wasm' });
  });

  it('report bad values specifically and keep safe ones', () => {
    const { values, issues } = parseEmbedOptions([['scale', '40'], ['theme', 'blue'], ['compact', 'maybe']]);
    expect(values).toMatchObject({ scale: 3, theme: 'auto', compact: false });
    expect(issues.map((i) => i.message)).toEqual([
      'scale = "40" is above the maximum 3; using 3',
      'theme = "blue" is not one of auto, light, dark; using auto',
      'compact = "maybe" is not true or false; using false',
    ]);
  });

  it('fit a compact widget to the slide’s height for it, in the widget’s own (scaled) pixels', () => {
    const values = parseEmbedOptions([['compact', ''], ['scale', '1.5']]).values;
    expect(displayOf(values)).toEqual({ compact: true, plots: [1, 2], fitHeight: SLIDE.forWidget / 1.5 });
    expect(displayOf(values, 450)).toEqual({ compact: true, plots: [1, 2], fitHeight: 300 });
  });
});
