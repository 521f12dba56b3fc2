import { defineSchema } from '../../lib/settings';
import { activationSetting, bStdSetting, depthSetting, seedSetting, wStdSetting, widthSetting } from '../kit/settings';

/**
 * Defaults: one hidden ReLU layer with σ_w = 1, σ_b = 0, the network of the chapter's closed form.
 * The shared factories type `key` as string, so each key is restated as a literal: SettingsOf then
 * knows every value's type.
 */
export const schema = defineSchema([
  { ...widthSetting({ default: 256, min: 16 }), key: 'width' },
  { ...depthSetting({ default: 1 }), key: 'depth' },
  { ...activationSetting('relu'), key: 'activation' },
  { ...wStdSetting(1), key: 'wstd' },
  { ...bStdSetting(0), key: 'bstd' },
  { kind: 'number', key: 'seeds', label: 'Networks sampled', default: 8, min: 2, max: 16, scale: 'linear', integer: true },
  { ...seedSetting(1), key: 'seed', help: 'first of the sampled seeds' },
  { kind: 'boolean', key: 'nngp', label: 'Show the NNGP kernel', default: false },
]);
