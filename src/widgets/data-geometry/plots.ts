/**
 * The widget's chart data, from its numbers: the spectrum, the labels' cost added up mode by mode,
 * and the loss curves with the best (early-stopping) steps. Infinite-width theory is drawn as bars
 * and lines, the network's own K₀ and its training as markers and the dashed guide. Eigenvalues lost
 * in round-off (./theory.ts) are not drawn: a guide marks where they begin. Pure: no DOM.
 */
import type { Domain, Point, ReferenceLine, Series } from '../../charts';
import type { TrainRecord } from '../../lib/nn';
import type { PredictedLoss } from '../../lib/ntk';
import { curveWithin, logDomain } from '../kit/axes';
import { unresolved, type LabelSpectrum, type LabelModes } from './theory';

/**
 * The spectrum runs down to double precision's round-off. The costs span at most eight decades (a
 * labelled tick every one or two), enough for the clean labels' total beside the noisy labels' even
 * under erf's smooth kernel; the losses five.
 */
const SPECTRUM_DECADES = 15;
const COST_DECADES = 8;
const LOSS_DECADES = 5;

const byMode = (values: readonly number[]): Point[] => values.map((y, k) => ({ x: k, y }));

export interface SpectrumPlot {
  /** Analytic eigenvalues; NaN (an empty slot) for those lost in round-off. */
  values: number[];
  referenceLines: ReferenceLine[];
  yDomain?: Domain;
}

const horizontal = (n: number, y: number, label: string): ReferenceLine => ({ label, points: [{ x: -0.5, y }, { x: n - 0.5, y }] });

/**
 * Bars: the analytic eigenvalues; guide: the eigenvalues of the run's K₀, when there is one; both
 * down to their precision floor, which is drawn when some eigenvalues fall below it.
 */
export function spectrumPlot(analytic: LabelSpectrum, measured?: LabelSpectrum): SpectrumPlot {
  const n = analytic.eigenvalues.length;
  const values = analytic.eigenvalues.map((lambda, k) => (k < analytic.resolved ? lambda : NaN));
  const referenceLines: ReferenceLine[] = [];
  const shown = values.filter(Number.isFinite);
  if (measured) {
    const k0 = measured.eigenvalues.slice(0, measured.resolved);
    referenceLines.push({ label: 'K₀', points: byMode(k0) });
    shown.push(...k0);
    if (unresolved(measured)) {
      referenceLines.push(horizontal(n, measured.floor, 'K₀ float32 round-off'));
      shown.push(measured.floor);
    }
  }
  if (unresolved(analytic)) {
    referenceLines.push(horizontal(n, analytic.floor, 'double round-off'));
    shown.push(analytic.floor);
  }
  return { values, referenceLines, yDomain: logDomain(shown, SPECTRUM_DECADES) };
}

/** Σ_{j≤k} (v_jᵀy)²/λ_j over the resolved modes: the cost of the labels up to mode k. */
export function runningCost({ cost }: LabelModes): Point[] {
  let total = 0;
  return cost.map((c, k) => ({ x: k, y: (total += c) }));
}

export interface CostPlot {
  series: Series[];
  referenceLines: ReferenceLine[];
  yDomain?: Domain;
}

/**
 * The labels' cost yᵀK⁻¹y added up mode by mode, largest eigenvalue first, for the noisy and the clean
 * labels under the analytic NTK (lines) and the noisy labels under K₀ (markers); each ends at the
 * norm the readouts show. A guide marks the first mode lost in round-off, past which the totals are
 * lower bounds.
 */
