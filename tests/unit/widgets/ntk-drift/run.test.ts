import { describe, expect, it } from 'vitest';
import type { TrainRecord } from '../../../../src/lib/nn';
import { defaults } from '../../../../src/lib/settings';
import { driftRecord, driftRequest, driftSplit, learningRate, rateRule, sameRule, widthRunRequest } from '../../../../src/widgets/ntk-drift/run';
import { schema } from '../../../../src/widgets/ntk-drift/schema';

const base = defaults(schema);

describe('the rate rule', () => {
  it('gives every width the same η, or the same fraction of its own limit', () => {
    expect(learningRate(rateRule({ ...base, lrmode: 'fixed', lr: 0.3 }), 5)).toBe(0.3);
    expect(learningRate(rateRule({ ...base, lrmode: 'fraction', lrfraction: 0.2 }), 5)).toBe(1);
  });

  it('is the same rule only for the same kind and value', () => {
    expect(sameRule({ kind: 'fixed', lr: 0.5 }, { kind: 'fixed', lr: 0.5 })).toBe(true);
    expect(sameRule({ kind: 'fixed', lr: 0.5 }, { kind: 'fraction', fraction: 0.5 })).toBe(false);
    expect(sameRule({ kind: 'fraction', fraction: 0.5 }, { kind: 'fraction', fraction: 0.4 })).toBe(false);
  });
});

describe('widthRunRequest', () => {
  it('under the fraction rule lets the worker pick η from the run’s own K₀, and measures the kernel at every record', () => {
    const run = widthRunRequest(driftRequest({ ...base, lrfraction: 0.3 }), 256);
    expect(run.network.width).toBe(256);
    expect(run.lrFraction).toBe(0.3);
    expect(run.options.kernelEvery).toBe(1);
    const fixed = widthRunRequest(driftRequest({ ...base, lrmode: 'fixed', lr: 2 }), 64);
    expect(fixed.lrFraction).toBeUndefined();
    expect(fixed.options.lr).toBe(2);
  });
});

describe('driftSplit', () => {
  const key = (changes: Partial<typeof base>) => driftSplit.networkKey(driftRequest({ ...base, ...changes }));

  it('asks for new networks with every setting that shapes them, not with the rate, the step count or the speed', () => {
    const changed = [
      { widths: [32, 128] },
      { parameterization: 'mup' as const },
      { depth: 2 },
      { activation: 'tanh' as const },
      { seed: 7 },
    ];
    for (const change of changed) expect(key(change)).not.toBe(key({}));
    for (const same of [{ steps: 1234 }, { speed: '4' as const }, { lrfraction: 0.3 }, { lrmode: 'fixed' as const }, { lr: 0.1 }]) expect(key(same)).toBe(key({}));
  });

  it('retunes with the rule the mode uses', () => {
    expect(driftSplit.rate(driftRequest({ ...base, lrfraction: 0.3 }))).toEqual({ kind: 'fraction', fraction: 0.3 });
    expect(driftSplit.rate(driftRequest({ ...base, lrmode: 'fixed', lr: 0.1, lrfraction: 0.9 }))).toEqual({ kind: 'fixed', lr: 0.1 });
  });
});

describe('driftRecord', () => {
  it('keeps the input layer’s weight change and the kernel drift when measured', () => {
    const record: TrainRecord = {
      step: 40,
      trainLoss: 0.01,
      trainOutputs: [0.1],
      paramChange: 0.3,
      layerWeightChange: [0.25, 0.5],
      kernelChange: 0.07,
      diverged: false,
    };
    expect(driftRecord(record)).toEqual({ step: 40, trainLoss: 0.01, kernelChange: 0.07, paramChange: 0.3, firstLayerChange: 0.25 });
    expect(driftRecord({ ...record, kernelChange: undefined }).kernelChange).toBeUndefined();
  });
});
