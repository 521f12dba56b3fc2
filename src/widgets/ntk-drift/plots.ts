/**
 * What the drift widget draws, computed from the runs' records and the theory: drift, parameter
 * movement and loss (against its frozen-kernel prediction) against step for every width, and the
 * latest drift and movement against width on log–log axes with a fitted power law and guides of
 * slope −1/2 and −1. Pure: no DOM.
 */
import { extent, scaleLog } from 'd3';
import type { Domain, Point, ReferenceLine, Series } from '../../charts';
import { formatReadout } from '../../lib/format';
import { fitPowerLaw, powerLawSegment, powerLawThrough, stepGrid, type PowerLaw } from '../../lib/ntk';
import { curveWithin, logDomain } from '../kit/axes';
import type { DriftRecord } from './run';
import type { WidthTheory } from './theory';

export interface RunHistory {
  width: number;
  records: readonly DriftRecord[];
}

/** The rates the literature gives for drift against width (Lee et al. 2019; Dyer & Gur-Ari 2020). */
export const GUIDE_SLOPES = [-0.5, -1] as const;

const GUIDE_LABELS: Record<(typeof GUIDE_SLOPES)[number], string> = { [-0.5]: 'slope −1/2', [-1]: 'slope −1' };

/** Only values that a log axis can show. */
const onLogAxis = (p: Point) => Number.isFinite(p.y) && p.y > 0;

export function widthLabel(width: number): string {
  return `m = ${width}`;
}

function pointsOf(records: readonly DriftRecord[], measure: (r: DriftRecord) => number | undefined): Point[] {
  return records.flatMap((r) => {
    const y = measure(r);
    return y === undefined ? [] : [{ x: r.step, y }];
  }).filter(onLogAxis);
}

/** ‖K_t − K₀‖/‖K₀‖ against step, one colour per width, a marker wherever the kernel was measured. */
export function driftOverSteps(runs: readonly RunHistory[]): Series[] {
  return runs.map((run, i) => ({
    id: `drift-${run.width}`,
    label: widthLabel(run.width),
    kind: 'line+markers',
    colorIndex: i,
    points: pointsOf(run.records, (r) => r.kernelChange),
  }));
}

/** ‖θ_t − θ₀‖/‖θ₀‖ (solid) and the input layer's ‖W_t − W₀‖/‖W₀‖ (dashed) against step, per width. */
export function movementOverSteps(runs: readonly RunHistory[]): Series[] {
  return runs.flatMap((run, i): Series[] => [
    { id: `params-${run.width}`, label: `${widthLabel(run.width)}, all θ`, kind: 'line', colorIndex: i, points: pointsOf(run.records, (r) => r.paramChange) },
    {
      id: `first-${run.width}`,
      label: `${widthLabel(run.width)}, first layer`,
      kind: 'line',
      dashed: true,
      colorIndex: i,
      points: pointsOf(run.records, (r) => r.firstLayerChange),
    },
  ]);
}

/** Each width's most recent measurement of `measure`, as (width, value). */
export function latestByWidth(runs: readonly RunHistory[], measure: (r: DriftRecord) => number | undefined): Point[] {
  return runs.flatMap((run) => {
    const y = run.records.map(measure).filter((v) => v !== undefined).at(-1);
    return y === undefined ? [] : [{ x: run.width, y }];
  });
}

export interface WidthScaling {
  /** One marker series per width, in that width's colour from the other charts, and the fitted line. */
  series: Series[];
  /** Slopes −1/2 and −1 through the narrowest width's point. */
  guides: ReferenceLine[];
  xDomain?: Domain;
  /** Covers the guides as well as the data, which the chart's own domain would not. */
  yDomain?: Domain;
  fit: PowerLaw | null;
}

/** series-7 of the chart palette: black, or near-white in dark mode; no width uses it. */
const FIT_COLOUR = 6;

/**
 * A log axis over [lo, hi] that holds at least two powers of ten, widened to round values if it
 * does not, so that the axis is labelled at decades rather than at every 1…9 × 10ⁿ. Unlike the
 * kit's logDomain it keeps a range that already spans a decade, so the markers fill the width axis.
 */
