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
    key: 'target',
    label: 'Target on the circle',
    default: 'mixed',
    options: [
      { value: 'low', label: 'low frequency, cos θ' },
      { value: 'high', label: 'high frequency, cos 4θ' },
      { value: 'mixed', label: 'mixed, cos θ + ½ cos 4θ' },
    ],
  },
  {
    kind: 'number',
    key: 'noise',
    label: 'Label noise',
    help: 'standard deviation added to the training targets',
    default: 0.2,
    min: 0,
    max: 1,
    scale: 'linear',
  },
  { kind: 'number', key: 'n', label: 'Training points n', default: 32, min: 8, max: 64, scale: 'linear', integer: true },
  widthSetting({ default: 512 }),
  depthSetting({ default: 1 }),
  activationSetting('relu'),
  parameterizationSetting('ntk'),
  { ...alphaSetting(1), help: 'trains g = α(f − f₀)' },
  lrSetting({ default: 1 }),
  stepsSetting({ default: 300, max: 5000 }),
  speedSetting(),
  seedSetting(1),
]);
