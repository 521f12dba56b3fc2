/**
 * What the data-geometry widget asks the worker to train: two tight clusters with some labels
 * flipped (twoClusters), a clean-label test set drawn from the same clusters, and the network that
 * learns them. Pure: no DOM, no tfjs.
 */
import type { RunRequest } from '../../engine/api';
import { twoClusters, type Activation, type Matrix, type MlpSpec } from '../../lib/ntk';
import type { MlpConfig, Parameterization } from '../../lib/nn';

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
  parameterization: Parameterization;
  seed: number;
}

export interface TrainingSettings extends NetworkSettings {
  lr: number;
  /** Output scale α of the centred model g = α(f − f₀). */
  alpha: number;
}

/**
 * With the NTK parameterisation the network's infinite-width kernel is analyticKernels(…, kernelSpec(…));
 * with μP its lr-weighted K₀ tends to the same kernel; with standard parameterisation K₀ grows like
 * the width and has no limit (hasKernelLimit in src/lib/nn), so the analytic kernel is only a reference there.
 */
export function kernelSpec({ activation, depth }: Pick<NetworkSettings, 'activation' | 'depth'>): MlpSpec {
  return { depth, activation, wStd: W_STD, bStd: B_STD };
}

/** The clean labels of n training points: the first half from the left cluster (−1), the rest from the right (+1). */
export function cleanLabels(n: number): number[] {
  return Array.from({ length: n }, (_, i) => (i < n / 2 ? -1 : 1));
}

export function makeProblem({ n, spread, noise, seed }: ProblemSettings): Problem {
  const train = twoClusters({ n, spread, labelNoise: noise, seed });
  const test = twoClusters({ n: TEST_POINTS, spread, labelNoise: 0, seed: seed + TEST_SEED_OFFSET });
  return {
    xTrain: train.xTrain,
    yNoisy: train.yTrain,
    yClean: cleanLabels(n),
    xTest: test.xTrain,
    yTest: test.yTrain,
  };
}

export function networkConfig(settings: NetworkSettings): MlpConfig {
  return { ...kernelSpec(settings), inputDim: 2, width: settings.width, parameterization: settings.parameterization, seed: settings.seed };
}

/**
 * The run on the noisy labels: centred (f₀ subtracted, scaled by α), so training starts from g = 0
 * and converges to the minimum-norm interpolant in K₀'s RKHS; ġ = −(η/n) Θ_lr (g − y) for every α,
 * so the linearised prediction from the run's own K₀ holds unchanged.
 */
export function runRequest(settings: TrainingSettings, problem: Problem): RunRequest {
  const { xTrain, yNoisy, xTest, yTest } = problem;
  return {
    network: networkConfig(settings),
    data: { xTrain, yTrain: yNoisy, xTest, yTest },
    options: { lr: settings.lr, alpha: settings.alpha, centered: true },
  };
}
