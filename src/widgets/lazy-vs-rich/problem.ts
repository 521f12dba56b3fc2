/** What the lazy-vs-rich widget trains, from its settings, and its presets. Pure: no DOM, no tfjs. */
import type { RunRequest } from '../../engine/api';
import { circleFourier, type Dataset, type FourierMode, type MlpSpec } from '../../lib/ntk';
import type { SettingsOf } from '../../lib/settings';
import { isCentered } from '../kit/settings';
import type { schema } from './schema';

export type LazyVsRichSettings = SettingsOf<typeof schema>;

/**
 * The network's architecture from the settings, with σ_w = 1 and σ_b > 0. Without a bias a ReLU
 * network is positively homogeneous, and on the circle such a network has no odd harmonics above
 * k = 1, so cos 3θ could not be fitted at any width or in any regime; a small bias makes every
 * frequency learnable.
 */
export function networkSpec({ depth, activation }: Pick<LazyVsRichSettings, 'depth' | 'activation'>): MlpSpec {
  return { depth, activation, wStd: 1, bStd: 0.3 };
}

/** Target Σ cos kθ over the chosen frequencies, scaled by 1/√count so that E_θ[y²] = 1/2 for distinct k ≥ 1. */
export function targetModes(frequencies: readonly number[]): FourierMode[] {
  const amp = 1 / Math.sqrt(frequencies.length);
  return frequencies.map((k) => ({ k, amp }));
}

/** n evenly spaced points on the unit circle (d = 2) and the 256-point test grid of angles. */
export function makeDataset({ n, modes }: Pick<LazyVsRichSettings, 'n' | 'modes'>): Dataset {
  return circleFourier({ n, modes: targetModes(modes), jitter: 0, seed: 0 });
}

/** The run: the trainer's kernel drift is recorded on every record (kernelEvery = 1). */
export function runRequest(s: LazyVsRichSettings, data: Dataset): RunRequest {
  return {
    network: {
      ...networkSpec(s),
      inputDim: data.inputDim,
      width: s.width,
      parameterization: s.parameterization,
      seed: s.seed,
    },
    data: { xTrain: data.xTrain, yTrain: data.yTrain, xTest: data.xTest, yTest: data.yTest },
    options: { lr: s.lr, alpha: s.alpha, centered: isCentered(s), kernelEvery: 1 },
  };
}

/** The settings a preset fixes; the data, depth, activation and seed stay as the reader left them. */
export type PresetValues = Pick<LazyVsRichSettings, 'parameterization' | 'width' | 'alpha' | 'centered' | 'lr' | 'steps'>;

export interface Preset {
  id: string;
  label: string;
  values: PresetValues;
}

/**
 * Each preset's η is below the stability limit 2n/λ_max of its K₀ at the default data. μP gets a
 * smaller η than NTK although its K₀ is the same (Yang & Hu 2021's lr-weighted kernel has the NTK
 * limit): its kernel grows several-fold while features move, and with it the top eigenvalue.
 * Standard parameterisation's kernel grows like the width, so its η shrinks like 1/width.
 */
export const PRESETS: readonly Preset[] = [
  { id: 'lazy', label: 'Lazy: NTK, width 1024', values: { parameterization: 'ntk', width: 1024, alpha: 1, centered: false, lr: 2, steps: 300 } },
  { id: 'mup', label: 'Rich: μP', values: { parameterization: 'mup', width: 1024, alpha: 1, centered: false, lr: 0.5, steps: 600 } },
  { id: 'small-alpha', label: 'Rich: small α', values: { parameterization: 'ntk', width: 1024, alpha: 0.1, centered: true, lr: 2, steps: 300 } },
  { id: 'narrow', label: 'Narrow: width 32', values: { parameterization: 'ntk', width: 32, alpha: 1, centered: false, lr: 2, steps: 300 } },
  { id: 'standard', label: 'Standard, η ∝ 1/width', values: { parameterization: 'standard', width: 1024, alpha: 1, centered: false, lr: 0.005, steps: 300 } },
];

/** Whether the settings are exactly a preset's (so its button can show as pressed). */
export function matchesPreset(s: LazyVsRichSettings, preset: Preset): boolean {
  return (Object.keys(preset.values) as (keyof PresetValues)[]).every((key) => s[key] === preset.values[key]);
}
