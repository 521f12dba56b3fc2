/** The function-space widget's chart data from a run's theory and its measured path. Pure: no DOM. */
import type { Domain, PathPoint, PathSeries, Point, Series } from '../../charts';
import { stepGrid } from '../../lib/ntk';
import { curveWithin } from '../kit/axes';
import type { FunctionSpaceTheory, PathComparison, Projected } from './theory';

/** Points of each predicted path over the horizon, besides the network's own steps. */
const CURVE_POINTS = 150;
/**
 * A predicted path is drawn until it leaves this multiple of ‖r₀‖ (a diverging η), and the plot
 * covers only what lies within it, so a runaway prediction cannot shrink the network's path to a dot.
 */
const REACH = 2;
/** Room around what is shown, as a fraction of its larger span. */
const PAD = 0.06;

export interface PlanePlot {
  paths: PathSeries[];
  xDomain: Domain;
  yDomain: Domain;
}

/** Marker radius (px) of where each path is at the network's latest step. */
const NOW_RADIUS = 6;

const inPlane = (p: Projected, marker = true, now = false): PathPoint => ({ x: p.v1, y: p.v2, t: p.step, marker, size: now ? NOW_RADIUS : undefined });

/** Points up to and including the first one farther than `reach` from the origin. */
function pathWithin(points: readonly PathPoint[], reach: number): PathPoint[] {
  const kept: PathPoint[] = [];
  for (const p of points) {
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) break;
    kept.push(p);
    if (Math.hypot(p.x, p.y) > reach) break;
  }
  return kept;
}

/**
 * The plane of K₀'s top two eigenvectors: the network's residual (markers at its records), its
 * linearisation and the infinite-width prediction (lines over the horizon, with markers at the
 * network's steps so that points of equal step can be compared, larger at its latest step), the
 * linearisation re-anchored at the run's checkpoint from there on, and the fit r = 0 they head for.
 */
export function planePlot(theory: FunctionSpaceTheory, comparison: PathComparison, horizon: number): PlanePlot {
  const recorded = new Set(comparison.network.map((p) => p.step));
  const latest = comparison.network.at(-1)?.step;
  const steps = [...new Set([...stepGrid(horizon, CURVE_POINTS), ...recorded])].sort((a, b) => a - b);
  const reach = REACH * theory.r0Norm;
  const predicted = (at: (step: number) => Projected) => pathWithin(steps.map((t) => inPlane(at(t), recorded.has(t), t === latest)), reach);
  const paths: PathSeries[] = [];
  if (theory.infinite) {
    paths.push({ id: 'infinite', label: 'infinite width (analytic NTK, f₀ = 0)', kind: 'line+markers', colorIndex: 2, dashed: true, points: predicted((t) => theory.infiniteAt(t)!) });
  }
  paths.push({ id: 'linearised', label: 'linearised, K₀ frozen', kind: 'line+markers', colorIndex: 1, points: predicted((t) => theory.linearisedAt(t)) });
  const from = theory.anchorStep;
  if (from !== null) {
    const later = [from, ...steps.filter((t) => t > from)];
    const points = pathWithin(later.map((t) => inPlane(theory.reanchoredAt(t)!, recorded.has(t), t === latest)), reach);
    paths.push({ id: 'reanchored', label: `re-anchored at step ${from}`, kind: 'line+markers', colorIndex: 3, dashed: true, points });
  }
  paths.push({ id: 'network', label: 'network (measured)', kind: 'line+markers', colorIndex: 0, points: comparison.network.map((p) => inPlane(p, true, p.step === latest)) });
  const fit = { x: 0, y: 0, t: 0 };
  paths.push({ id: 'fit', label: 'fit, r = 0', kind: 'markers', colorIndex: 6, readout: false, points: [fit] });

  const shown = [fit, ...paths.flatMap((p) => p.points).filter((p) => Math.hypot(p.x, p.y) <= reach)];
  const [x0, x1] = [Math.min(...shown.map((p) => p.x)), Math.max(...shown.map((p) => p.x))];
  const [y0, y1] = [Math.min(...shown.map((p) => p.y)), Math.max(...shown.map((p) => p.y))];
  const pad = PAD * Math.max(x1 - x0, y1 - y0, theory.r0Norm);
  return { paths, xDomain: [x0 - pad, x1 + pad], yDomain: [y0 - pad, y1 + pad] };
}

export interface OutsidePlot {
  series: Series[];
  yDomain: Domain;
}

/**
 * What the plane hides: the energy of the residual outside it, ‖r − Pr‖²/‖r₀‖², against the step,
 * for the network (markers) and both predictions (lines).
 */
export function outsidePlot(theory: FunctionSpaceTheory, comparison: PathComparison, horizon: number): OutsidePlot {
  const grid = stepGrid(horizon, CURVE_POINTS);
  const energy = theory.r0Norm ** 2;
  const share = (p: Projected): Point => ({ x: p.step, y: p.outside / energy });
  const range: Domain = [0, REACH ** 2];
  const series: Series[] = [];
  if (theory.infinite) {
    series.push({ id: 'infinite', label: 'infinite width', kind: 'line', colorIndex: 2, dashed: true, points: curveWithin(grid.map((t) => share(theory.infiniteAt(t)!)), range) });
  }
  series.push({ id: 'linearised', label: 'linearised', kind: 'line', colorIndex: 1, points: curveWithin(grid.map((t) => share(theory.linearisedAt(t))), range) });
  const from = theory.anchorStep;
  if (from !== null) {
    const later = [from, ...grid.filter((t) => t > from)];
    series.push({ id: 'reanchored', label: `re-anchored at step ${from}`, kind: 'line', colorIndex: 3, dashed: true, points: curveWithin(later.map((t) => share(theory.reanchoredAt(t)!)), range) });
  }
  series.push({ id: 'network', label: 'network', kind: 'markers', colorIndex: 0, points: comparison.network.map(share) });
  const top = Math.max(...series.flatMap((s) => s.points.map((p) => p.y)).filter((y) => y <= range[1]), 0);
  return { series, yDomain: [0, top > 0 ? 1.1 * top : 1] };
}
