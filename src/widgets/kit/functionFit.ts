/**
 * A network's function beside its linearisation and the infinite-width prediction, as the widgets
 * that draw all three share them (network-vs-linearisation, frozen-kernel-dynamics, lazy-vs-rich):
 * the infinite-width prediction computed on the page, the chart series, and the distances between
 * the curves. Pure: no DOM, no tfjs.
 *
 * The infinite-width prediction is the analytic NTK of the architecture (src/lib/ntk) on the training
 * inputs and the plotting grid, started from f₀ = 0, the mean of f₀ over initialisations. It needs
 * only the kernel and an n × n eigendecomposition, so it is recomputed on every pointer move while
 * the reader drags a training point; the network restarts when the point is dropped.
 */
import type { Domain, Point, Series } from '../../charts';
import type { TrainRecord } from '../../lib/nn';
import { analyticKernels, KernelSpectrum, type LinearisedDynamics, type Matrix, type MlpSpec } from '../../lib/ntk';

export interface KernelData {
  xTrain: Matrix;
  yTrain: number[];
  /** Where the prediction is drawn; without it, the prediction on the training set only. */
  xTest?: Matrix;
}

/**
 * Everything of the infinite-width prediction but η and t (`.dynamics(η).testPrediction(t, 'gd')`
 * then costs O(n · grid)). Null for tanh, whose kernel takes numerical quadrature, tens of
 * milliseconds per kernel row here: too slow to follow a drag.
 */
export function infiniteWidthOnPage({ xTrain, yTrain, xTest = [] }: KernelData, spec: MlpSpec): KernelSpectrum | null {
  if (spec.activation === 'tanh') return null;
  const { ntk } = analyticKernels([...xTrain, ...xTest], xTrain, spec);
  const n = xTrain.length;
  return new KernelSpectrum({ kTrain: ntk.slice(0, n), yTrain, kTestTrain: xTest.length > 0 ? ntk.slice(n) : undefined });
}

export interface FitCurves {
  /** The network's outputs on the grid (absent until its run exists). */
  network?: readonly number[];
  /** Its linearisation around θ₀ (own K₀ and f₀) at the same step. */
  linearised?: readonly number[];
  /** The infinite-width prediction (analytic NTK, f₀ = 0) at the same step. */
  infinite?: readonly number[];
}

/** The three curves at the step of the network's latest record (step 0 before it has one). */
export function curvesAt(latest: TrainRecord | undefined, linearised: LinearisedDynamics | undefined, infinite: LinearisedDynamics | null | undefined): FitCurves {
  const step = latest?.step ?? 0;
  return {
    network: latest?.testOutputs,
    linearised: linearised?.testPrediction(step, 'gd'),
    infinite: infinite?.testPrediction(step, 'gd'),
  };
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

/**
 * ‖f − f_ref‖ / ‖f_ref − f_start‖: the distance from the reference (a linearised prediction) in
 * units of how far the reference itself has moved since initialisation. Null while the reference
 * has not moved (at step 0), when the ratio means nothing.
 */
export function relativeGap(f: readonly number[], reference: readonly number[], start: readonly number[]): number | null {
  let gap = 0;
  let moved = 0;
  for (let i = 0; i < f.length; i++) {
    gap += (f[i] - reference[i]) ** 2;
    moved += (reference[i] - start[i]) ** 2;
  }
  return moved > 0 ? Math.sqrt(gap / moved) : null;
}

/**
 * The largest ‖g − g_lin‖/‖g_lin − g₀‖ over the records after the first. A rich network can end
 * near its linearisation's interpolant (both fit the same points) after travelling far from it on
 * the way, so the largest gap tells the regimes apart better than the last one.
 */
export function largestGap(linearised: LinearisedDynamics, records: readonly TrainRecord[]): number | null {
  const initial = records[0]?.testOutputs;
  if (!initial) return null;
  let largest: number | null = null;
  for (const record of records.slice(1)) {
    if (!record.testOutputs) continue;
    const gap = relativeGap(record.testOutputs, linearised.testPrediction(record.step, 'gd'), initial);
    if (gap !== null) largest = Math.max(largest ?? 0, gap);
  }
  return largest;
}
