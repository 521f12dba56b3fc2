/**
 * Every number the chapters state, in one place. Values come from the math core (src/lib/ntk)
 * where it has the formula, otherwise from the closed form written beside them. Chapters print
 * them through src/lib/format.ts and never type a number themselves;
 * tests/unit/content/claims.test.ts recomputes each one independently (closed forms, finite
 * differences, Monte Carlo), so a wrong sentence fails a test.
 */
import {
  analyticKernels,
  flowTimeToLoss,
  linearisedDynamics,
  ntkVsAngle,
  rkhsNorm,
  standardParameterizationKernel,
  symmetricEigen,
  type Matrix,
  type MlpSpec,
} from '../src/lib/ntk';
import { defaults } from '../src/lib/settings';
import { schema as eigenmodeSchema } from '../src/widgets/eigenmode-decay/schema';
import { schema as firstLookSchema } from '../src/widgets/network-vs-linearisation/schema';
import { DRIFT_DATA, networkFor } from '../src/widgets/ntk-drift/run';
import { schema as driftSchema } from '../src/widgets/ntk-drift/schema';
import { MAX_WIDTH } from '../src/widgets/kit/settings';
import type { SlowModesMeasurement, SlowModesRecording } from '../tests/measure/slowModes';
import slowModesRecording from './measured/slowModes.json' with { type: 'json' };

/** One hidden ReLU layer with W_std = 1 and b_std = 0: the network behind the essay's closed forms. */
export const oneLayerRelu: MlpSpec = { depth: 1, activation: 'relu', wStd: 1, bStd: 0 };

/** Θ between two inputs with x·x/d = 1 at angle γ (radians), stax convention (src/lib/ntk/kernels.ts). */
function reluNtkAtAngle(angle: number): number {
  return ntkVsAngle([angle], oneLayerRelu).ntk[0];
}

const dot = (a: readonly number[], b: readonly number[]) => a.reduce((sum, ai, i) => sum + ai * b[i], 0);
const relu = (z: number) => Math.max(z, 0);
const step = (z: number) => (z > 0 ? 1 : 0);

// ── The opening figure: a wide network trains like its linearisation ───────────────────────────

const firstLookDefaults = defaults(firstLookSchema);

/**
 * The opening figure's defaults and the narrow width its prompt asks for. That the largest gap to
 * the linearisation grows several times over from the default width to the narrow one is measured
 * over seeds (tests/unit/widgets/network-vs-linearisation/model.test.ts).
 */
