/** What the frozen-kernel widget asks the worker to train. Pure: no DOM, no tfjs. */
import type { RunRequest } from '../../engine/api';
import { makeDataset, type Dataset } from '../../lib/ntk';
import type { SettingsOf } from '../../lib/settings';
import { isCentered } from '../kit/settings';
import type { schema } from './schema';

export type FrozenSettings = SettingsOf<typeof schema>;

/**
 * σ_w ≈ √2, the He scale at which ReLU layers keep the signal's variance; σ_b > 0 because with 1-D
 * inputs and no bias a ReLU network's kernel regressor is linear on each side of 0 (datasets.ts).
 */
export const WEIGHT_STD = 1.4;
export const BIAS_STD = 0.1;

export function frozenDataset({ dataset, n, seed }: Pick<FrozenSettings, 'dataset' | 'n' | 'seed'>): Dataset {
  return dataset === 'circle' ? makeDataset('circleFourier', { n, seed }) : makeDataset('regression1d', { n, seed });
}

/**
 * Plain full-batch GD on L = (1/2n)‖f − y‖² of the uncentred network at α = 1, the centred model
 * at α ≠ 1 (isCentered). The frozen-kernel prediction needs no change: ġ = −(η/n) Θ_lr (g − y) for
 * every α (src/lib/nn/trainer.ts), and it starts from the run's own g₀.
 */
export function runRequest(s: FrozenSettings, data: Dataset): RunRequest {
  return {
    network: {
      inputDim: data.inputDim,
      width: s.width,
      depth: s.depth,
      activation: s.activation,
      wStd: WEIGHT_STD,
      bStd: BIAS_STD,
      parameterization: s.parameterization,
      seed: s.seed,
    },
    data: { xTrain: data.xTrain, yTrain: data.yTrain },
    options: { lr: s.lr, alpha: s.alpha, centered: isCentered(s) },
  };
}
