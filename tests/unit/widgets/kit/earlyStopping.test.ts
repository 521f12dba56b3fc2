import { describe, expect, it } from 'vitest';
import { bestRecord } from '../../../../src/widgets/kit/earlyStopping';
import { record } from '../kit/circulantRun';

// predictedEarlyStop is checked against explicit GD in plots.test.ts, with the loss chart that marks it.
describe('bestRecord', () => {
  it('finds the record with the lowest held-out loss, the earliest on ties, skipping records without one', () => {
    const zeros = [0, 0];
    const losses = [0.5, 0.2, 0.1, 0.15, undefined, 0.3, 0.1];
    const records = losses.map((l, t) => record(t, zeros, zeros, { testLoss: l }));
    expect(bestRecord(records)!.step).toBe(2);
    expect(bestRecord([])).toBeUndefined();
    expect(bestRecord([record(0, zeros, zeros)])).toBeUndefined();
  });
});
