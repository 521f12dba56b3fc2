/**
 * What the eigenmode widget trains and how it reads a run in K₀'s eigenbasis. Pure: no DOM, no tfjs.
 *
 * The data are points on the circle (circleFourier, d = 2), where any dot-product kernel is
 * rotation invariant, so K₀ is close to circulant and its eigenvectors are close to Fourier modes
 * cos kθ, sin kθ, in pairs of (nearly) equal eigenvalues.
 */
import type { RunRequest } from '../../engine/api';
import type { TrainRecord } from '../../lib/nn';
import { circleFourier, createRng, type Dataset, type FourierMode } from '../../lib/ntk';
import type { SettingsOf } from '../../lib/settings';
import type { LinearisedRun } from '../shared/linearisedRun';
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
export function runRequest(s: EigenmodeSettings, data: Dataset): RunRequest {
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

/** The Fourier frequency k carrying most of v's energy, v sampled at the angles θ. */
export function dominantFrequency(v: readonly number[], thetas: readonly number[]): number {
  let best = 0;
  let bestEnergy = -1;
  for (let k = 0; k <= Math.floor(thetas.length / 2); k++) {
    let c = 0;
    let s = 0;
    thetas.forEach((theta, i) => {
      c += v[i] * Math.cos(k * theta);
      s += v[i] * Math.sin(k * theta);
    });
    // cos 0 and (for even n) cos(nθ/2) have squared norm n, the other Fourier vectors n/2.
    const norm = k === 0 || 2 * k === thetas.length ? thetas.length : thetas.length / 2;
    const energy = (c * c + s * s) / norm;
    if (energy > bestEnergy) {
      bestEnergy = energy;
      best = k;
    }
  }
  return best;
}

/**
 * The modes to plot, in eigenvalue order: the `top` largest eigenvalues, then the others that carry
 * at least `share` of the target's norm (|v_kᵀ y| ≥ share·‖y‖), largest first, `max` modes in all:
 * a target living further down the spectrum is always in view.
 */
export function shownModes(targetWeights: readonly number[], { top, share, max }: { top: number; share: number; max: number }): number[] {
  const norm = Math.hypot(...targetWeights);
  const loaded = targetWeights
    .map((w, k) => ({ k, w: Math.abs(w) }))
    .slice(top)
    .filter(({ w }) => w >= share * norm)
    .sort((a, b) => b.w - a.w)
    .map(({ k }) => k);
  const leading = Array.from({ length: Math.min(top, targetWeights.length) }, (_, k) => k);
  return [...leading, ...loaded].slice(0, max).sort((a, b) => a - b);
}

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

/** The record with the lowest test loss: where early stopping would have stopped. */
export function bestRecord(records: readonly TrainRecord[]): TrainRecord | undefined {
  return records.reduce<TrainRecord | undefined>((best, r) => (r.testLoss !== undefined && (best === undefined || r.testLoss < best.testLoss!) ? r : best), undefined);
}
