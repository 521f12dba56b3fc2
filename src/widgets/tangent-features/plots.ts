/** The tangent-features widget's chart series. Pure: no DOM. */
import type { Point, ReferenceLine, Series } from '../../charts';
import { A, GRID_START, type StepAnalysis } from './theory';
import type { OneStepMeasurement } from './run';

const onGrid = (values: readonly number[]) => values.slice(GRID_START);
const curve = (xs: readonly number[], ys: readonly number[]): Point[] => xs.map((x, i) => ({ x, y: ys[i] }));

/** Dashed vertical guides at the marked inputs, reaching past every series (the plot clips them). */
export function inputGuides(series: readonly Series[], inputs: readonly { label: string; x: number }[]): ReferenceLine[] {
  const ys = series.flatMap((s) => s.points.map((p) => p.y)).filter(Number.isFinite);
  if (ys.length === 0) return [];
  const lo = Math.min(...ys);
  const hi = Math.max(...ys);
  const reach = hi - lo || 1;
  return inputs.map(({ label, x }) => ({ label, points: [{ x, y: lo - reach }, { x, y: hi + reach }] }));
}

/** f before and after the step, the target and the training point (the two inputs are the chart's handles). */
export function outputSeries(m: OneStepMeasurement): Series[] {
  const grid = onGrid(m.inputs);
  return [
    { id: 'before', label: 'f(x) at initialisation', kind: 'line', colorIndex: 0, points: curve(grid, onGrid(m.before)) },
    { id: 'after', label: 'f(x) after one step at x_a', kind: 'line', dashed: true, colorIndex: 0, points: curve(grid, onGrid(m.after)) },
    { id: 'target', label: 'target y(x)', kind: 'line', dashed: true, colorIndex: 6, points: curve(grid, onGrid(m.targets)) },
    { id: 'label', label: 'training point (x_a, y_a)', kind: 'markers', colorIndex: 4, points: [{ x: m.inputs[A], y: m.targets[A] }] },
  ];
}

/** The network's own kernel rows (markers, when measured for these inputs) and the infinite-width rows (lines). */
export function kernelSeries(inputs: readonly number[], analytic: { a: number[]; b: number[] }, own: { a: number[]; b: number[] } | null): Series[] {
  const grid = onGrid(inputs);
  const series: Series[] = [
    { id: 'analytic-a', label: 'Θ(x_a, x), infinite width', kind: 'line', colorIndex: 0, points: curve(grid, onGrid(analytic.a)) },
    { id: 'analytic-b', label: 'Θ(x_b, x), infinite width', kind: 'line', colorIndex: 1, points: curve(grid, onGrid(analytic.b)) },
  ];
  if (own) {
    series.unshift({ id: 'own-a', label: 'Θ̂(x_a, x), this network', kind: 'markers', colorIndex: 0, points: curve(grid, onGrid(own.a)) });
    series.splice(2, 0, { id: 'own-b', label: 'Θ̂(x_b, x), this network', kind: 'markers', colorIndex: 1, points: curve(grid, onGrid(own.b)) });
  }
  return series;
}

/** The measured change (when it was measured at this η) against the predictions of both kernels. */
export function stepSeries(analysis: StepAnalysis, measured: boolean): Series[] {
  const series: Series[] = [
    { id: 'predicted', label: '−η Θ̂(x, x_a) r, this network', kind: 'line', colorIndex: 1, points: curve(analysis.grid, analysis.predicted) },
    { id: 'analytic', label: '−η Θ(x, x_a) r, infinite width', kind: 'line', dashed: true, colorIndex: 2, points: curve(analysis.grid, analysis.predictedAnalytic) },
  ];
  if (measured) series.unshift({ id: 'measured', label: 'measured Δf(x)', kind: 'markers', colorIndex: 0, points: curve(analysis.grid, analysis.measured) });
  return series;
}
