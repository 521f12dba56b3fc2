import { defineSchema } from '../../lib/settings';
import {
  activationSetting,
  alphaSetting,
  centeredSetting,
  depthSetting,
  lrSetting,
  parameterizationSetting,
  seedSetting,
  speedSetting,
  stepsSetting,
  widthSetting,
} from '../kit/settings';
import { CIRCLE_ANGLES } from '../kit/editedPoints.svelte';
import { TARGET_RANGE } from './run';

// The defaults are the lazy regime; ./presets.ts lists presets for the others.
export const schema = defineSchema([
  widthSetting({ default: 1024 }),
  depthSetting({ default: 1 }),
  parameterizationSetting('ntk'),
  alphaSetting(1),
  { ...centeredSetting(false), help: 'trains g = α(f − f₀), which starts at 0; always on when α ≠ 1' },
  // Standard parameterisation at large width needs η of order 1/width (its kernel grows with width).
  lrSetting({ default: 2, min: 1e-4 }),
  stepsSetting({ default: 300, max: 5000 }),
  speedSetting(),
  activationSetting('relu'),
  { kind: 'number', key: 'n', label: 'Training points n', default: 12, min: 4, max: 48, scale: 'linear', integer: true },
  // The points the reader dragged on the function chart (empty: n evenly spaced points of the target).
  {
    kind: 'pointList',
    key: 'points',
    label: 'Training points θ:y',
    help: 'empty: n evenly spaced points of the target',
    default: [],
    x: CIRCLE_ANGLES,
    y: TARGET_RANGE,
    minLength: 4,
    maxLength: 48,
    digits: 2,
  },
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
  seedSetting(1),
]);
