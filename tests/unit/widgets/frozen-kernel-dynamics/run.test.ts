import { describe, expect, it } from 'vitest';
import { defaults } from '../../../../src/lib/settings';
import { frozenDataset, runRequest } from '../../../../src/widgets/frozen-kernel-dynamics/run';
import { schema } from '../../../../src/widgets/frozen-kernel-dynamics/schema';

describe('frozen-kernel run', () => {
  it('builds the chosen data set with n points and trains the uncentred network with the chosen η', () => {
    const settings = { ...defaults(schema), n: 13, lr: 0.7, width: 256 };
    const circle = frozenDataset(settings);
    expect(circle.inputDim).toBe(2);
    expect(circle.xTrain).toHaveLength(13);
    circle.xTrain.forEach(([a, b]) => expect(Math.hypot(a, b)).toBeCloseTo(1, 12));
    const line = frozenDataset({ ...settings, dataset: 'regression1d' });
    expect(line.inputDim).toBe(1);
    expect(line.yTrain).toHaveLength(13);

    const request = runRequest(settings, circle);
    expect(request.network).toMatchObject({ inputDim: 2, width: 256, parameterization: 'ntk', depth: 1, seed: settings.seed });
    expect(request.options).toEqual({ lr: 0.7, alpha: 1, centered: false });
    expect(request.data.yTrain).toEqual(circle.yTrain);
  });

  it('passes the chosen parameterisation and output scale α to the run, centring the model when α ≠ 1', () => {
    const settings = defaults(schema);
    expect(settings.parameterization).toBe('ntk');
    expect(settings.alpha).toBe(1);
    const data = frozenDataset(settings);
    for (const parameterization of ['standard', 'mup'] as const) {
      expect(runRequest({ ...settings, parameterization }, data).network.parameterization).toBe(parameterization);
    }
    const request = runRequest({ ...settings, alpha: 4, parameterization: 'mup' }, data);
    expect(request.options).toEqual({ lr: settings.lr, alpha: 4, centered: true });
    expect(request.network.parameterization).toBe('mup');
    expect(runRequest({ ...settings, alpha: 0.1 }, data).options).toMatchObject({ alpha: 0.1, centered: true });
  });
});

describe('frozen-kernel data', () => {
  it('uses the edited points of the data set in use, as inputs x or (cos θ, sin θ), with the plotting grid as test inputs', () => {
    const settings = { ...defaults(schema), n: 13 };
    const points = [
      { x: 0, y: 1 },
      { x: Math.PI / 2, y: -0.5 },
      { x: Math.PI, y: 0.25 },
      { x: 4, y: 2 },
    ];
    const circle = frozenDataset({ ...settings, circlepoints: points });
    expect(circle.points).toEqual(points);
    expect(circle.yTrain).toEqual([1, -0.5, 0.25, 2]);
    circle.xTrain.forEach(([a, b], i) => {
      expect(a).toBeCloseTo(Math.cos(points[i].x), 15);
      expect(b).toBeCloseTo(Math.sin(points[i].x), 15);
    });
    expect(circle.grid[0]).toBe(0);
    expect(circle.grid.at(-1)).toBe(6.28);
    expect(circle.xTest).toHaveLength(circle.grid.length);

    // The 1-D data set keeps its own list: the circle's points do not apply to it.
    const line = frozenDataset({ ...settings, dataset: 'regression1d', circlepoints: points });
    expect(line.points).toHaveLength(13);
    const edited = frozenDataset({ ...settings, dataset: 'regression1d', points: points.map((p) => ({ x: p.x / 4, y: p.y })) });
    expect(edited.xTrain).toEqual(points.map((p) => [p.x / 4]));
    expect(edited.grid[0]).toBe(-1);
    expect(edited.grid.at(-1)).toBe(1);

    const request = runRequest(settings, circle);
    expect(request.data).toEqual({ xTrain: circle.xTrain, yTrain: circle.yTrain, xTest: circle.xTest });
  });

  it('generates n points from the seed when none were edited, along the drawn coordinate', () => {
    const line = frozenDataset({ ...defaults(schema), dataset: 'regression1d', n: 9, seed: 4 });
    expect(line.points.map((p) => p.x)).toEqual(line.xTrain.map(([x]) => x));
    line.points.forEach((p) => expect(p.y).toBeCloseTo(Math.sin(Math.PI * p.x), 12));
    const circle = frozenDataset({ ...defaults(schema), n: 8 });
    expect(circle.points.map((p) => p.x)).toEqual(Array.from({ length: 8 }, (_, i) => (2 * Math.PI * i) / 8));
  });
});
