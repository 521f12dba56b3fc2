/**
 * Infinite-width NNGP and NTK kernels of a fully connected network, and an RBF kernel to compare.
 *
 * Conventions: neural-tangents `stax` with parameterization='ntk'. The network is
 *   Dense(W_std, b_std) → φ → … (depth hidden layers) → Dense(W_std, b_std) → scalar,
 * each Dense computing h = (W_std/√fan_in)·W·a + b_std·β with W, β ~ N(0, 1) entrywise.
 * With d the input dimension the kernels obey (Jacot, Gabriel & Hongler 2018; Lee et al. 2019)
 *   K¹(x, x′) = W_std²·(x·x′)/d + b_std²,                     Θ¹ = K¹,
 *   K^{l+1} = W_std²·T(K^l) + b_std²,   Θ^{l+1} = K^{l+1} + W_std²·T′(K^l)·Θ^l,
 * where T = E[φ(u)φ(v)] and T′ = E[φ′(u)φ′(v)] with (u, v) ~ N(0, [[K(x,x), K(x,x′)], [K(x,x′), K(x′,x′)]]),
 * and nngp = K^{depth+1}, ntk = Θ^{depth+1}.
 * Scale: for one hidden ReLU layer, W_std = 1, b_std = 0 and x·x/d = 1 this gives Θ(x, x) = 1,
 * exactly half of the closed form Θ = ‖x‖‖x′‖[κ₁(u) + uκ₀(u)] (Θ(x, x) = 2) quoted in many write-ups.
 *
 * As in neural-tangents, each layer maps kernels to kernels, so the network's kernel is the
 * composition of its layers' maps and a new activation is one more entry in `activationDuals`.
 * The NTK is carried as one term per Dense layer, the contribution of that layer's weights and of
 * its biases (Θ = Σ_l (weights_l + biases_l)): a Dense layer adds W_std²·K_in and b_std² and scales
 * the earlier terms by W_std², a nonlinearity multiplies every term by T′.
 */
import type { Activation, Matrix, MlpSpec } from './types';
import { dot } from './linalg';
import { gaussianExpectedProducts } from './quadrature';

/** T = E[φ(u)φ(v)] and T′ = E[φ′(u)φ′(v)] for one pair of inputs. */
export interface DualKernel {
  t: number;
  tDot: number;
}

/**
 * Dual of an activation: (k11, k22, k12) ↦ (T, T′) with (u, v) ~ N(0, [[k11, k12], [k12, k22]]).
 * Callers guarantee |k12| ≤ √(k11·k22).
 */
export type ActivationDual = (k11: number, k22: number, k12: number) => DualKernel;

/** Correlation k12/√(k11k22), clamped to [−1, 1]; 0 when a variance is 0 (that unit is then constantly 0). */
function correlation(k11: number, k22: number, k12: number): number {
  const scale = Math.sqrt(k11 * k22);
  return scale > 0 ? Math.min(1, Math.max(-1, k12 / scale)) : 0;
}

/** Arc-cosine kernels of degree 1 and 0 (Cho & Saul 2009), with θ the angle between u and v. */
const reluDual: ActivationDual = (k11, k22, k12) => {
  const rho = correlation(k11, k22, k12);
  const theta = Math.acos(rho);
  return {
    t: (Math.sqrt(k11 * k22) / (2 * Math.PI)) * (Math.sqrt(1 - rho * rho) + (Math.PI - theta) * rho),
    tDot: (Math.PI - theta) / (2 * Math.PI),
  };
};

/** Williams' (1997) arcsine kernel and its derivative counterpart. */
const erfDual: ActivationDual = (k11, k22, k12) => {
  const d = (1 + 2 * k11) * (1 + 2 * k22); // > 4k12² whenever |k12| ≤ √(k11k22): no division by 0
  return {
    t: (2 / Math.PI) * Math.asin((2 * k12) / Math.sqrt(d)),
    tDot: 4 / Math.PI / Math.sqrt(d - 4 * k12 * k12),
  };
};

/** Absolute accuracy of the tanh dual kernels (see ./quadrature.ts for the measured error). */
const TANH_TOLERANCE = 1e-9;

