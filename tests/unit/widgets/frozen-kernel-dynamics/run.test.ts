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
