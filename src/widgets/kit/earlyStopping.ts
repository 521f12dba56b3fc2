/**
 * Early stopping, measured and predicted: the step of least held-out loss. Pure: no DOM.
 * (Used by the eigenmode and data-geometry widgets.)
 */
import type { TrainRecord } from '../../lib/nn';
import { logStepGrid } from '../../lib/ntk';
import type { LinearisedRun } from './linearisedRun';

export interface EarlyStop {
  step: number;
  testLoss: number;
}

/** Steps of the predicted search: a log grid, fine enough that the minimum found is within 1 % of the true one. */
const SEARCH_POINTS = 200;

/** The record with the lowest held-out loss (the earliest on ties): where early stopping would have stopped. */
export function bestRecord(records: readonly TrainRecord[]): TrainRecord | undefined {
  return records.reduce<TrainRecord | undefined>((best, r) => (r.testLoss !== undefined && (best === undefined || r.testLoss < best.testLoss!) ? r : best), undefined);
}

/** The step of least predicted held-out loss, on t = 0 and a log grid of steps up to the horizon. */
export function predictedEarlyStop(run: LinearisedRun, horizon: number): EarlyStop {
  return [0, ...logStepGrid(horizon, SEARCH_POINTS)].reduce<EarlyStop>(
    (best, step) => {
      const testLoss = run.predictedTestLoss(step);
      return testLoss < best.testLoss ? { step, testLoss } : best;
    },
    { step: 0, testLoss: Infinity },
  );
}
