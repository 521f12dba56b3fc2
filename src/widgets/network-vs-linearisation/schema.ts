import { defineSchema, type DataPoint } from '../../lib/settings';
import { lrSetting, seedSetting, speedSetting, stepsSetting, widthSetting } from '../kit/settings';
import { INPUT_RANGE, TARGET_RANGE } from './run';

/** Eight points of sin πx, unevenly spaced, so that the fit between them is worth watching. */
const DEFAULT_POINTS: DataPoint[] = [
  { x: -0.85, y: -0.45 },
  { x: -0.6, y: -0.95 },
  { x: -0.3, y: -0.81 },
  { x: -0.1, y: -0.31 },
  { x: 0.15, y: 0.45 },
  { x: 0.4, y: 0.95 },
  { x: 0.7, y: 0.81 },
  { x: 0.9, y: 0.31 },
];

/**
 * A one-hidden-layer ReLU network (./run.ts) on 1-D data the reader drags. η = 1 is below the
 * stability limit 2n/λ_max of the infinite-width kernel for any points in range (./run.ts), so
 * dragging the data never makes the default diverge.
 */
export const schema = defineSchema([
  widthSetting({ default: 4096 }),
  {
    kind: 'pointList',
    key: 'points',
    label: 'Training points x:y',
    default: DEFAULT_POINTS,
    x: INPUT_RANGE,
    y: TARGET_RANGE,
    minLength: 2,
    maxLength: 16,
    digits: 2,
  },
  lrSetting({ default: 1, max: 10 }),
  stepsSetting({ default: 500, max: 5000 }),
  speedSetting(),
  seedSetting(1),
]);
