import { defineSchema } from '../../lib/settings';
import {
  activationSetting,
  alphaSetting,
  centeredSetting,
  lrSetting,
  parameterizationSetting,
  seedSetting,
  stepsSetting,
  widthSetting,
} from '../shared/settings';

// The shared factories type `key` as string, which would erase it from SettingsOf; restating each
// key keeps it literal. The defaults are the lazy regime (./presets.ts lists the others).
export const schema = defineSchema([
  { ...widthSetting({ default: 1024 }), key: 'width' },
  { ...parameterizationSetting('ntk'), key: 'parameterization' },
  { ...alphaSetting(1), key: 'alpha' },
  { ...centeredSetting(false), key: 'centered', help: 'always on when α ≠ 1' },
  // Standard parameterisation at large width needs η of order 1/width (its kernel grows with width).
  { ...lrSetting({ default: 2, min: 1e-4 }), key: 'lr' },
  { ...stepsSetting({ default: 300, max: 5000 }), key: 'steps' },
  { ...activationSetting('relu'), key: 'activation' },
  { kind: 'number', key: 'n', label: 'Training points n', default: 12, min: 4, max: 48, scale: 'linear', integer: true },
  {
    kind: 'numberList',
    key: 'modes',
    label: 'Target frequencies k',
    default: [1, 2],
    min: 0,
    max: 12,
    integer: true,
    maxLength: 4,
    help: 'y(θ) = Σₖ cos kθ / √(count)',
  },
  { ...seedSetting(1), key: 'seed' },
]);
