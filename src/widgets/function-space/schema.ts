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

const activation = activationSetting('relu');

// The defaults are the lazy regime: μP or a small α bends the network's path away.
export const schema = defineSchema([
  widthSetting({ default: 1024 }),
  parameterizationSetting('ntk'),
  { ...alphaSetting(1), help: 'trains g = α(f − f₀), which starts at 0 for every α' },
  lrSetting({ default: 0.2 }),
  stepsSetting({ default: 200, max: 5000 }),
  speedSetting(),
  {
    kind: 'choice',
    key: 'target',
    label: 'Target y(x)',
    default: 'sine',
    options: [
      { value: 'sine', label: 'sin πx' },
      { value: 'step', label: 'step' },
      { value: 'abs', label: '|x|' },
      { value: 'cubic', label: 'x³' },
    ],
  },
  { kind: 'number', key: 'n', label: 'Training points n', default: 16, min: 6, max: 32, scale: 'linear', integer: true },
  depthSetting({ default: 1 }),
  // Closed-form activations only: the infinite-width kernel is computed on the page at every change.
  { ...activation, options: activation.options.filter((o) => o.value === 'relu' || o.value === 'erf') },
  seedSetting(1),
  {
    kind: 'boolean',
    key: 'reanchor',
    label: 'Show the linearisation re-anchored at a checkpoint',
    help: 'linearised again around the network at a tenth of the steps, with its kernel there',
    default: true,
  },
]);
