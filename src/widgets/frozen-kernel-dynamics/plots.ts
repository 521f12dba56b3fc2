/** The frozen-kernel widget's chart data from a run's theory and records. Pure: no DOM. */
import type { Domain, ReferenceLine, Series } from '../../charts';
import type { TrainRecord } from '../../lib/nn';
import { stepGrid } from '../../lib/ntk';
import { curveWithin, logDomain } from '../kit/axes';
import type { LinearisedRun } from '../kit/linearisedRun';
import { modeFactorCurve } from './theory';

/** The trainer calls a run diverged once its loss exceeds this multiple of L(0) (its default). */
export const DIVERGENCE_FACTOR = 1e6;
/** Predicted curves are drawn down to this fraction of L(0), about float32 round-off on the loss. */
const LOSS_FLOOR = 1e-10;
const CURVE_POINTS = 300;

export interface LossPlot {
  series: Series[];
  yDomain: Domain | undefined;
}

/**
 * Measured train loss (markers) against the linearised GD loss from the run's own K₀ (line) and the
 * gradient-flow bound L(0)e^{−2ηλ_min t/n} (dashed) up to the horizon; a diverging prediction is
 * drawn until it passes the loss at which the trainer gives up.
 */
export function lossPlot(run: LinearisedRun, records: readonly TrainRecord[], horizon: number): LossPlot {
  const loss0 = run.theory.loss(0, 'gd');
  const range: Domain = [LOSS_FLOOR * loss0, DIVERGENCE_FACTOR * loss0];
  const grid = stepGrid(horizon, CURVE_POINTS);
  const linearised = curveWithin(grid.map((t) => ({ x: t, y: run.theory.loss(t, 'gd') })), range);
  const bound = curveWithin(grid.map((t) => ({ x: t, y: run.theory.lossBound(t) })), range);
  const measured = records.map((r) => ({ x: r.step, y: r.trainLoss }));
  const series: Series[] = [
    { id: 'measured', label: 'network (measured)', points: measured, kind: 'markers', colorIndex: 0 },
    { id: 'linearised', label: 'linearised, K₀ frozen', points: linearised, kind: 'line', colorIndex: 1 },
    { id: 'bound', label: 'flow bound L(0)·exp(−2ηλ_min t/n)', points: bound, kind: 'line', colorIndex: 2, dashed: true },
  ];
  return { series, yDomain: logDomain([...measured, ...linearised, ...bound].map((p) => p.y), 10) };
}

/** max |L − L_lin| / L_lin over the records after the first. */
export function maxLossGap(run: LinearisedRun, records: readonly TrainRecord[]): number {
  return records.slice(1).reduce((gap, r) => Math.max(gap, run.lossGap(r)), 0);
}

/** max ‖f_t − f_lin,t‖ / ‖f₀ − y‖ over the records. */
export function maxOutputGap(run: LinearisedRun, records: readonly TrainRecord[]): number {
  return records.reduce((gap, r) => Math.max(gap, run.outputGap(r)), 0);
}

export interface StabilityPlot {
  series: Series[];
  referenceLines: ReferenceLine[];
  xDomain: Domain;
  yDomain: Domain;
}

const FACTOR_DOMAIN: Domain = [0, 2];

/**
 * Per-step factors |1 − ηλ/n| of the top and bottom modes of K₀ against η over the slider's range,
 * the current η marked on both; GD on the frozen kernel diverges where the top one passes 1.
 */
export function stabilityPlot(run: LinearisedRun, lrRange: Domain): StabilityPlot {
  const { values } = run.theory.eigen;
  const top = modeFactorCurve(values[0], run.n, lrRange);
  const bottom = modeFactorCurve(values[values.length - 1], run.n, lrRange);
  const now = [
    { x: run.lr, y: run.modeFactor(0) },
    { x: run.lr, y: run.modeFactor(values.length - 1) },
  ];
  const limit = run.stabilityLimit;
  const referenceLines: ReferenceLine[] = [{ points: [{ x: lrRange[0], y: 1 }, { x: lrRange[1], y: 1 }], label: 'factor 1' }];
  if (limit > lrRange[0] && limit < lrRange[1]) {
    referenceLines.push({ points: [{ x: limit, y: FACTOR_DOMAIN[0] }, { x: limit, y: FACTOR_DOMAIN[1] }], label: '2n/λ_max' });
  }
  return {
    series: [
      { id: 'top', label: 'top mode |1 − ηλ_max/n|', points: top, kind: 'line', colorIndex: 1 },
      { id: 'bottom', label: 'bottom mode |1 − ηλ_min/n|', points: bottom, kind: 'line', colorIndex: 2, dashed: true },
      { id: 'now', label: 'at the chosen η', points: now, kind: 'markers', colorIndex: 0 },
    ],
    referenceLines,
    xDomain: lrRange,
    yDomain: FACTOR_DOMAIN,
  };
}
