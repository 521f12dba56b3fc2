/** How a run's measured records compare with the frozen-kernel prediction, mode by mode. Pure: no DOM. */
import type { TrainRecord } from '../../lib/nn';
import type { LinearisedRun } from '../kit/linearisedRun';

/** max over records and the given modes of |measured − predicted| residual, relative to ‖r₀‖. */
export function modeGap(run: LinearisedRun, records: readonly TrainRecord[], modes: readonly number[]): number {
  if (records.length === 0) return 0;
  const r0 = Math.hypot(...run.theory.modeCoefficients());
  let gap = 0;
  for (const record of records) {
    const measured = run.measuredModes(record.trainOutputs);
    const predicted = run.theory.modeResiduals(record.step, 'gd');
    for (const k of modes) gap = Math.max(gap, Math.abs(measured[k] - predicted[k]) / r0);
  }
  return gap;
}

/** ‖f_t − y‖/‖f₀ − y‖ on the training set, from a record's outputs. */
export function residualFraction(initial: TrainRecord, record: TrainRecord, yTrain: readonly number[]): number {
  const norm = (r: TrainRecord) => Math.hypot(...r.trainOutputs.map((f, i) => f - yTrain[i]));
  return norm(record) / norm(initial);
}
