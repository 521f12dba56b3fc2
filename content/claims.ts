/**
 * Every number the chapters state, in one place. Values come from the math core (src/lib/ntk)
 * where it has the formula, otherwise from the closed form written beside them. Chapters print
 * them through src/essay/format.ts and never type a number themselves;
 * tests/unit/content/claims.test.ts recomputes each one independently (closed forms, finite
 * differences, Monte Carlo), so a wrong sentence fails a test.
 */
import { flowTimeToLoss, linearisedDynamics, ntkVsAngle, rkhsNorm, type Matrix, type MlpSpec } from '../src/lib/ntk';

/** One hidden ReLU layer with W_std = 1 and b_std = 0: the network behind the essay's closed forms. */
export const oneLayerRelu: MlpSpec = { depth: 1, activation: 'relu', wStd: 1, bStd: 0 };

/** Θ between two inputs with x·x/d = 1 at angle γ (radians), stax convention (src/lib/ntk/kernels.ts). */
function reluNtkAtAngle(angle: number): number {
  return ntkVsAngle([angle], oneLayerRelu).ntk[0];
}

const dot = (a: readonly number[], b: readonly number[]) => a.reduce((sum, ai, i) => sum + ai * b[i], 0);
const relu = (z: number) => Math.max(z, 0);
const step = (z: number) => (z > 0 ? 1 : 0);

// ── Chapter 1: similar outputs are not similar gradients ────────────────────────────────────────

/** θ = (v₁, v₂, w₁, w₂) of f(x) = v₁·relu(w₁x) + v₂·relu(w₂x); these values make f(x) = |x|. */
export const twoUnitParameters = [1, 1, 1, -1] as const;

export function twoUnitNetwork(theta: readonly number[], x: number): number {
  const [v1, v2, w1, w2] = theta;
  return v1 * relu(w1 * x) + v2 * relu(w2 * x);
}

/** The tangent features φ(x) = ∂f/∂θ = (relu(w₁x), relu(w₂x), v₁x·[w₁x > 0], v₂x·[w₂x > 0]). */
export function twoUnitTangentFeatures(theta: readonly number[], x: number): number[] {
  const [v1, v2, w1, w2] = theta;
  return [relu(w1 * x), relu(w2 * x), v1 * x * step(w1 * x), v2 * x * step(w2 * x)];
}

/** Inputs a and b share an output but not a feature; a and c differ in output but share a direction. */
export const tangentExample = (() => {
  const inputs = { a: 1, b: -1, c: 2 };
  const f = (x: number) => twoUnitNetwork(twoUnitParameters, x);
  const phi = (x: number) => twoUnitTangentFeatures(twoUnitParameters, x);
  return {
    inputs,
    outputs: { a: f(inputs.a), b: f(inputs.b), c: f(inputs.c) },
    features: { a: phi(inputs.a), b: phi(inputs.b), c: phi(inputs.c) },
    kernel: {
      aa: dot(phi(inputs.a), phi(inputs.a)),
      ab: dot(phi(inputs.a), phi(inputs.b)),
      ac: dot(phi(inputs.a), phi(inputs.c)),
    },
  };
})();

// ── Chapter 2: the infinite-width kernel and our convention ─────────────────────────────────────

/** κ₀ and κ₁, the arc-cosine kernels of degree 0 and 1 (Cho & Saul 2009), at correlation u. */
function arcCosine(u: number): { k0: number; k1: number } {
  const angle = Math.acos(u);
  return { k0: (Math.PI - angle) / Math.PI, k1: (Math.sqrt(1 - u * u) + (Math.PI - angle) * u) / Math.PI };
}

export const convention = {
  /** Θ(x, x) for x·x/d = 1 in our (stax) convention. */
  diagonal: reluNtkAtAngle(0),
  /** The write-ups' closed form ‖x‖‖x′‖[κ₁(u) + uκ₀(u)] at x = x′, ‖x‖ = 1. */
  closedFormDiagonal: (({ k0, k1 }) => k1 + k0)(arcCosine(1)),
};

/** Θ at right angles and at opposite points (x·x/d = 1). */
export const kernelShape = {
  orthogonal: reluNtkAtAngle(Math.PI / 2),
  opposite: reluNtkAtAngle(Math.PI),
};

