/** What the lazy-vs-rich widget asks the worker to train and to compute. Pure: no DOM, no tfjs. */
import type { RunRequest } from '../../engine/api';
import { circleFourier, type Dataset, type FourierMode, type Matrix, type MlpSpec } from '../../lib/ntk';
import type { SettingsOf } from '../../lib/settings';
import { onCircle, pointData, type PointData } from '../kit/editedPoints.svelte';
import { isCentered } from '../kit/settings';
import type { schema } from './schema';

export type LazyVsRichSettings = SettingsOf<typeof schema>;

/** The range of the targets Σ cos kθ/√count (at most 4 frequencies), where the reader may drag a point. */
export const TARGET_RANGE = { min: -2, max: 2 };

/**
 * The network's architecture from the settings, with σ_w = 1 and σ_b > 0. Without a bias a ReLU
 * network is positively homogeneous, and on the circle such a network has no odd harmonics above
 * k = 1, so cos 3θ could not be fitted at any width or in any regime; a small bias makes every
 * frequency learnable.
 */
export function networkSpec({ depth, activation }: Pick<LazyVsRichSettings, 'depth' | 'activation'>): MlpSpec {
  return { depth, activation, wStd: 1, bStd: 0.3 };
}

/** Target Σ cos kθ over the chosen frequencies, scaled by 1/√count so that E_θ[y²] = 1/2 for distinct k ≥ 1. */
export function targetModes(frequencies: readonly number[]): FourierMode[] {
  const amp = 1 / Math.sqrt(frequencies.length);
  return frequencies.map((k) => ({ k, amp }));
}

/** n evenly spaced points on the unit circle (d = 2) and the 256-point test grid of angles. */
export function circleDataset({ n, modes }: Pick<LazyVsRichSettings, 'n' | 'modes'>): Dataset {
  return circleFourier({ n, modes: targetModes(modes), jitter: 0, seed: 0 });
}

export interface CircleData extends PointData {
  inputDim: number;
  /** The angles where the functions are drawn, and the network inputs there. */
  grid: number[];
  xTest: Matrix;
  /** The target on the grid; absent for edited points, which follow no target. */
  yTest?: number[];
}

/** The data the settings describe: the target at n evenly spaced angles, or the points the reader edited. */
export function circleData(s: Pick<LazyVsRichSettings, 'n' | 'modes' | 'points'>): CircleData {
  const target = circleDataset(s);
  const { train, test } = target.coordinate!;
  const generated = () => train.map((x, i) => ({ x, y: target.yTrain[i] }));
  return {
    inputDim: target.inputDim,
    ...pointData(s.points, generated, onCircle),
    grid: test,
    xTest: target.xTest,
    yTest: s.points.length > 0 ? undefined : target.yTest,
  };
}

/**
 * The run: the centred model g = α(f − f₀) whenever α ≠ 1 (isCentered), and the trainer's kernel
 * drift and alignment recorded on every record (kernelEvery = 1).
 */
export function runRequest(s: LazyVsRichSettings, data: Pick<CircleData, 'inputDim' | 'xTrain' | 'yTrain' | 'xTest' | 'yTest'>): RunRequest {
  return {
    network: {
      ...networkSpec(s),
      inputDim: data.inputDim,
      width: s.width,
      parameterization: s.parameterization,
      seed: s.seed,
    },
    data: { xTrain: data.xTrain, yTrain: data.yTrain, xTest: data.xTest, yTest: data.yTest },
    options: { lr: s.lr, alpha: s.alpha, centered: isCentered(s), kernelEvery: 1 },
  };
}

/**
 * What the infinite-width kernel depends on: the training angles (the test grid is fixed), the
 * depth and the activation. Not the width, the parameterisation, α, η or the labels: changing those
 * must not ask the worker for the kernel again.
 */
export function analyticKernelKey(points: readonly { x: number }[], { depth, activation }: Pick<LazyVsRichSettings, 'depth' | 'activation'>): string {
  return `${points.map((p) => p.x).join(',')}|${depth}|${activation}`;
}
