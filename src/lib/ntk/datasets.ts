/**
 * Seeded, reproducible data sets for the widgets. Every generator is a pure function of its
 * options: the same options (seed included) give identical arrays.
 */
import type { Matrix } from './types';
import { createRng } from './rng';

export interface Dataset {
  name: string;
  inputDim: number;
  xTrain: Matrix;
  yTrain: number[];
  /** Evaluation/plotting grid. */
  xTest: Matrix;
  /** Noiseless target on xTest. */
  yTest: number[];
  /** A 1-D coordinate to plot against (x itself, or the angle on the circle), when there is one. */
  coordinate?: { label: string; train: number[]; test: number[] };
}

/** An evenly spaced grid of `count` points from `start` to `end` inclusive. */
function grid(start: number, end: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => start + ((end - start) * i) / (count - 1));
}

export const targets1d = {
  sine: (x: number) => Math.sin(Math.PI * x),
  step: (x: number) => (x < 0 ? -1 : 1),
  abs: (x: number) => Math.abs(x),
  cubic: (x: number) => x ** 3,
} satisfies Record<string, (x: number) => number>;

export type Target1d = keyof typeof targets1d;

export interface Regression1dOptions {
  n: number;
  target: Target1d;
  /** Standard deviation of the Gaussian noise added to the training targets. */
  noise: number;
  seed: number;
}

/**
 * Scalar regression on [−1, 1] (d = 1): inputs drawn uniformly and sorted. Use b_std > 0 with it:
 * with d = 1 and b_std = 0 a ReLU network's kernel regressor is linear on each side of 0.
 */
export function regression1d({ n, target, noise, seed }: Regression1dOptions): Dataset {
  const rng = createRng(seed);
  const f = targets1d[target];
  const xs = Array.from({ length: n }, () => 2 * rng.uniform() - 1).sort((a, b) => a - b);
  const test = grid(-1, 1, 201);
  return {
    name: `regression1d:${target}`,
    inputDim: 1,
    xTrain: xs.map((x) => [x]),
    yTrain: xs.map((x) => f(x) + noise * rng.normal()),
    xTest: test.map((x) => [x]),
    yTest: test.map(f),
    coordinate: { label: 'x', train: xs, test },
  };
}

export interface FourierMode {
  /** Angular frequency k. */
  k: number;
  amp: number;
  /** Phase φ_k in radians (default 0). */
  phase?: number;
}

export interface CircleFourierOptions {
  n: number;
  modes: FourierMode[];
  /** Angle jitter as a fraction of the grid spacing 2π/n (0: exactly even spacing). */
  jitter: number;
  seed: number;
}

/**
 * Points on the unit circle in R² (d = 2) at angles θᵢ = 2πi/n (+ jitter), target Σ aₖcos(kθ + φₖ).
 * Every dot-product kernel is rotation invariant here, so on an even grid its Gram matrix is
 * circulant and its eigenvectors are exactly the Fourier modes cos kθ, sin kθ.
 */
export function circleFourier({ n, modes, jitter, seed }: CircleFourierOptions): Dataset {
  const rng = createRng(seed);
  const target = (theta: number) => modes.reduce((s, m) => s + m.amp * Math.cos(m.k * theta + (m.phase ?? 0)), 0);
  const spacing = (2 * Math.PI) / n;
  const thetas = Array.from({ length: n }, (_, i) => spacing * (i + jitter * (rng.uniform() - 0.5)));
  const test = Array.from({ length: 256 }, (_, i) => (2 * Math.PI * i) / 256);
  const onCircle = (theta: number) => [Math.cos(theta), Math.sin(theta)];
  return {
    name: 'circleFourier',
    inputDim: 2,
    xTrain: thetas.map(onCircle),
    yTrain: thetas.map(target),
    xTest: test.map(onCircle),
    yTest: test.map(target),
    coordinate: { label: 'θ', train: thetas, test },
  };
}

export interface TwoClustersOptions {
  n: number;
  /** Standard deviation of each cluster around its centre (±1, 0). */
  spread: number;
  /** Fraction of labels flipped, exactly round(labelNoise·n) of them. */
  labelNoise: number;
  seed: number;
}

/**
 * Two tight Gaussian clusters in R² centred at (−1, 0) (label −1) and (1, 0) (label +1), with a
 * fraction of labels flipped. Near-duplicate inputs give tiny kernel eigenvalues, and flipped labels
 * inside a cluster load them, so yᵀK⁻¹y (the RKHS norm of the interpolant) is large.
 */
export function twoClusters({ n, spread, labelNoise, seed }: TwoClustersOptions): Dataset {
  const rng = createRng(seed);
  const cleanLabel = (x: number[]) => (x[0] < 0 ? -1 : 1);
  const xTrain = Array.from({ length: n }, (_, i) => {
    const centre = i < n / 2 ? -1 : 1;
    return [centre + spread * rng.normal(), spread * rng.normal()];
  });
  const yTrain = xTrain.map((_, i) => (i < n / 2 ? -1 : 1));
  // Partial Fisher–Yates: the first `flips` entries of `order` are a uniform random subset.
  const order = Array.from({ length: n }, (_, i) => i);
  const flips = Math.round(labelNoise * n);
  for (let i = 0; i < flips; i++) {
    const j = i + rng.int(n - i);
    [order[i], order[j]] = [order[j], order[i]];
    yTrain[order[i]] *= -1;
  }
  const xTest = grid(-2, 2, 33).flatMap((b) => grid(-2, 2, 33).map((a) => [a, b]));
  return { name: 'twoClusters', inputDim: 2, xTrain, yTrain, xTest, yTest: xTest.map(cleanLabel) };
}

interface DatasetEntry<Options> {
  title: string;
  defaults: Options;
  make: (options: Options) => Dataset;
}

const entry = <Options>(e: DatasetEntry<Options>) => e;

/** The generators by name, each with its default options, so widgets can choose by name. */
export const datasetRegistry = {
  regression1d: entry<Regression1dOptions>({
    title: '1-D regression',
    defaults: { n: 12, target: 'sine', noise: 0, seed: 0 },
    make: regression1d,
  }),
  circleFourier: entry<CircleFourierOptions>({
    title: 'Fourier modes on the circle',
    defaults: { n: 32, modes: [{ k: 1, amp: 1 }, { k: 4, amp: 0.5 }], jitter: 0, seed: 0 },
    make: circleFourier,
  }),
  twoClusters: entry<TwoClustersOptions>({
    title: 'Two clusters with noisy labels',
    defaults: { n: 20, spread: 0.05, labelNoise: 0.1, seed: 0 },
    make: twoClusters,
  }),
};

export type DatasetName = keyof typeof datasetRegistry;
export type DatasetOptions<N extends DatasetName> = (typeof datasetRegistry)[N]['defaults'];

/** Builds a registered data set from its defaults overridden by `options`. */
export function makeDataset<N extends DatasetName>(name: N, options: Partial<DatasetOptions<N>> = {}): Dataset {
  const { defaults, make } = datasetRegistry[name] as DatasetEntry<DatasetOptions<N>>;
  return make({ ...defaults, ...options });
}