/** tanh has no closed-form dual: 2-D quadrature, analytic up to its poles at ±iπ/2. */
const tanhDual: ActivationDual = (k11, k22, k12) => {
  const [t, tDot] = gaussianExpectedProducts(
    (x, out) => {
      const y = Math.tanh(x);
      out[0] = y;
      out[1] = 1 - y * y;
    },
    2,
    k11,
    k22,
    k12,
    { halfWidth: Math.PI / 2, tolerance: TANH_TOLERANCE },
  );
  return { t, tDot };
};

const linearDual: ActivationDual = (_k11, _k22, k12) => ({ t: k12, tDot: 1 });

/** The layer table: one dual per activation. */
export const activationDuals: Record<Activation, ActivationDual> = {
  relu: reluDual,
  erf: erfDual,
  tanh: tanhDual,
  linear: linearDual,
};

/** What one Dense layer's parameters add to the NTK: the terms ⟨∂f/∂W_l, ∂f/∂W_l′⟩ and ⟨∂f/∂b_l, ∂f/∂b_l′⟩. */
export interface NtkContribution {
  weights: Matrix;
  biases: Matrix;
}

/** Kernels between two point sets at one layer, with each point's own NNGP variance K(x, x). */
interface KernelState {
  nngp: Matrix;
  /** One term per Dense layer so far, input layer first; the NTK is their sum. */
  contributions: NtkContribution[];
  var1: number[];
  var2: number[];
  /** x1 and x2 are the same set: compute one triangle and mirror it. */
  symmetric: boolean;
}

type KernelLayer = (k: KernelState) => KernelState;

const mapMatrix = (m: Matrix, f: (v: number, i: number, j: number) => number): Matrix => m.map((row, i) => row.map((v, j) => f(v, i, j)));

const mapContributions = (terms: NtkContribution[], f: (v: number, i: number, j: number) => number): NtkContribution[] =>
  terms.map(({ weights, biases }) => ({ weights: mapMatrix(weights, f), biases: mapMatrix(biases, f) }));

function dense(wStd: number, bStd: number): KernelLayer {
  const w2 = wStd * wStd;
  const b2 = bStd * bStd;
  const affine = (c: number) => w2 * c + b2;
  return (k) => {
    const own: NtkContribution = { weights: mapMatrix(k.nngp, (c) => w2 * c), biases: mapMatrix(k.nngp, () => b2) };
    const contributions = [...mapContributions(k.contributions, (c) => w2 * c), own];
    const var1 = k.var1.map(affine);
    return { nngp: mapMatrix(k.nngp, affine), contributions, var1, var2: k.symmetric ? var1 : k.var2.map(affine), symmetric: k.symmetric };
  };
}

function nonlinearity(dual: ActivationDual): KernelLayer {
  return (k) => {
    const ownVariance = (v: number) => dual(v, v, v).t;
    const var1 = k.var1.map(ownVariance);
    const var2 = k.symmetric ? var1 : k.var2.map(ownVariance);
    const nngp = k.nngp.map((row) => new Array<number>(row.length));
    const tDots = k.nngp.map((row) => new Array<number>(row.length));
    for (let i = 0; i < nngp.length; i++) {
      for (let j = k.symmetric ? i : 0; j < nngp[i].length; j++) {
        const bound = Math.sqrt(k.var1[i] * k.var2[j]);
        const k12 = Math.min(bound, Math.max(-bound, k.nngp[i][j])); // |K(x,x′)| ≤ √(K(x,x)K(x′,x′)) despite rounding
        const { t, tDot } = dual(k.var1[i], k.var2[j], k12);
        nngp[i][j] = t;
        tDots[i][j] = tDot;
        if (k.symmetric) {
          nngp[j][i] = t;
          tDots[j][i] = tDot;
        }
      }
    }
    const contributions = mapContributions(k.contributions, (c, i, j) => tDots[i][j] * c);
    return { nngp, contributions, var1, var2, symmetric: k.symmetric };
  };
}

/** The network's layers, each as a map on kernels: [Dense, φ] × depth, then the readout Dense. */
function mlpKernelLayers(spec: MlpSpec): KernelLayer[] {
  if (!Number.isInteger(spec.depth) || spec.depth < 1) throw new RangeError(`depth must be an integer ≥ 1, got ${spec.depth}`);
  const hidden = [dense(spec.wStd, spec.bStd), nonlinearity(activationDuals[spec.activation])];
  return [...Array.from({ length: spec.depth }, () => hidden).flat(), dense(spec.wStd, spec.bStd)];
}

