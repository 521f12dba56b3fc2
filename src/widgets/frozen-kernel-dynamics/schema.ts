import { defineSchema } from '../../lib/settings';
import {
  activationSetting,
  depthSetting,
  lrSetting,
  parameterizationSetting,
  seedSetting,
  stepsSetting,
  widthSetting,
} from '../shared/settings';

// The shared factories type `key` as string, which would erase it from SettingsOf; restating each
// key keeps it literal.
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
  { ...widthSetting({ default: 512 }), key: 'width' },
  { ...depthSetting({ default: 1 }), key: 'depth' },
  { ...activationSetting('relu'), key: 'activation' },
  { ...parameterizationSetting('ntk'), key: 'parameterization' },
  { ...lrSetting({ default: 1 }), key: 'lr' },
  { ...stepsSetting({ default: 200, max: 5000 }), key: 'steps' },
  { ...seedSetting(1), key: 'seed' },
]);
