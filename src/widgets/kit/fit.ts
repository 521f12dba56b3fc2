/**
 * Compact widgets (slides) must fit a given height: WidgetFrame limits its plots' heights, measures
 * itself, and corrects the limit. With r rows of plots all at the limit, the frame's height moves by
 * r px per px of limit, so one step lands on the fit; plots shorter than the limit take a few.
 */
export const COMPACT_PLOT_HEIGHT = { min: 100, max: 420 } as const;

export interface FitMeasure {
  /** The current limit (null before the first measure: plots at most COMPACT_PLOT_HEIGHT.max). */
  limit: number | null;
  /** The frame's height now, px. */
  height: number;
  /** The height it must fit, px. */
  fit: number;
  /** Rows of plots in its grid. */
  rows: number;
}

/** The next plot height limit, whole px, between COMPACT_PLOT_HEIGHT.min and .max. */
export function fitPlotHeight({ limit, height, fit, rows }: FitMeasure): number {
  const current = limit ?? COMPACT_PLOT_HEIGHT.max;
  // Floored, so that an overflow of a fraction of a px still lowers the limit.
  const next = current + Math.floor((fit - height) / Math.max(1, rows));
  return Math.min(COMPACT_PLOT_HEIGHT.max, Math.max(COMPACT_PLOT_HEIGHT.min, next));
}
