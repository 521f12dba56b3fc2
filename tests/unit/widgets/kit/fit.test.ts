import { describe, expect, it } from 'vitest';
import { COMPACT_PLOT_HEIGHT, fitPlotHeight } from '../../../../src/widgets/kit/fit';

/** A frame whose rows of plots take `limit` each when their own height is larger, plus fixed chrome. */
function frameHeight(limit: number, { chrome, rows, natural }: { chrome: number; rows: number; natural: number }): number {
  return chrome + rows * Math.min(limit, natural);
}

/** Runs the measure → limit loop as WidgetFrame does, until the limit stops changing. */
function settle(fit: number, layout: { chrome: number; rows: number; natural: number }): { limit: number; height: number; steps: number } {
  let limit: number | null = null;
  for (let steps = 1; steps < 50; steps++) {
    const height = frameHeight(limit ?? COMPACT_PLOT_HEIGHT.max, layout);
    const next = fitPlotHeight({ limit, height, fit, rows: layout.rows });
    if (next === limit) return { limit, height, steps };
    limit = next;
  }
  throw new Error('did not settle');
}

describe('fitPlotHeight', () => {
  it('lands on the fit in one correction when every plot takes the limit', () => {
    const { limit, height, steps } = settle(400, { chrome: 120, rows: 2, natural: 480 });
    expect(limit).toBe(140);
    expect(height).toBe(400);
    expect(steps).toBe(2); // the correction from the largest limit, then no change
  });

  it('gets there in a few more steps when the plots are shorter than the first limit', () => {
    const { height } = settle(400, { chrome: 120, rows: 2, natural: 200 });
    expect(height).toBeLessThanOrEqual(400);
    expect(height).toBeGreaterThan(395);
  });

  it('never goes below the least readable plot height, nor above the largest', () => {
    expect(settle(100, { chrome: 300, rows: 2, natural: 480 }).limit).toBe(COMPACT_PLOT_HEIGHT.min);
    expect(settle(5000, { chrome: 100, rows: 1, natural: 480 }).limit).toBe(COMPACT_PLOT_HEIGHT.max);
  });

  it('lowers the limit for an overflow of a fraction of a pixel', () => {
    expect(fitPlotHeight({ limit: 150, height: 400.4, fit: 400, rows: 2 })).toBe(149);
  });
});
