/**
 * The widget's learning problem: two tight clusters with some labels flipped (twoClusters), a
 * clean-label test set drawn from the same clusters, and the network that learns it.
 */
import { twoClusters, type Activation, type Matrix, type MlpSpec } from '../../lib/ntk';
import type { MlpConfig } from '../../lib/nn';

export interface ProblemSettings {
  n: number;
  spread: number;
  /** Fraction of training labels flipped. */
  noise: number;
  seed: number;
}

export interface Problem {
  xTrain: Matrix;
  /** The labels the network is trained on, flips included. */
  yNoisy: number[];
  /** The labels before flipping: −1 for the left cluster, +1 for the right. */
  yClean: number[];
  /** Fresh draws from the same clusters, labelled without noise. */
  xTest: Matrix;
  yTest: number[];
}

export const TEST_POINTS = 100;
/** Added to the seed for the test draw, so that it never repeats the training draw of any seed. */
const TEST_SEED_OFFSET = 100_003;

export const W_STD = 1;
export const B_STD = 0.1;

export interface NetworkSettings {
  activation: Activation;
  /** Hidden layers. */
  depth: number;
  width: number;
  seed: number;
}

/** With the NTK parameterisation the network's infinite-width kernel is analyticKernels(…, kernelSpec(…)). */
export function kernelSpec({ activation, depth }: Pick<NetworkSettings, 'activation' | 'depth'>): MlpSpec {
  return { depth, activation, wStd: W_STD, bStd: B_STD };
}

export function makeProblem({ n, spread, noise, seed }: ProblemSettings): Problem {
  const train = twoClusters({ n, spread, labelNoise: noise, seed });
  const test = twoClusters({ n: TEST_POINTS, spread, labelNoise: 0, seed: seed + TEST_SEED_OFFSET });
  return {
    xTrain: train.xTrain,
    yNoisy: train.yTrain,
    yClean: train.xTrain.map((_, i) => (i < n / 2 ? -1 : 1)),
    xTest: test.xTrain,
    yTest: test.yTrain,
  };
}

export function networkConfig(settings: NetworkSettings): MlpConfig {
  return { ...kernelSpec(settings), inputDim: 2, width: settings.width, parameterization: 'ntk', seed: settings.seed };
}
