/**
 * What the eigenmode widget asks the worker to train. Pure: no DOM, no tfjs.
 *
 * The data are points on the circle (circleFourier, d = 2), where any dot-product kernel is
 * rotation invariant, so K₀ is close to circulant and its eigenvectors are close to Fourier modes
 * cos kθ, sin kθ, in pairs of (nearly) equal eigenvalues.
 */
import type { RunRequest } from '../../engine/api';
import { circleFourier, createRng, type Dataset, type FourierMode } from '../../lib/ntk';
import type { SettingsOf } from '../../lib/settings';
import type { schema } from './schema';

export type EigenmodeSettings = SettingsOf<typeof schema>;
export type Target = EigenmodeSettings['target'];

export const TARGETS: Record<Target, FourierMode[]> = {
  low: [{ k: 1, amp: 1 }],
  high: [{ k: 4, amp: 1 }],
  mixed: [
    { k: 1, amp: 1 },
    { k: 4, amp: 0.5 },
  ],
};

/** σ_w ≈ √2 (the He scale for ReLU) and a small bias; the depth and parameterisation are settings. */
export const NETWORK = { wStd: 1.4, bStd: 0.1 } as const;

/** Offsets the noise's seed from the network's (Mlp draws from createRng(seed)), so the two are unrelated. */
const NOISE_STREAM = 7919;

/** The n training angles, evenly spaced on the circle (as circleFourier places them without jitter). */
export function trainingAngles(n: number): number[] {
  const spacing = (2 * Math.PI) / n;
  return Array.from({ length: n }, (_, i) => spacing * i);
}

/** The clean target at the angles θ. */
export function cleanTarget(target: Target, thetas: readonly number[]): number[] {
  return thetas.map((theta) => TARGETS[target].reduce((s, m) => s + m.amp * Math.cos(m.k * theta), 0));
}

/**
 * Evenly spaced points on the circle with the target's Fourier modes as clean labels, Gaussian
 * noise of standard deviation `noise` on the training labels only; the test set (256 angles) keeps
 * the clean target, so its loss measures how well the network learned the signal.
 */
export function eigenmodeDataset({ target, n, noise, seed }: Pick<EigenmodeSettings, 'target' | 'n' | 'noise' | 'seed'>): Dataset {
  const clean = circleFourier({ n, modes: TARGETS[target], jitter: 0, seed });
  const rng = createRng(seed + NOISE_STREAM);
  return { ...clean, yTrain: clean.yTrain.map((y) => y + noise * rng.normal()) };
}

/**
 * GD on the centred network g = α(f − f₀) (src/lib/nn/trainer.ts), so the residual starts at −y and
 * lives exactly where the labels do in K₀'s eigenbasis, not spread over every mode by f₀. For every
 * α and parameterisation ġ = −(η/n) Θ_lr (g − y) with the run's own lr-weighted K₀, which is what
 * the mode predictions use.
 */
export function runRequest(s: EigenmodeSettings, data: Dataset = eigenmodeDataset(s)): RunRequest {
  return {
    network: {
      ...NETWORK,
      inputDim: data.inputDim,
      width: s.width,
      depth: s.depth,
      activation: s.activation,
      parameterization: s.parameterization,
      seed: s.seed,
    },
    data: { xTrain: data.xTrain, yTrain: data.yTrain, xTest: data.xTest, yTest: data.yTest },
    options: { lr: s.lr, alpha: s.alpha, centered: true },
  };
}