function spanningDomain(lo: number, hi: number): Domain {
  const decades = Math.floor(Math.log10(hi)) - Math.ceil(Math.log10(lo));
  if (decades >= 1) return [lo, hi];
  const [a, b] = scaleLog().domain([lo, hi]).nice().domain();
  return [a, b];
}

/**
 * The log–log view of one measure against width: markers, least-squares power law and guides.
 * `points` are (width, value), in the order of the runs, which sets each width's colour.
 */
export function widthScaling(points: readonly Point[], label: string): WidthScaling {
  const series: Series[] = points.map((p, i) => ({
    id: `width-${p.x}`,
    label: widthLabel(p.x),
    kind: 'markers',
    colorIndex: i,
    points: onLogAxis(p) ? [p] : [],
  }));
  const measured = points.filter(onLogAxis).sort((a, b) => a.x - b.x);
  const fit = fitPowerLaw(measured);
  if (!fit) return { series, guides: [], fit };

  const widths: [number, number] = [measured[0].x, measured[measured.length - 1].x];
  const fitted = powerLawSegment(fit, widths);
  series.push({ id: 'fit', label: `${label}: fit, slope ${formatReadout(fit.slope)}`, kind: 'line', colorIndex: FIT_COLOUR, points: fitted });
  const guides = GUIDE_SLOPES.map((slope) => ({ label: GUIDE_LABELS[slope], points: powerLawSegment(powerLawThrough(measured[0], slope), widths) }));
  const [yLo, yHi] = extent([...measured, ...fitted, ...guides.flatMap((g) => g.points)], (p) => p.y) as [number, number];
  // Half an octave of room on each side keeps the end markers and guide labels off the frame.
  return {
    series,
    guides,
    fit,
    xDomain: spanningDomain(widths[0] / Math.SQRT2, widths[1] * Math.SQRT2),
    yDomain: spanningDomain(yLo / Math.SQRT2, yHi * Math.SQRT2),
  };
}

/** "0.12 at m = 64, 0.031 at m = 256": the text alternative of a chart's current values. */
export function describeByWidth(points: readonly Point[]): string {
  return points.map((p) => `${formatReadout(p.y)} at ${widthLabel(p.x)}`).join(', ');
}

/** The trainer calls a run diverged once its loss exceeds this multiple of L(0) (its default). */
const DIVERGENCE_FACTOR = 1e6;
/** Predicted curves are drawn down to this fraction of L(0), about float32 round-off on the loss. */
const LOSS_FLOOR = 1e-10;
const CURVE_POINTS = 200;

export interface LossPlot {
  series: Series[];
  yDomain: Domain | undefined;
}

/**
 * Each width's measured train loss (markers) against its frozen-kernel prediction (I − ηK₀/n)ᵗ at
 * the η the settings give it (dashed line, same colour) up to the horizon; a diverging prediction
 * is drawn until it passes the loss at which the trainer gives up. `runs` and `theories` are in
 * the same (width) order.
 */
export function lossPlot(runs: readonly RunHistory[], theories: readonly WidthTheory[], horizon: number): LossPlot {
  const grid = stepGrid(horizon, CURVE_POINTS);
  const series = runs.flatMap((run, i): Series[] => {
    const theory = theories.find((t) => t.width === run.width);
    const measured: Series = { id: `loss-${run.width}`, label: widthLabel(run.width), kind: 'markers', colorIndex: i, points: run.records.map((r) => ({ x: r.step, y: r.trainLoss })) };
    if (!theory) return [measured];
    const dynamics = theory.linearised.theory;
    const loss0 = dynamics.loss(0, 'gd');
    const points = curveWithin(grid.map((t) => ({ x: t, y: dynamics.loss(t, 'gd') })), [LOSS_FLOOR * loss0, DIVERGENCE_FACTOR * loss0]);
    return [measured, { id: `linearised-${run.width}`, label: `${widthLabel(run.width)}, K₀ frozen`, kind: 'line', dashed: true, colorIndex: i, points }];
  });
  return { series, yDomain: logDomain(series.flatMap((s) => s.points.map((p) => p.y)), 8) };
}
