/**
 * The drift experiment's fixed task and network constants, and how its settings become training
 * runs: one network per width, all on the same data, each with its own learning rate.
 */
import { makeDataset, symmetricEigen } from '../../lib/ntk';
import type { MlpConfig, TrainRecord, TrainingData } from '../../lib/nn';
import type { SettingsOf } from '../../lib/settings';
import { toRows } from '../../lib/ntk';
import type { schema } from './schema';

export type DriftSettings = SettingsOf<typeof schema>;

/** Few points, since every record recomputes each width's n × n kernel. */
const dataset = makeDataset('circleFourier', { n: 16 });
export const DRIFT_DATA: TrainingData = { xTrain: dataset.xTrain, yTrain: dataset.yTrain };

const W_STD = 1;
const B_STD = 0.1;

/** Every width's network but for the width itself. */
export function networkFor(settings: DriftSettings): Omit<MlpConfig, 'width'> {
  return {
    inputDim: dataset.inputDim,
    depth: settings.depth,
    activation: settings.activation,
    wStd: W_STD,
    bStd: B_STD,
    parameterization: settings.parameterization,
    seed: settings.seed,
  };
}

/** Records per run over the whole training: enough points for smooth curves, few read-backs. */
const RECORDS_PER_RUN = 60;

/**
 * GD steps per worker call, the same for every width so that all curves share their steps: at
 * speed 1 enough for RECORDS_PER_RUN records over the run, `speed` times that otherwise (at least one).
 */
export function chunkSize(steps: number, speed: number): number {
  return Math.max(1, Math.round((steps * speed) / RECORDS_PER_RUN));
}

/**
 * 2n/λ_max of the lr-weighted kernel K₀ (row-major n × n): discrete GD
 * r_{t+1} = (I − ηK/n) r_t is stable only for η below it.
 */
export function stabilityLimit(kernel: ArrayLike<number>, n: number): number {
  return (2 * n) / symmetricEigen(toRows(kernel, n)).values[0];
}

/**
 * A key that changes exactly when the runs must restart: every setting but `steps`, which only
 * moves the finish, and `speed`, which only spaces the records.
 */
export function runKey(settings: DriftSettings): string {
  const { steps: _finish, speed: _spacing, lr, lrfraction, ...rest } = settings;
  return JSON.stringify({ ...rest, rate: settings.lrmode === 'fraction' ? lrfraction : lr });
}

/** What the plots need from a worker record. */
export interface DriftRecord {
  step: number;
  trainLoss: number;
  /** ‖K_t − K₀‖_F/‖K₀‖_F; absent where the record did not recompute the kernel. */
  kernelChange?: number;
  /** ‖θ_t − θ₀‖/‖θ₀‖ over all effective parameters. */
  paramChange: number;
  /** ‖W₁(t) − W₁(0)‖_F/‖W₁(0)‖_F of the input layer. */
  firstLayerChange: number;
}

export function driftRecord(record: TrainRecord): DriftRecord {
  return {
    step: record.step,
    trainLoss: record.trainLoss,
    kernelChange: record.kernelChange,
    paramChange: record.paramChange,
    firstLayerChange: record.layerWeightChange[0],
  };
}
