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
import { CIRCLE_ANGLES } from '../kit/editedPoints.svelte';
import { LINE_RANGE, TARGET_RANGE } from './run';

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
  // The points the reader dragged, one list per data set (empty: n points generated from the seed).
  {
    kind: 'pointList',
    key: 'points',
    label: 'Training points x:y (1-D regression)',
    help: 'empty: n points generated from the seed',
    default: [],
    x: LINE_RANGE,
    y: TARGET_RANGE,
    minLength: 4,
    maxLength: 64,
    digits: 2,
  },
  {
    kind: 'pointList',
    key: 'circlepoints',
    label: 'Training points θ:y (circle)',
    help: 'empty: n points generated from the seed',
    default: [],
    x: CIRCLE_ANGLES,
    y: TARGET_RANGE,
    minLength: 4,
    maxLength: 64,
    digits: 2,
  },
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
