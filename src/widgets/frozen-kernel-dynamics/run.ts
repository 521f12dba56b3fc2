/** What the frozen-kernel widget asks the worker to train. Pure: no DOM, no tfjs. */
import type { RunRequest } from '../../engine/api';
import { makeDataset, type Matrix } from '../../lib/ntk';
import type { DataPoint, SettingsOf } from '../../lib/settings';
import { CIRCLE_ANGLES, onCircle, pointData, type PointData } from '../kit/editedPoints.svelte';
import { isCentered } from '../kit/settings';
import type { schema } from './schema';

export type FrozenSettings = SettingsOf<typeof schema>;
export type DataSetName = FrozenSettings['dataset'];

/**
 * σ_w ≈ √2, the He scale at which ReLU layers keep the signal's variance; σ_b > 0 because with 1-D
 * inputs and no bias a ReLU network's kernel regressor is linear on each side of 0 (datasets.ts).
 */
export const WEIGHT_STD = 1.4;
export const BIAS_STD = 0.1;

/** What the data chart draws along x and the reader drags: x on the line, the angle θ on the circle. */
export const LINE_RANGE = { min: -1, max: 1 };
export const TARGET_RANGE = { min: -2, max: 2 };

/** The setting that keeps each data set's edited points. */
export const POINTS_KEY = { regression1d: 'points', circle: 'circlepoints' } as const satisfies Record<DataSetName, keyof FrozenSettings>;

const DRAWN = { regression1d: LINE_RANGE, circle: CIRCLE_ANGLES };
/** Where the functions are drawn: 101 inputs over the line, 128 angles round the circle. */
const GRID_SIZE = { regression1d: 101, circle: 128 };
/** The input the network sees at coordinate c: x itself (d = 1), or (cos θ, sin θ) on the circle (d = 2). */
const INPUT = { regression1d: (x: number) => [x], circle: onCircle };

export interface FrozenData extends PointData {
  inputDim: number;
  /** Where the functions are drawn, along the same coordinate, and as network inputs. */
  grid: number[];
  xTest: Matrix;
}

/** The edited points of the data set in use; empty when the reader has not edited them. */
export function editedPoints(s: Pick<FrozenSettings, 'dataset' | 'points' | 'circlepoints'>): DataPoint[] {
  return s[POINTS_KEY[s.dataset]];
}

/** The data the settings describe: the edited points, or n points of the generated data set (from the seed). */
export function frozenDataset(s: Pick<FrozenSettings, 'dataset' | 'n' | 'seed' | 'points' | 'circlepoints'>): FrozenData {
  const toInput = INPUT[s.dataset];
  const { min, max } = DRAWN[s.dataset];
  const count = GRID_SIZE[s.dataset];
  const grid = Array.from({ length: count }, (_, i) => min + ((max - min) * i) / (count - 1));
  return {
    inputDim: s.dataset === 'circle' ? 2 : 1,
    ...pointData(editedPoints(s), () => generatedPoints(s), toInput),
    grid,
    xTest: grid.map(toInput),
  };
}

function generatedPoints({ dataset, n, seed }: Pick<FrozenSettings, 'dataset' | 'n' | 'seed'>): DataPoint[] {
  const data = dataset === 'circle' ? makeDataset('circleFourier', { n, seed }) : makeDataset('regression1d', { n, seed });
  return data.coordinate!.train.map((x, i) => ({ x, y: data.yTrain[i] }));
}

/**
 * Plain full-batch GD on L = (1/2n)‖f − y‖² of the uncentred network at α = 1, the centred model
 * at α ≠ 1 (isCentered). The frozen-kernel prediction needs no change: ġ = −(η/n) Θ_lr (g − y) for
 * every α (src/lib/nn/trainer.ts), and it starts from the run's own g₀. The grid is passed as
 * unlabelled test inputs, so records carry the network's function there.
 */
export function runRequest(s: FrozenSettings, data: Pick<FrozenData, 'inputDim' | 'xTrain' | 'yTrain' | 'xTest'>): RunRequest {
  return {
    network: {
      inputDim: data.inputDim,
      width: s.width,
      depth: s.depth,
      activation: s.activation,
      wStd: WEIGHT_STD,
      bStd: BIAS_STD,
      parameterization: s.parameterization,
      seed: s.seed,
    },
    data: { xTrain: data.xTrain, yTrain: data.yTrain, xTest: data.xTest },
    options: { lr: s.lr, alpha: s.alpha, centered: isCentered(s) },
  };
}
