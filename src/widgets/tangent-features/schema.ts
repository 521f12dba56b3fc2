import { defineSchema } from '../../lib/settings';
import type { Target1d } from '../../lib/ntk';
import { activationSetting, bStdSetting, depthSetting, lrSetting, seedSetting, wStdSetting, widthSetting } from '../kit/settings';

const inputSetting = <K extends string>(key: K, label: string, d: number) =>
  ({ kind: 'number', key, label, default: d, min: -1, max: 1, scale: 'linear' }) as const;

/**
 * A small network on inputs x ∈ [−1, 1] (d = 1); σ_b > 0 so that ReLU units switch on at
 * different inputs (with σ_b = 0 each unit is active on a whole half-line).
 * The shared factories type `key` as string, so each key is restated as a literal: SettingsOf then
 * knows every value's type.
 */
export const schema = defineSchema([
  inputSetting('xa', 'Step input x_a', -0.5),
  inputSetting('xb', 'Second input x_b', 0.5),
  { ...lrSetting({ default: 0.1, min: 0.001, max: 4 }), key: 'lr' },
  {
    kind: 'choice',
    key: 'target',
    label: 'Target y(x)',
    default: 'sine' as Target1d,
    options: [
      { value: 'sine', label: 'sin πx' },
      { value: 'step', label: 'step' },
      { value: 'abs', label: '|x|' },
      { value: 'cubic', label: 'x³' },
    ],
  },
  { ...widthSetting({ default: 256, min: 16 }), key: 'width' },
  { ...depthSetting({ default: 1 }), key: 'depth' },
  { ...activationSetting('relu'), key: 'activation' },
  { ...wStdSetting(1.4), key: 'wstd' },
  { ...bStdSetting(0.5), key: 'bstd' },
  // Seed 2: its network has two far-apart inputs with equal outputs and gradients at cosine ≈ 0 (the button finds them).
  { ...seedSetting(2), key: 'seed' },
]);
