import { describe, expect, it } from 'vitest';
import type { TrainRecord } from '../../../../src/lib/nn';
import { alignmentPlot } from '../../../../src/widgets/lazy-vs-rich/plots';

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