export const firstLook = { width: firstLookDefaults.width, points: firstLookDefaults.points.length, narrowWidth: 16 };

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
 * Not a formula but a measurement: the data-geometry widget at its defaults (n = 20, spread 0.2,
 * 10 % of labels flipped, η = 2) over seeds and widths, each network against its own linearisation
 * (K₀ frozen) after the widget's default number of GD steps. Recorded by `npm run
 * measure:slow-modes` (tests/measure/) in content/measured/slowModes.json; the unit test
 * tests/unit/content/measuredClaims.test.ts re-measures part of the recording.
 * The excess of a ReLU run is network loss ÷ linearised loss − 1.
 */
export const reluSlowModes = (() => {
  const { settings, measurements } = slowModesRecording as SlowModesRecording;
  const relu = measurements.filter((m) => m.activation === 'relu');
  const excess = (m: SlowModesMeasurement) => m.network / m.linearised - 1;
  const widths = [...new Set(relu.map((m) => m.width))].sort((a, b) => a - b);
  const at = (width: number) => {
    const values = relu.filter((m) => m.width === width).map(excess);
    return { width, min: Math.min(...values), max: Math.max(...values), mean: values.reduce((a, b) => a + b, 0) / values.length };
  };
  const byWidth = widths.map(at);
  // Least squares of ln(mean excess) on ln(width).
  const u = byWidth.map((w) => Math.log(w.width));
  const v = byWidth.map((w) => Math.log(w.mean));
  const uMean = u.reduce((a, b) => a + b, 0) / u.length;
  const vMean = v.reduce((a, b) => a + b, 0) / v.length;
  const exponent = u.reduce((s, ui, i) => s + (ui - uMean) * (v[i] - vMean), 0) / u.reduce((s, ui) => s + (ui - uMean) ** 2, 0);
  const erf = measurements.filter((m) => m.activation === 'erf');
  /** The largest |network ÷ linearised − 1| of erf at this width, rounded up to one significant digit. */
  const erfBound = (width: number) => {
    const gap = Math.max(...erf.filter((m) => m.width === width).map((m) => Math.abs(m.network / m.linearised - 1)));
    const unit = 10 ** Math.floor(Math.log10(gap));
    return { width, gap: Math.ceil(gap / unit - 1e-9) * unit };
  };
  return {
    steps: settings.steps,
    seeds: new Set(relu.map((m) => m.seed)).size,
    narrow: byWidth[0],
    widget: at(MAX_WIDTH),
    widest: byWidth[byWidth.length - 1],
    /** Of the mean excess against the width. */
    exponent,
    erf: { narrow: erfBound(widths[0]), widget: erfBound(MAX_WIDTH), widest: erfBound(widths[widths.length - 1]) },
  };
})();

/**
 * Measured on the eigenmode widget at its defaults (mixed target, n = 32, η = 1, ReLU): after about
 * `steps` GD steps the network's residual on the target's slow cos 4θ modes exceeds the prediction
 * from its own K₀; at `wideWidth` it stays close (tests/unit/content/measuredClaims.test.ts).
 */
export const eigenmodeDeparture = { width: defaults(eigenmodeSchema).width, steps: 100, wideWidth: MAX_WIDTH };

// ── Chapter 5: the standard parameterisation's kernel, and the rate μP needs ───────────────────

const driftDefaults = defaults(driftSchema);

/** The drift widget's network: one hidden ReLU layer, W_std = 1, b_std = 0.1 (src/widgets/ntk-drift/run.ts). */
export const driftSpec: MlpSpec = (({ depth, activation, wStd, bStd }) => ({ depth, activation, wStd, bStd }))(networkFor(driftDefaults));

/**
 * The eigenvalue of the mode cos(kθ) of the drift widget's target (cos θ + ½cos 4θ on evenly spaced
 * points of the unit circle) as a share of λ_max: under the NTK, and under the kernel the standard
 * parameterisation follows at η ∝ 1/m (standardParameterizationKernel). On evenly spaced points
 * both kernels are circulant, so cos kθ is an eigenvector and its Rayleigh quotient the eigenvalue.
 * At a fixed fraction of the stability limit, η = c·2n/λ_max, a mode shrinks by 1 − 2c·λ_k/λ_max
 * per step, so the shares' ratio is how many times more slowly it is learned.
 */
export const standardKernel = (() => {
  const x = DRIFT_DATA.xTrain;
  const frequency = 4;
  const mode = x.map(([c, s]) => Math.cos(frequency * Math.atan2(s, c)));
  const share = (k: Matrix) => dot(mode, k.map((row) => dot(row, mode))) / dot(mode, mode) / symmetricEigen(k).values[0];
  const ntk = share(analyticKernels(x, x, driftSpec).ntk);
  const standard = share(standardParameterizationKernel(x, x, driftSpec));
  return { points: x.length, frequency, ntk, standard, slowdown: ntk / standard };
})();

/**
 * The drift widget's default learning rate and the one μP trains at, as fractions of 2n/λ_max of
 * each width's initial kernel, and by how much λ_max grows under μP at that rate over the widget's
 * default run: measured, not derived (tests/unit/content/measuredClaims.test.ts).
 */
export const mupRate = {
  defaultFraction: driftDefaults.lrfraction,
  fraction: 0.1,
  kernelGrowth: { low: 6, high: 10 },
  steps: driftDefaults.steps,
};

/** The width exponent of the first layer's relative movement in the standard parameterisation at η ∝ 1/m (the prose writes m^{−3/2}): measured. */
export const standardFreeze = { firstLayerExponent: -1.5 };