/**
 * Relative standard deviation of the empirical Θ(x, x) of a width-m one-hidden-layer ReLU network
 * at initialisation (x·x/d = 1). Θ̂(x, x) = (1/m) Σⱼ [relu(hⱼ)² + vⱼ²·[hⱼ > 0]] with hⱼ, vⱼ ~ N(0, 1)
 * independent; each term has mean 1 and second moment 3/2 + 2·(1/2) + 3/2 = 4, so variance 3.
 */
export const DIAGONAL_VARIANCE_PER_UNIT = 3;

export function diagonalRelativeStd(width: number): number {
  return Math.sqrt(DIAGONAL_VARIANCE_PER_UNIT / width);
}

export const fluctuation = {
  narrow: { width: 100, relativeStd: diagonalRelativeStd(100) },
  wide: { width: 10_000, relativeStd: diagonalRelativeStd(10_000) },
};

export const widthExercise = (() => {
  const relativeStd = 0.1;
  return { relativeStd, answer: DIAGONAL_VARIANCE_PER_UNIT / relativeStd ** 2 };
})();

// ── Chapter 3: the loss bound and the stability limit ───────────────────────────────────────────

export const lossBoundExercise = (() => {
  const params = { loss0: 1, lambdaMin: 0.01, n: 10, lr: 10 };
  const target = 1e-6;
  return { ...params, target, answer: flowTimeToLoss(target, params) };
})();

/** A diagonal kernel whose largest eigenvalue is lambdaMax: all that the stability limit needs. */
function kernelWithTopEigenvalue(n: number, lambdaMax: number): Matrix {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i !== j ? 0 : i === 0 ? lambdaMax : lambdaMax / 4)));
}

export const stabilityExercise = (() => {
  const n = 50;
  const lambdaMax = 12.5;
  const dynamics = linearisedDynamics({ kTrain: kernelWithTopEigenvalue(n, lambdaMax), yTrain: new Array<number>(n).fill(0), lr: 1 });
  return { n, lambdaMax, answer: dynamics.maxStableLr() };
})();

// ── Chapter 4: spectral bias and the cost of fitting ────────────────────────────────────────────

/** Two modes, one `ratio` times weaker, trained at η = n/λ_max for `steps` steps. */
export const spectralBias = (() => {
  const ratio = 100;
  const steps = 100;
  const n = 2;
  const lambdaMax = 1;
  const dynamics = linearisedDynamics({
    kTrain: [
      [lambdaMax, 0],
      [0, lambdaMax / ratio],
    ],
    yTrain: [0, 0],
    f0Train: [1, 1],
    lr: n / lambdaMax,
  });
  const [strongAfterOneStep] = dynamics.modeResiduals(1, 'gd');
  const [, weakRemaining] = dynamics.modeResiduals(steps, 'gd');
  return { ratio, steps, strongAfterOneStep, weakRemaining };
})();

/** Two inputs at a small angle (x·x/d = 1): the RKHS norm of equal and of opposite labels. */
export const twoPointExample = (() => {
  const angle = 0.1;
  const k: Matrix = [
    [reluNtkAtAngle(0), reluNtkAtAngle(angle)],
    [reluNtkAtAngle(angle), reluNtkAtAngle(0)],
  ];
  const sameLabels = rkhsNorm(k, [1, 1]).squaredNorm;
  const oppositeLabels = rkhsNorm(k, [1, -1]).squaredNorm;
  return {
    angle,
    angleDegrees: (angle * 180) / Math.PI,
    similarity: k[0][1],
    sameLabels,
    oppositeLabels,
    costRatio: oppositeLabels / sameLabels,
  };
})();

export const rkhsExercise = (() => {
  const similarity = 0.8;
  const k: Matrix = [
    [1, similarity],
    [similarity, 1],
  ];
  return { similarity, answer: rkhsNorm(k, [1, -1]).squaredNorm };
})();

// ── Chapter 4, measured: where ReLU networks leave their linearisation ─────────────────────────

/**
 * Not a formula but a measurement, stated as a bound: the data-geometry widget at its defaults
 * (n = 20, spread 0.2, 10 % of labels flipped, η = 2, seed 1) at the widest width it offers, after
 * `steps` GD steps. A ReLU network's train loss is more than `reluLossRatio` times that of its own
 * linearisation (K₀ frozen); an erf network's is within `erfLossGap` of its linearisation's.
 * tests/unit/content/measuredClaims.test.ts trains both networks and checks each bound.
 */
export const reluSlowModes = { width: 4096, steps: 500, reluLossRatio: 1.5, erfLossGap: 0.01 };
