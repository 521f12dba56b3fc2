import { describe, expect, it } from 'vitest';
import { analyticKernels, kernelRegressionMean } from '../../../../src/lib/ntk';
import { GRID, NETWORK, runRequest, trainingData } from '../../../../src/widgets/network-vs-linearisation/run';
import { fitSeries, infiniteWidthOnPage } from '../../../../src/widgets/kit/functionFit';
import { defaults } from '../../../../src/lib/settings';
import { schema } from '../../../../src/widgets/network-vs-linearisation/schema';

const points = [
  { x: -0.8, y: 0.3 },
  { x: -0.2, y: -0.6 },
  { x: 0.4, y: 0.9 },
  { x: 0.9, y: -0.1 },
];
const data = trainingData(points);
const grid = data.xTest;
const kernel = (a: number[][], b: number[][]) => analyticKernels(a, b, NETWORK).ntk;

describe('the infinite-width prediction', () => {
  const lr = 1;
  const n = points.length;
  const model = infiniteWidthOnPage(data, NETWORK)!.dynamics(lr);

  it('starts at f₀ = 0 and takes the first GD step of f from zero, (η/n)K(x, X)y', () => {
    expect(model.testPrediction(0, 'gd').every((f) => f === 0)).toBe(true);
    const k = kernel(grid, data.xTrain);
    const first = model.testPrediction(1, 'gd');
    first.forEach((f, i) => expect(f).toBeCloseTo((lr / n) * k[i].reduce((s, kij, j) => s + kij * points[j].y, 0), 12));
  });

  it('follows explicit gradient descent in function space, f ← f − (η/n)K(f − y), on the grid', () => {
    const kTrain = kernel(data.xTrain, data.xTrain);
    const kGrid = kernel(grid, data.xTrain);
    let train = points.map(() => 0);
    let onGrid = GRID.map(() => 0);
    for (let t = 1; t <= 25; t++) {
      const residual = train.map((f, i) => f - points[i].y);
      const step = (row: number[]) => (lr / n) * row.reduce((s, kij, j) => s + kij * residual[j], 0);
      onGrid = onGrid.map((f, i) => f - step(kGrid[i]));
      train = train.map((f, i) => f - step(kTrain[i]));
    }
    model.testPrediction(25, 'gd').forEach((f, i) => expect(f).toBeCloseTo(onGrid[i], 10));
  });

  it('ends at the kernel regressor K(x, X)K⁻¹y', () => {
    const regressor = kernelRegressionMean(kernel(grid, data.xTrain), kernel(data.xTrain, data.xTrain), points.map((p) => p.y));
    model.testPrediction(1_000_000, 'gd').forEach((f, i) => expect(f).toBeCloseTo(regressor[i], 6));
  });

  it('is left out for tanh, whose kernel is too slow to follow a drag', () => {
    expect(infiniteWidthOnPage(data, { ...NETWORK, activation: 'tanh' })).toBeNull();
  });
});

describe('the run and the chart', () => {
  it('trains the NTK-parameterised network on the points, with the grid as unlabelled test inputs', () => {
    const request = runRequest({ ...defaults(schema), points, width: 64 });
    expect(request.network).toMatchObject({ ...NETWORK, inputDim: 1, width: 64, parameterization: 'ntk' });
    expect(request.data).toEqual({ xTrain: points.map((p) => [p.x]), yTrain: points.map((p) => p.y), xTest: GRID.map((x) => [x]) });
    expect(GRID[0]).toBe(-1);
    expect(GRID.at(-1)).toBe(1);
  });

  it('draws each curve that exists over the grid, a diverging one held just off the plot', () => {
    const series = fitSeries([0, 0.5, 1], { network: [0.1, 0.2, 0.3], infinite: [0, Infinity, NaN] }, [-1.5, 1.5]);
    expect(series.map((s) => s.id)).toEqual(['network', 'infinite']);
    expect(series[0].points).toEqual([
      { x: 0, y: 0.1 },
      { x: 0.5, y: 0.2 },
      { x: 1, y: 0.3 },
    ]);
    expect(series[1].points.map((p) => p.y)).toEqual([0, 7.5, 7.5]);
  });
});