export function costPlot(analytic: LabelSpectrum, measured?: LabelSpectrum): CostPlot {
  const series: Series[] = [
    { id: 'noisy-cost', label: 'noisy labels', points: runningCost(analytic.noisy), kind: 'line', colorIndex: 1 },
    { id: 'clean-cost', label: 'clean labels', points: runningCost(analytic.clean), kind: 'line', colorIndex: 0, dashed: true },
  ];
  if (measured) series.push({ id: 'k0-noisy-cost', label: 'noisy labels, K₀', points: runningCost(measured.noisy), kind: 'markers', colorIndex: 1 });
  // From the second mode on: the first is nearly constant on the data and the balanced clean labels
  // hardly load it, so its cost can be any tiny number.
  const yDomain = logDomain(series.flatMap((s) => s.points.filter((p) => p.x >= 1).map((p) => p.y)), COST_DECADES);
  const referenceLines: ReferenceLine[] = [];
  const edge = (s: LabelSpectrum, label: string) => {
    if (yDomain && unresolved(s)) referenceLines.push({ label, points: [{ x: s.resolved - 0.5, y: yDomain[0] }, { x: s.resolved - 0.5, y: yDomain[1] }] });
  };
  edge(analytic, 'below double precision');
  if (measured && measured.resolved !== analytic.resolved) edge(measured, 'K₀ below float32');
  return { series, referenceLines, yDomain };
}

export interface TrainingPlot {
  series: Series[];
  referenceLines: ReferenceLine[];
  xDomain: Domain;
  yDomain?: Domain;
}

export interface BestSteps {
  measured?: number;
  predicted?: number;
}

/**
 * Measured train and test losses as markers, the linearised prediction as lines, on log–log axes
 * over steps 1 to `total`; a vertical guide at each best step (the predicted one shorter, so the
 * two labels never overlap). The axis covers the measured losses and the predicted ones up to where
 * training started: a prediction that grows (η past 2n/λ_max) leaves through the top.
 */
export function trainingPlot(records: readonly TrainRecord[], predicted: readonly PredictedLoss[], best: BestSteps, total: number): TrainingPlot {
  const measured = records.filter((r) => r.step >= 1);
  const measuredTrain = measured.map((r) => ({ x: r.step, y: r.trainLoss }));
  const measuredTest = measured.flatMap((r) => (r.testLoss === undefined ? [] : [{ x: r.step, y: r.testLoss }]));
  const predictedTrain = predicted.map((p) => ({ x: p.step, y: p.train }));
  const predictedTest = predicted.flatMap((p) => (p.test === undefined ? [] : [{ x: p.step, y: p.test }]));
  const tops = [...records.slice(0, 1).flatMap((r) => [r.trainLoss, r.testLoss ?? 0]), ...[...measuredTrain, ...measuredTest].map((p) => p.y)];
  const start = tops.length > 0 ? Math.max(...tops) : Infinity;
  const inView = [...measuredTrain, ...measuredTest, ...predictedTrain, ...predictedTest].map((p) => p.y).filter((y) => !(y > start));
  const yDomain = logDomain(inView, LOSS_DECADES);
  const clip = (points: Point[]) => (yDomain ? curveWithin(points, yDomain) : []);
  const series: Series[] = [
    { id: 'train-predicted', label: 'train, linearised', points: clip(predictedTrain), kind: 'line', colorIndex: 0 },
    { id: 'test-predicted', label: 'test, linearised', points: clip(predictedTest), kind: 'line', colorIndex: 1 },
    { id: 'train-measured', label: 'train, network', points: measuredTrain, kind: 'markers', colorIndex: 0 },
    { id: 'test-measured', label: 'test (clean labels), network', points: measuredTest, kind: 'markers', colorIndex: 1 },
  ];
  const referenceLines: ReferenceLine[] = [];
  if (yDomain) {
    const [lo, hi] = yDomain;
    const vertical = (step: number, top: number, label: string) => ({ label, points: [{ x: step, y: lo }, { x: step, y: top }] });
    if (best.measured !== undefined && best.measured >= 1) referenceLines.push(vertical(best.measured, hi, 'best, network'));
    // Halfway up the log axis.
    if (best.predicted !== undefined && best.predicted >= 1) referenceLines.push(vertical(best.predicted, Math.sqrt(lo * hi), 'best, linearised'));
  }
  return { series, referenceLines, xDomain: [1, Math.max(total, 2)], yDomain };
}
