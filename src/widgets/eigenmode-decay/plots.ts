/** The eigenmode widget's chart data from a run's theory and records. Pure: no DOM. */
import type { Domain, Point, ReferenceLine, Series } from '../../charts';
import type { TrainRecord } from '../../lib/nn';
import { logStepGrid, type SymmetricEigen } from '../../lib/ntk';
import { curveWithin, logDomain } from '../kit/axes';
import type { LinearisedRun } from '../kit/linearisedRun';
import { FLOAT32_EPSILON, precisionFloor } from '../../lib/ntk';
import type { EarlyStop } from '../kit/earlyStopping';
import { dominantFrequency, fittedAbove } from './theory';

const CURVE_POINTS = 120;
const SPECTRUM_DECADES = 15;
/** Mode residuals are drawn down to this many decades below the largest initial one (float32 round-off). */
const MODE_DECADES = 4;
const LOSS_DECADES = 6;

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

/** Modes `modes` of K₀ (eigen order) named by their index and the Fourier frequency closest to them. */
export function describeModes(eigen: SymmetricEigen, thetas: readonly number[], modes: readonly number[]): ModeInfo[] {
  return modes.map((k) => {
    const frequency = dominantFrequency(eigen.vectors[k], thetas);
    return { k, lambda: eigen.values[k], frequency, label: `v${subscript(k + 1)} (k = ${frequency})` };
  });
}

export interface LogPlot {
  series: Series[];
  yDomain: Domain | undefined;
}

/**
 * A log axis for values that start near `start` and should fall to `decades` below it: from there up
 * to the largest measured value, so every marker stays in view. A prediction that grows (η past
 * 2n/λ_max) is clipped at the top (curveWithin) instead of stretching the axis over its growth.
 */
function decayDomain(start: number, measured: readonly number[], decades: number): Domain | undefined {
  const floor = start / 10 ** decades;
  const top = Math.max(start, ...measured.filter(Number.isFinite));
  return logDomain([floor, top], Infinity);
}

const pointsOf = (steps: readonly number[], value: (t: number) => number): Point[] => steps.map((t) => ({ x: t, y: value(t) }));

/**
 * |v_kᵀ(f_t − y)| measured from the network's train outputs (markers) against the prediction
 * |(1 − ηλ_k/n)^t v_kᵀ r₀| (lines), one colour per mode, on log–log axes from step 1.
 */
export function modePlot(run: LinearisedRun, records: readonly TrainRecord[], modes: readonly ModeInfo[], horizon: number): LogPlot {
  const initial = run.theory.modeCoefficients();
  const largest = Math.max(...modes.map(({ k }) => Math.abs(initial[k])));
  const grid = logStepGrid(horizon, CURVE_POINTS);
  const predicted = grid.map((t) => run.theory.modeResiduals(t, 'gd'));
  const measured = records.filter((r) => r.step >= 1).map((r) => ({ step: r.step, modes: run.measuredModes(r.trainOutputs) }));
  const markers = modes.map(({ k }) => measured.map((m) => ({ x: m.step, y: Math.abs(m.modes[k]) })));
  const yDomain = decayDomain(largest, markers.flat().map((p) => p.y), MODE_DECADES);
  const series: Series[] = modes.flatMap(({ k, label }, i) => [
    { id: `measured-${k}`, label, points: markers[i], kind: 'markers' as const, colorIndex: i },
    {
      id: `predicted-${k}`,
      label: `${label.split(' ')[0]} predicted`,
      points: yDomain ? curveWithin(grid.map((t, j) => ({ x: t, y: Math.abs(predicted[j][k]) })), yDomain) : [],
      kind: 'line' as const,
      colorIndex: i,
    },
  ]);
  return { series, yDomain };
}

/**
 * Train loss on the noisy labels and held-out loss against the clean target, measured (markers)
 * and predicted by the linearised model (lines), with the predicted early-stopping step marked.
 */
export function lossPlot(run: LinearisedRun, records: readonly TrainRecord[], horizon: number, stop: EarlyStop): LogPlot & { referenceLines: ReferenceLine[] } {
  const grid = logStepGrid(horizon, CURVE_POINTS);
  const measured = records.filter((r) => r.step >= 1);
  const train = measured.map((r) => ({ x: r.step, y: r.trainLoss }));
  const test = measured.flatMap((r) => (r.testLoss === undefined ? [] : [{ x: r.step, y: r.testLoss }]));
  const start = Math.max(run.theory.loss(0, 'gd'), run.predictedTestLoss(0));
  const yDomain = decayDomain(start, [...train, ...test].map((p) => p.y), LOSS_DECADES);
  const predicted = (loss: (t: number) => number) => (yDomain ? curveWithin(pointsOf(grid, loss), yDomain) : []);
  const series: Series[] = [
    { id: 'train', label: 'train, noisy labels', points: train, kind: 'markers', colorIndex: 0 },
    { id: 'train-predicted', label: 'train predicted', points: predicted((t) => run.theory.loss(t, 'gd')), kind: 'line', colorIndex: 0 },
    { id: 'test', label: 'held out, clean target', points: test, kind: 'markers', colorIndex: 1 },
    { id: 'test-predicted', label: 'held out predicted', points: predicted((t) => run.predictedTestLoss(t)), kind: 'line', colorIndex: 1 },
  ];
  const referenceLines: ReferenceLine[] =
    yDomain && stop.step >= 1 ? [{ points: [{ x: stop.step, y: yDomain[0] }, { x: stop.step, y: yDomain[1] }], label: 'best stop' }] : [];
  return { series, yDomain, referenceLines };
}

/** The spectrum's soft cut n/(ηt) after `step` steps, drawn across the bar chart's index axis. */
export function cutoffLine(run: LinearisedRun, step: number): ReferenceLine[] {
  if (step < 1) return [];
  const lambda = fittedAbove(run.n, run.lr, step);
  return [{ points: [{ x: -0.5, y: lambda }, { x: run.n - 0.5, y: lambda }], label: `n/(ηt) at t = ${step}` }];
}

export interface SpectrumPlot {
  /** K₀'s eigenvalues; NaN (an empty slot) for those below its float32 round-off. */
  values: number[];
  referenceLines: ReferenceLine[];
  yDomain: Domain | undefined;
}

/**
 * K₀'s eigenvalues as bars down to its float32 round-off n·ε·λ_max (a linear network's kernel has
 * rank 3 on the circle: the rest is round-off, not spectrum), that floor drawn when some fall below
 * it, and the soft cut n/(ηt) after `step` steps.
 */
export function spectrumPlot(run: LinearisedRun, step: number): SpectrumPlot {
  const eigenvalues = run.theory.eigen.values;
  const floor = precisionFloor(eigenvalues, FLOAT32_EPSILON);
  const values = eigenvalues.map((lambda) => (lambda > floor ? lambda : NaN));
  const lost = values.some(Number.isNaN);
  const referenceLines = [...cutoffLine(run, step)];
  if (lost) referenceLines.push({ points: [{ x: -0.5, y: floor }, { x: run.n - 0.5, y: floor }], label: 'float32 round-off' });
  return { values, referenceLines, yDomain: logDomain([...values, ...(lost ? [floor] : [])], SPECTRUM_DECADES) };
}
