import { describe, expect, it } from 'vitest';
import type { TrainRecord } from '../../../../src/lib/nn';
import { alignmentPlot, DIVERGENCE_FACTOR, lossPlot } from '../../../../src/widgets/lazy-vs-rich/plots';

const record = (step: number, kernelAlignment?: number): TrainRecord => ({
  step,
  trainLoss: 0.1,
  trainOutputs: [0],
  paramChange: 0,
  layerWeightChange: [0, 0],
  kernelAlignment,
  diverged: false,
});

describe('alignmentPlot', () => {
  it('draws the measured alignment where the kernel was measured, and the initial one flat to the horizon', () => {
    const { series, yDomain } = alignmentPlot([record(0, 0.25), record(5), record(10, 0.31), record(20, 0.33)], 300);
    const [network, linearised] = series;
    expect(network.points).toEqual([
      { x: 0, y: 0.25 },
      { x: 10, y: 0.31 },
      { x: 20, y: 0.33 },
    ]);
    expect(linearised.dashed).toBe(true);
    expect(linearised.points).toEqual([
      { x: 0, y: 0.25 },
      { x: 300, y: 0.25 },
    ]);
    // From 0 to a round value above the largest alignment.
    expect(yDomain).toEqual([0, 0.35]);
  });

  it('draws nothing before the kernel has been measured', () => {
    expect(alignmentPlot([record(0)], 300)).toEqual({ series: [], yDomain: undefined });
    expect(alignmentPlot([], 300)).toEqual({ series: [], yDomain: undefined });
  });
});

describe('lossPlot', () => {
  const losses = (rate: number) => [0, 10, 20, 30, 40].map((step) => ({ step, train: 0.25 * rate ** step, test: 0.3 * rate ** step }));

  it('draws converging predictions over the whole horizon', () => {
    const { series } = lossPlot([record(0)], losses(0.8), losses(0.9));
    expect(series.map((s) => s.id)).toEqual(['train', 'test', 'lin-train', 'lin-test', 'inf-test']);
    expect(series.find((s) => s.id === 'lin-train')!.points).toHaveLength(5);
    expect(series.find((s) => s.id === 'inf-test')!.points.map((p) => p.y)).toEqual(losses(0.9).map((p) => p.test));
  });

  it('draws only the train losses without test labels (edited points)', () => {
    const untested = (rate: number) => losses(rate).map(({ step, train }) => ({ step, train }));
    const { series } = lossPlot([record(0)], untested(0.8), untested(0.9));
    expect(series.map((s) => s.id)).toEqual(['train', 'lin-train']);
  });

  it('draws a diverging prediction until it passes the loss at which the trainer gives up, and scales the axis to that', () => {
    const { series, yDomain } = lossPlot([record(0)], losses(2));
    const train = series.find((s) => s.id === 'lin-train')!.points;
    // 0.25·2^20 ≈ 2.6e5 is inside 1e6 × the initial loss; 0.25·2^30 is the first point beyond it, the last drawn.
    expect(train.map((p) => p.x)).toEqual([0, 10, 20, 30]);
    expect(train.at(-2)!.y).toBeLessThan(DIVERGENCE_FACTOR * 0.3);
    expect(train.at(-1)!.y).toBeGreaterThan(DIVERGENCE_FACTOR * 0.3);
    expect(yDomain![1]).toBeGreaterThanOrEqual(train.at(-1)!.y);
    expect(yDomain![1]).toBeLessThan(10 * train.at(-1)!.y);
  });
});
