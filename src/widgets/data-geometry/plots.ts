/**
 * The widget's chart data, from its numbers: the spectrum, the labels' energy and cost per mode,
 * and the loss curves with the best (early-stopping) steps. Infinite-width theory is drawn as bars
 * and lines, the network's own K₀ and its training as markers and the dashed guide.
 */
import type { Domain, Point, ReferenceLine, Series } from '../../charts';
import type { TrainRecord } from '../../lib/nn';
import { logDomain } from '../shared/linearisedRun';
import type { LabelSpectrum } from './labelSpectrum';
import type { LossPoint } from './trainingTheory';

/**
 * Log axes span at most this many decades below their largest value: the spectrum down to double
 * precision's round-off, the per-mode costs far enough to show the clean labels' cheap modes.
 */
const SPECTRUM_DECADES = 15;
const MODE_DECADES = 12;
const LOSS_DECADES = 5;

const byMode = (values: readonly number[]): Point[] => values.map((y, k) => ({ x: k, y }));

/**
 * logDomain widened to whole decades: a log axis narrower than two powers of ten gets d3's
 * crowded 1…9 × 10ⁿ tick labels, a wider one is labelled at powers of ten.
 */
function decadeDomain(values: Iterable<number>, decades: number): Domain | undefined {
  const domain = logDomain(values, decades);
  if (!domain) return undefined;
  const lo = Math.floor(Math.log10(domain[0]));
  const hi = Math.max(Math.ceil(Math.log10(domain[1])), lo + 1);
  return [10 ** lo, 10 ** hi];
}

export interface SpectrumPlot {
  values: number[];
  referenceLines: ReferenceLine[];
  yDomain?: Domain;
}

/** Bars: the analytic eigenvalues; guide: the eigenvalues of the run's K₀, when there is one. */
export function spectrumPlot(analytic: LabelSpectrum, measured?: LabelSpectrum): SpectrumPlot {
  const referenceLines = measured ? [{ label: 'K₀', points: byMode(measured.eigenvalues) }] : [];
  return {
    values: analytic.eigenvalues,
    referenceLines,
    yDomain: decadeDomain([...analytic.eigenvalues, ...(measured?.eigenvalues ?? [])], SPECTRUM_DECADES),
  };
}

/** Energy (v_kᵀy)² and cost (v_kᵀy)²/λ_k per mode for the noisy and clean labels. */
export function modePlot(analytic: LabelSpectrum, measured?: LabelSpectrum): { series: Series[]; yDomain?: Domain } {
  const series: Series[] = [
    { id: 'noisy-energy', label: 'noisy labels: (vₖᵀy)²', points: byMode(analytic.noisy.energy), kind: 'line', colorIndex: 2 },
    { id: 'noisy-cost', label: 'noisy labels: (vₖᵀy)²/λₖ', points: byMode(analytic.noisy.cost), kind: 'line', colorIndex: 1 },
    { id: 'clean-cost', label: 'clean labels: (vₖᵀy)²/λₖ', points: byMode(analytic.clean.cost), kind: 'line', colorIndex: 0, dashed: true },
  ];
  if (measured) {
    series.push({ id: 'k0-noisy-cost', label: 'noisy labels, K₀: (vₖᵀy)²/λₖ', points: byMode(measured.noisy.cost), kind: 'markers', colorIndex: 1 });
  }
  return { series, yDomain: decadeDomain(series.flatMap((s) => s.points.map((p) => p.y)), MODE_DECADES) };
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
 * two labels never overlap).
 */
export function trainingPlot(records: readonly TrainRecord[], predicted: readonly LossPoint[], best: BestSteps, total: number): TrainingPlot {
  const measuredTrain = records.map((r) => ({ x: r.step, y: r.trainLoss }));
  const measuredTest = records.flatMap((r) => (r.testLoss === undefined ? [] : [{ x: r.step, y: r.testLoss }]));
  const series: Series[] = [
    { id: 'train-predicted', label: 'train, linearised', points: predicted.map((p) => ({ x: p.step, y: p.train })), kind: 'line', colorIndex: 0 },
    { id: 'test-predicted', label: 'test, linearised', points: predicted.map((p) => ({ x: p.step, y: p.test })), kind: 'line', colorIndex: 1 },
    { id: 'train-measured', label: 'train, network', points: measuredTrain, kind: 'markers', colorIndex: 0 },
    { id: 'test-measured', label: 'test (clean labels), network', points: measuredTest, kind: 'markers', colorIndex: 1 },
  ];
  const yDomain = decadeDomain(series.flatMap((s) => s.points.filter((p) => p.x >= 1).map((p) => p.y)), LOSS_DECADES);
  const referenceLines: ReferenceLine[] = [];
  if (yDomain) {
    const [lo, hi] = yDomain;
    const vertical = (step: number, top: number, label: string) => ({ label, points: [{ x: step, y: lo }, { x: step, y: top }] });
    if (best.measured !== undefined && best.measured >= 1) referenceLines.push(vertical(best.measured, hi, 'best, network'));
    // Halfway up the log axis.
    if (best.predicted !== undefined) referenceLines.push(vertical(best.predicted, Math.sqrt(lo * hi), 'best, linearised'));
  }
  return { series, referenceLines, xDomain: [1, Math.max(total, 2)], yDomain };
}
