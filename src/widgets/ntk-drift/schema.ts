import { defineSchema } from '../../lib/settings';
import {
  activationSetting,
  depthSetting,
  lrSetting,
  parameterizationSetting,
  seedSetting,
  speedSetting,
  stepsSetting,
  widthsSetting,
} from '../kit/settings';

// The shared factories type `key` as string, which would erase it from SettingsOf; restating each
// key keeps it literal.
export const schema = defineSchema([
  { ...widthsSetting([64, 256, 1024]), key: 'widths' },
  { ...parameterizationSetting('ntk'), key: 'parameterization' },
  {
    kind: 'choice',
    key: 'lrmode',
    label: 'Learning-rate rule',
    default: 'fraction',
    options: [
      { value: 'fraction', label: 'fraction of the limit' },
      { value: 'fixed', label: 'one η for all' },
    ],
  },
  {
    kind: 'number',
    key: 'lrfraction',
    label: 'η ÷ (2n/λ_max)',
    default: 0.5,
    min: 0.05,
    max: 0.95,
    scale: 'linear',
    help: 'λ_max of each width’s own initial kernel',
  },
  { ...lrSetting({ default: 4 }), key: 'lr' },
  { ...depthSetting({ default: 1 }), key: 'depth' },
  { ...activationSetting('relu'), key: 'activation' },
  { ...stepsSetting({ default: 300, max: 5000 }), key: 'steps' },
  speedSetting(),
  { ...seedSetting(1), key: 'seed' },
]);
