/** The eigenmode widget's chart data from a run's theory and records. Pure: no DOM. */
import type { Domain, ReferenceLine, Series } from '../../charts';
import type { TrainRecord } from '../../lib/nn';
import { curveWithin, logDomain, logStepGrid, type LinearisedRun } from '../shared/linearisedRun';
import { dominantFrequency } from './experiment';

const CURVE_POINTS = 120;
/** Mode residuals are drawn down to this many decades below the largest initial one (float32 round-off). */
const MODE_DECADES = 4;
const LOSS_DECADES = 6;
/** A prediction that grows (η past 2n/λ_max) is drawn up to this factor over its start, as far as the trainer goes. */
const GROWTH_CAP = 1e6;

export interface ModeInfo {
  /** Index in K₀'s eigen order, 0 = largest eigenvalue. */
  k: number;
  lambda: number;
  /** The Fourier frequency the eigenvector is closest to. */
  frequency: number;
  label: string;
}

const SUBSCRIPTS = '₀₁₂₃₄₅₆₇₈₉';
const subscript = (i: number) => [...String(i)].map((d) => SUBSCRIPTS[Number(d)]).join('');

export function describeModes(run: LinearisedRun, thetas: readonly number[], modes: readonly number[]): ModeInfo[] {
  return modes.map((k) => {
    const frequency = dominantFrequency(run.theory.eigen.vectors[k], thetas);
    return { k, lambda: run.theory.eigen.values[k], frequency, label: `v${subscript(k + 1)} (k = ${frequency})` };
  });
}

export interface LogPlot {
  series: Series[];
  yDomain: Domain | undefined;
}

/**
 * |v_kᵀ(f_t − y)| measured from the network's train outputs (markers) against the prediction
 * |(1 − ηλ_k/n)^t v_kᵀ r₀| (lines), one colour per mode, on log–log axes from step 1.
 */
export function modePlot(run: LinearisedRun, records: readonly TrainRecord[], modes: readonly ModeInfo[], horizon: number): LogPlot {
  const initial = run.theory.modeCoefficients();
  const largest = Math.max(...modes.map(({ k }) => Math.abs(initial[k])));
  const range: Domain = [largest / 10 ** MODE_DECADES, GROWTH_CAP * largest];
  const grid = logStepGrid(horizon, CURVE_POINTS);
  const predicted = grid.map((t) => run.theory.modeResiduals(t, 'gd'));
  const measured = records.filter((r) => r.step >= 1).map((r) => ({ step: r.step, modes: run.measuredModes(r.trainOutputs) }));
  const series: Series[] = modes.flatMap(({ k, label }, i) => [
    {
      id: `measured-${k}`,
      label,
      points: measured.map((m) => ({ x: m.step, y: Math.abs(m.modes[k]) })),
      kind: 'markers' as const,
      colorIndex: i,
    },
    {
      id: `predicted-${k}`,
      label: `${label.split(' ')[0]} predicted`,
      points: curveWithin(grid.map((t, j) => ({ x: t, y: Math.abs(predicted[j][k]) })), range),
      kind: 'line' as const,
      colorIndex: i,
    },
  ]);
  return { series, yDomain: logDomain([largest, ...series.flatMap((s) => s.points.map((p) => p.y))], MODE_DECADES) };
}

export interface EarlyStop {
  step: number;
  testLoss: number;
}

/** The step of least predicted held-out loss (on a log grid of steps up to the horizon, and t = 0). */
export function predictedEarlyStop(run: LinearisedRun, horizon: number): EarlyStop {
  return [0, ...logStepGrid(horizon, 200)].reduce<EarlyStop>(
    (best, step) => {
      const testLoss = run.predictedTestLoss(step);
      return testLoss < best.testLoss ? { step, testLoss } : best;
    },
    { step: 0, testLoss: Infinity },
  );
}

/**
 * Train loss on the noisy labels and held-out loss against the clean target, measured (markers)
 * and predicted by the linearised model (lines), with the predicted early-stopping step marked.
 */
export function lossPlot(run: LinearisedRun, records: readonly TrainRecord[], horizon: number, stop: EarlyStop): LogPlot & { referenceLines: ReferenceLine[] } {
  const grid = logStepGrid(horizon, CURVE_POINTS);
  const measured = records.filter((r) => r.step >= 1);
  const range: Domain = [0, GROWTH_CAP * run.theory.loss(0, 'gd')];
  const predicted = (loss: (t: number) => number) => curveWithin(grid.map((t) => ({ x: t, y: loss(t) })), range);
  const series: Series[] = [
    { id: 'train', label: 'train, noisy labels', points: measured.map((r) => ({ x: r.step, y: r.trainLoss })), kind: 'markers', colorIndex: 0 },
    { id: 'train-predicted', label: 'train predicted', points: predicted((t) => run.theory.loss(t, 'gd')), kind: 'line', colorIndex: 0 },
    {
      id: 'test',
      label: 'held out, clean target',
      points: measured.flatMap((r) => (r.testLoss === undefined ? [] : [{ x: r.step, y: r.testLoss }])),
      kind: 'markers',
      colorIndex: 1,
    },
    { id: 'test-predicted', label: 'held out predicted', points: predicted((t) => run.predictedTestLoss(t)), kind: 'line', colorIndex: 1 },
  ];
  const yDomain = logDomain(series.flatMap((s) => s.points.map((p) => p.y)), LOSS_DECADES);
  const referenceLines: ReferenceLine[] =
    yDomain && stop.step >= 1
      ? [{ points: [{ x: stop.step, y: yDomain[0] }, { x: stop.step, y: yDomain[1] }], label: 'best stop' }]
      : [];
  return { series, yDomain, referenceLines };
}

/**
 * The spectrum's soft cut after t steps: modes with λ well above n/(ηt) are fitted
 * (ηλt/n ≫ 1), those well below are not yet; drawn across the bar chart's index axis.
 */
export function cutoffLine(run: LinearisedRun, step: number): ReferenceLine[] {
  if (step < 1) return [];
  const lambda = run.n / (run.lr * step);
  return [{ points: [{ x: -0.5, y: lambda }, { x: run.n - 0.5, y: lambda }], label: `n/(ηt) at t = ${step}` }];
}
