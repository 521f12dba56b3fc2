/**
 * Colours and stroke styles used by the marks. The colours themselves are CSS custom properties
 * whose defaults (light and dark) are set, and documented, in ChartFigure.svelte.
 */

const PALETTE_SIZE = 8;

/** CSS colour of palette entry `index` (cycled), i.e. --ntk-series-(index mod 8 + 1). */
export function seriesColor(index: number): string {
  const slot = ((Math.trunc(index) % PALETTE_SIZE) + PALETTE_SIZE) % PALETTE_SIZE;
  return `var(--chart-series-${slot + 1})`;
}

export const DASH_ARRAY = '6 4';
export const LINE_WIDTH = 2;
export const MARKER_RADIUS = 3.5;
