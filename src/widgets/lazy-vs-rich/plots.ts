/** The lazy-vs-rich widget's chart data from the records and the predictions. Pure: no DOM. */
import { scaleLinear } from 'd3';
import type { Domain, Point, Series } from '../../charts';
import type { TrainRecord } from '../../lib/nn';
import type { PredictedLoss } from '../../lib/ntk';
import { curveWithin, logDomain } from '../kit/axes';
import { particlePositions } from './measures';

/** The trainer calls a run diverged once its loss exceeds this multiple of L(0) (its default). */
export const DIVERGENCE_FACTOR = 1e6;
/** Losses are drawn down to this many decades below the largest, about float32 round-off on a loss. */
const LOSS_DECADES = 9;
export interface LossPlot {
  series: Series[];
  yDomain: Domain | undefined;
}

/**
 * Measured train and test loss (markers) against the linearised network's predicted losses over
 * the whole horizon (lines), and the infinite-width test loss when there is one (dashed). Without
 * test labels (points the reader edited) only the train losses. A diverging prediction is drawn
 * until it passes the loss at which the trainer gives up.
 */
export function lossPlot(records: readonly TrainRecord[], linearised: readonly PredictedLoss[], infinite?: readonly PredictedLoss[]): LossPlot {
  const measuredTest = records.flatMap((r) => (r.testLoss === undefined ? [] : [{ x: r.step, y: r.testLoss }]));
  const start = [linearised[0]?.train, linearised[0]?.test, infinite?.[0]?.test].filter((y) => y !== undefined);
  const range: Domain = [0, DIVERGENCE_FACTOR * Math.max(...start, 0)];
  const curve = (losses: readonly PredictedLoss[], which: 'train' | 'test') =>
    curveWithin(losses.flatMap((p) => (p[which] === undefined ? [] : [{ x: p.step, y: p[which] }])), range);
  const tested = linearised.some((p) => p.test !== undefined);
  const drawn: Series[] = [
    { id: 'train', label: 'network, train', points: records.map((r) => ({ x: r.step, y: r.trainLoss })), kind: 'markers', colorIndex: 0 },
    { id: 'test', label: 'network, test', points: measuredTest, kind: 'markers', colorIndex: 1 },
    { id: 'lin-train', label: 'linearised, train', points: curve(linearised, 'train'), kind: 'line', colorIndex: 0 },
    { id: 'lin-test', label: 'linearised, test', points: curve(linearised, 'test'), kind: 'line', colorIndex: 1 },
  ];
  const series = drawn.filter((s) => tested || !s.id.endsWith('test'));
  if (infinite && tested) {
    series.push({ id: 'inf-test', label: 'infinite width, test', points: curve(infinite, 'test'), kind: 'line', colorIndex: 2, dashed: true });
  }
  return { series, yDomain: logDomain(series.flatMap((s) => s.points.map((p) => p.y)), LOSS_DECADES) };
}

export interface AlignmentPlot {
  series: Series[];
  yDomain: Domain | undefined;
}

/**
 * The network's kernel–target alignment A(K_t, y) wherever the kernel was measured, against its
 * linearisation's, which keeps K₀ and with it the initial alignment up to `horizon` (dashed). The
 * axis starts at 0, so a change is seen against the size of the alignment itself.
 */
export function alignmentPlot(records: readonly TrainRecord[], horizon: number): AlignmentPlot {
  const measured = records.flatMap((r) => (r.kernelAlignment === undefined ? [] : [{ x: r.step, y: r.kernelAlignment }]));
  if (measured.length === 0) return { series: [], yDomain: undefined };
  const initial = measured[0].y;
  const series: Series[] = [
    { id: 'network', label: 'network, A(K_t, y)', points: measured, kind: 'line+markers', colorIndex: 0 },
    {
      id: 'linearised',
      label: 'its linearisation, A(K₀, y)',
      points: [
        { x: 0, y: initial },
        { x: horizon, y: initial },
      ],
      kind: 'line',
      colorIndex: 1,
      dashed: true,
    },
  ];
  const top = Math.max(...measured.map((p) => p.y));
  const [, hi] = scaleLinear().domain([0, top]).nice().domain();
  return { series, yDomain: Number.isFinite(hi) && hi > 0 ? [0, hi] : undefined };
}

export interface ParticlePlot {
  points: Point[];
  anchors: Point[];
  /** The same symmetric range on both axes, so that distances and angles are drawn true. */
  domain: Domain;
}

/** The sampled neurons now, anchored at their initial positions, on square axes centred at 0. */
export function particlePlot(current: ArrayLike<number>, initial: ArrayLike<number>, width: number, sample: readonly number[]): ParticlePlot {
  const points = particlePositions(current, width, sample);
  const anchors = particlePositions(initial, width, sample);
  const reach = Math.max(...[...points, ...anchors].flatMap((p) => [Math.abs(p.x), Math.abs(p.y)]).filter(Number.isFinite), 1e-3);
  const [lo, hi] = scaleLinear().domain([-reach, reach]).nice().domain();
  return { points, anchors, domain: [lo, hi] };
}
