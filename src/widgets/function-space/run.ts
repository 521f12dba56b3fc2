/** What the function-space widget asks the worker to train. Pure: no DOM, no tfjs. */
import type { RunRequest } from '../../engine/api';
import { regression1d, type Dataset, type MlpSpec } from '../../lib/ntk';
import type { SettingsOf } from '../../lib/settings';
import type { schema } from './schema';

export type FunctionSpaceSettings = SettingsOf<typeof schema>;

/**
 * σ_w = 1, σ_b = 0.5: with 1-D inputs the bias sets the kernel's top modes apart (λ₁/λ₂ ≈ 2.6 and
 * λ₂/λ₃ ≈ 9 at the defaults), so the plane of the top two eigenvectors is well defined at every
 * width and the linearised path visibly curves in it.
 */
export function networkSpec({ depth, activation }: Pick<FunctionSpaceSettings, 'depth' | 'activation'>): MlpSpec {
  return { depth, activation, wStd: 1, bStd: 0.5 };
}

/** n points of [−1, 1] drawn once (data seed 0, no label noise): the network's seed changes the network only. */
export function functionSpaceDataset({ n, target }: Pick<FunctionSpaceSettings, 'n' | 'target'>): Dataset {
  return regression1d({ n, target, noise: 0, seed: 0 });
}

/**
 * Full-batch GD of the centred model g = α(f − f₀) (src/lib/nn/trainer.ts) for every α, α = 1
 * included: g starts at 0, the mean of f₀ over initialisations, so the network, its linearisation
 * and the infinite-width prediction all start from the same residual −y.
 */
export function runRequest(s: FunctionSpaceSettings, data: Dataset): RunRequest {
  return {
    network: { ...networkSpec(s), inputDim: data.inputDim, width: s.width, parameterization: s.parameterization, seed: s.seed },
    data: { xTrain: data.xTrain, yTrain: data.yTrain },
    options: { lr: s.lr, alpha: s.alpha, centered: true },
  };
}

/**
 * Where the linearisation is anchored again: a tenth of the way to the horizon, "a little way into
 * training", where the kernel has done most of its moving (chapter 6; Fort et al. 2020).
 */
export function checkpointStep(horizon: number): number {
  return Math.max(1, Math.round(horizon / 10));
}