function propagate(input: KernelState, spec: MlpSpec): { nngp: Matrix; contributions: NtkContribution[] } {
  const { nngp, contributions } = mlpKernelLayers(spec).reduce((k, layer) => layer(k), input);
  return { nngp, contributions };
}

/** Σ_l (weights_l + biases_l), for the layers given. */
function sumContributions(terms: NtkContribution[], nngp: Matrix): Matrix {
  return mapMatrix(nngp, (_, i, j) => terms.reduce((s, { weights, biases }) => s + weights[i][j] + biases[i][j], 0));
}

/** The inputs' layer: K⁰(x, x′) = x·x′/d, no NTK terms yet. */
function inputState(x1: Matrix, x2: Matrix): KernelState {
  const d = (x1[0] ?? x2[0])?.length ?? 1;
  const symmetric = x1 === x2;
  const var1 = x1.map((x) => dot(x, x) / d);
  return {
    nngp: x1.map((a) => x2.map((b) => dot(a, b) / d)),
    contributions: [],
    var1,
    var2: symmetric ? var1 : x2.map((x) => dot(x, x) / d),
    symmetric,
  };
}

/**
 * Analytic NNGP and NTK between every x1[i] and x2[j] ([x1.length][x2.length]). Passing the same
 * array twice computes one triangle of the symmetric Gram matrix.
 */
export function analyticKernels(x1: Matrix, x2: Matrix, spec: MlpSpec): { nngp: Matrix; ntk: Matrix } {
  const { nngp, contributions } = propagate(inputState(x1, x2), spec);
  return { nngp, ntk: sumContributions(contributions, nngp) };
}

/**
 * The NTK split by layer: for each of the depth + 1 Dense layers, input layer first, what its
 * weights and its biases contribute to analyticKernels(…).ntk, which is the sum of them all.
 */
export function ntkContributions(x1: Matrix, x2: Matrix, spec: MlpSpec): NtkContribution[] {
  return propagate(inputState(x1, x2), spec).contributions;
}

/**
 * The kernel that gradient descent follows in the standard parameterisation at large width m when
 * η shrinks like 1/m: lim (1/m)·Θ_SP, with Θ_SP the NTK with respect to the stored weights W ~
 * N(0, W_std²/fan_in) and biases (src/lib/nn/parameterization.ts). A layer's weight gradients are
 * those of the NTK parameterisation times √fan_in/W_std, so Θ_SP = Σ_l (fan_in,l/W_std²)·weights_l
 * + O(1) bias terms. Only the layers whose fan-in is the width m survive the 1/m: the limit is
 * Σ_{l ≥ 2} weights_l / W_std², the NTK without the first layer's term and without the biases'.
 * The first layer's weights still move, but by O(1/m) of what the others do: they freeze. With
 * one hidden layer, W_std = 1 and b_std = 0 this is the NNGP kernel, the readout's own term.
 */
export function standardParameterizationKernel(x1: Matrix, x2: Matrix, spec: MlpSpec): Matrix {
  if (!(spec.wStd > 0)) throw new RangeError(`W_std must be positive, got ${spec.wStd}`);
  const { nngp, contributions } = propagate(inputState(x1, x2), spec);
  const w2 = spec.wStd * spec.wStd;
  return mapMatrix(nngp, (_, i, j) => contributions.slice(1).reduce((s, { weights }) => s + weights[i][j], 0) / w2);
}

/**
 * NNGP and NTK between two inputs at each angle γ (radians), both scaled so that x·x/d = 1; then
 * x·x′/d = cos γ, and the result does not depend on the input dimension.
 */
export function ntkVsAngle(angles: number[], spec: MlpSpec): { nngp: number[]; ntk: number[] } {
  const { nngp, contributions } = propagate(
    {
      nngp: [angles.map(Math.cos)],
      contributions: [],
      var1: [1],
      var2: angles.map(() => 1),
      symmetric: false,
    },
    spec,
  );
  return { nngp: nngp[0], ntk: sumContributions(contributions, nngp)[0] };
}

/** Gaussian RBF kernel exp(−‖x − x′‖²/(2ℓ²)). */
export function rbfKernel(x1: Matrix, x2: Matrix, lengthscale: number): Matrix {
  return x1.map((a) => x2.map((b) => Math.exp(-a.reduce((s, ai, i) => s + (ai - b[i]) ** 2, 0) / (2 * lengthscale ** 2))));
}
