/** The first-look widget's chart data: functions over the input, from records and predictions. Pure: no DOM. */
import type { Domain, Point, Series } from '../../charts';

export interface FitCurves {
  /** The network's outputs on the grid (absent until its run exists). */
  network?: readonly number[];
  /** Its linearisation around θ₀ (own K₀ and f₀) at the same step. */
  linearised?: readonly number[];
  /** The infinite-width prediction (analytic NTK, f₀ = 0) at the same step. */
  infinite?: readonly number[];
}

/**
 * A diverging prediction is drawn leaving the plot: values are held to this many plot heights
 * beyond the y range (the chart clips them), so no path gets an infinite coordinate.
 */
const OVERSHOOT = 2;

function along(grid: readonly number[], values: readonly number[], [lo, hi]: Domain): Point[] {
  const reach = OVERSHOOT * (hi - lo);
  const held = (y: number) => (Number.isNaN(y) ? hi + reach : Math.min(hi + reach, Math.max(lo - reach, y)));
  return grid.map((x, i) => ({ x, y: held(values[i]) }));
}

/**
 * The network (solid), its linearisation (dashed) and the infinite-width prediction (dashed, another
 * colour) over the grid. The training points are drawn by the chart as editable points.
 */
export function fitSeries(grid: readonly number[], curves: FitCurves, yDomain: Domain): Series[] {
  const series: Series[] = [];
  if (curves.network) series.push({ id: 'network', label: 'network', points: along(grid, curves.network, yDomain), kind: 'line', colorIndex: 0 });
  if (curves.linearised) {
    series.push({ id: 'linearised', label: 'its linearisation at θ₀', points: along(grid, curves.linearised, yDomain), kind: 'line', colorIndex: 1, dashed: true });
  }
  if (curves.infinite) {
    series.push({ id: 'infinite', label: 'infinite width', points: along(grid, curves.infinite, yDomain), kind: 'line', colorIndex: 2, dashed: true });
  }
  return series;
}
