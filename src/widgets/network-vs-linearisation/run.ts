/** What the first-look widget asks the worker to train: a small network on the reader's points. Pure. */
import type { RunRequest } from '../../engine/api';
import type { MlpSpec } from '../../lib/ntk';
import type { DataPoint, SettingsOf } from '../../lib/settings';
import type { schema } from './schema';

export type NetworkVsLinearisationSettings = SettingsOf<typeof schema>;

export const INPUT_RANGE = { min: -1, max: 1 };
export const TARGET_RANGE = { min: -1.5, max: 1.5 };

/**
 * One hidden ReLU layer, σ_w = 1, σ_b = 0.5: biases spread the units' kinks over the inputs (with
 * σ_b = 0 every kink sits at x = 0). Θ(x, x) ≤ 1.5 on [−1, 1] for this kernel, so λ_max ≤ 1.5n and
 * the infinite-width stability limit 2n/λ_max is at least 4/3 wherever the points are.
 */
export const NETWORK: MlpSpec = { depth: 1, activation: 'relu', wStd: 1, bStd: 0.5 };

/** Where the functions are drawn: 101 inputs from −1 to 1. */
export const GRID = Array.from({ length: 101 }, (_, i) => -1 + i / 50);

/** Training points as the trainer takes them (d = 1), with the plotting grid as unlabelled test inputs. */
export function trainingData(points: readonly DataPoint[]) {
  return {
    xTrain: points.map((p) => [p.x]),
    yTrain: points.map((p) => p.y),
    xTest: GRID.map((x) => [x]),
  };
}

/** Plain full-batch GD on L = (1/2n)‖f − y‖² in the NTK parameterisation. */
export function runRequest(s: NetworkVsLinearisationSettings): RunRequest {
  return {
    network: { ...NETWORK, inputDim: 1, width: s.width, parameterization: 'ntk', seed: s.seed },
    data: trainingData(s.points),
    options: { lr: s.lr },
  };
}
