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

/** ReLU's kernel has a cusp (slowly decaying spectrum); erf's is smooth. The other activations add nothing here. */
const activation = activationSetting('relu');

export const schema = defineSchema([
  {
    kind: 'number',
    key: 'spread',
    label: 'Cluster spread',
    help: 'standard deviation of each cluster',
    default: 0.2,
    min: 0.005,
    max: 1,
    scale: 'log',
  },
  {
    kind: 'number',
    key: 'noise',
    label: 'Label noise',
    help: 'fraction of labels flipped',
    default: 0.1,
    min: 0,
    max: 0.5,
    scale: 'linear',
  },
  { kind: 'number', key: 'n', label: 'Training points n', default: 20, min: 6, max: 60, scale: 'linear', integer: true },
  { ...activation, options: activation.options.filter((o) => o.value === 'relu' || o.value === 'erf') },
  widthSetting({ default: 512 }),
  depthSetting({ default: 1 }),
  parameterizationSetting('ntk'),
  { ...alphaSetting(1), help: 'trains g = α(f − f₀)' },
  lrSetting({ default: 2 }),
  stepsSetting({ default: 500 }),
  speedSetting(),
  seedSetting(1),
]);
