import { defineSchema } from '../../lib/settings';
import {
  activationSetting,
  alphaSetting,
  depthSetting,
  lrSetting,
  parameterizationSetting,
  seedSetting,
  speedSetting,
  stepsSetting,
  widthSetting,
} from '../kit/settings';

export const schema = defineSchema([
  {
    kind: 'choice',
    key: 'dataset',
    label: 'Data',
    default: 'circle',
    options: [
      { value: 'circle', label: 'circle (two Fourier modes)' },
      { value: 'regression1d', label: '1-D regression (sine)' },
    ],
  },
  { kind: 'number', key: 'n', label: 'Training points n', default: 20, min: 4, max: 64, scale: 'linear', integer: true },
  widthSetting({ default: 512 }),
  depthSetting({ default: 1 }),
  activationSetting('relu'),
  parameterizationSetting('ntk'),
  { ...alphaSetting(1), help: 'trains g = α(f − f₀), f₀ subtracted, when α ≠ 1' },
  lrSetting({ default: 1 }),
  stepsSetting({ default: 200, max: 5000 }),
  speedSetting(),
  seedSetting(1),
]);
