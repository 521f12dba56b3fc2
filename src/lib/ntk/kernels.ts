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

/** Kernels between two point sets at one layer, with each point's own NNGP variance K(x, x). */
interface KernelState {
  nngp: Matrix;
  ntk: Matrix;
  var1: number[];
  var2: number[];
  /** x1 and x2 are the same set: compute one triangle and mirror it. */
  symmetric: boolean;
}

type KernelLayer = (k: KernelState) => KernelState;

function dense(wStd: number, bStd: number): KernelLayer {
  const w2 = wStd * wStd;
  const affine = (c: number) => w2 * c + bStd * bStd;
  return (k) => {
    const nngp = k.nngp.map((row) => row.map(affine));
    const ntk = nngp.map((row, i) => row.map((c, j) => c + w2 * k.ntk[i][j]));
    const var1 = k.var1.map(affine);
    return { nngp, ntk, var1, var2: k.symmetric ? var1 : k.var2.map(affine), symmetric: k.symmetric };
  };
}

function nonlinearity(dual: ActivationDual): KernelLayer {
  return (k) => {
    const ownVariance = (v: number) => dual(v, v, v).t;
    const var1 = k.var1.map(ownVariance);
    const var2 = k.symmetric ? var1 : k.var2.map(ownVariance);
    const nngp = k.nngp.map((row) => new Array<number>(row.length));
    const ntk = k.ntk.map((row) => new Array<number>(row.length));
    for (let i = 0; i < nngp.length; i++) {
      for (let j = k.symmetric ? i : 0; j < nngp[i].length; j++) {
        const bound = Math.sqrt(k.var1[i] * k.var2[j]);
        const k12 = Math.min(bound, Math.max(-bound, k.nngp[i][j])); // |K(x,x′)| ≤ √(K(x,x)K(x′,x′)) despite rounding
        const { t, tDot } = dual(k.var1[i], k.var2[j], k12);
        nngp[i][j] = t;
        ntk[i][j] = tDot * k.ntk[i][j];
        if (k.symmetric) {
          nngp[j][i] = t;
          ntk[j][i] = ntk[i][j];
        }
      }
    }
    return { nngp, ntk, var1, var2, symmetric: k.symmetric };
  };
}

/** The network's layers, each as a map on kernels: [Dense, φ] × depth, then the readout Dense. */
function mlpKernelLayers(spec: MlpSpec): KernelLayer[] {
  if (!Number.isInteger(spec.depth) || spec.depth < 1) throw new RangeError(`depth must be an integer ≥ 1, got ${spec.depth}`);
  const hidden = [dense(spec.wStd, spec.bStd), nonlinearity(activationDuals[spec.activation])];
  return [...Array.from({ length: spec.depth }, () => hidden).flat(), dense(spec.wStd, spec.bStd)];
}

function propagate(input: KernelState, spec: MlpSpec): { nngp: Matrix; ntk: Matrix } {
  const { nngp, ntk } = mlpKernelLayers(spec).reduce((k, layer) => layer(k), input);
  return { nngp, ntk };
}

/**
 * Analytic NNGP and NTK between every x1[i] and x2[j] ([x1.length][x2.length]). Passing the same
 * array twice computes one triangle of the symmetric Gram matrix.
 */
export function analyticKernels(x1: Matrix, x2: Matrix, spec: MlpSpec): { nngp: Matrix; ntk: Matrix } {
  const d = (x1[0] ?? x2[0])?.length ?? 1;
  const symmetric = x1 === x2;
  const var1 = x1.map((x) => dot(x, x) / d);
  return propagate(
    {
      nngp: x1.map((a) => x2.map((b) => dot(a, b) / d)),
      ntk: x1.map(() => x2.map(() => 0)),
      var1,
      var2: symmetric ? var1 : x2.map((x) => dot(x, x) / d),
      symmetric,
    },
    spec,
  );
}

/**
 * NNGP and NTK between two inputs at each angle γ (radians), both scaled so that x·x/d = 1; then
 * x·x′/d = cos γ, and the result does not depend on the input dimension.
 */
export function ntkVsAngle(angles: number[], spec: MlpSpec): { nngp: number[]; ntk: number[] } {
  const { nngp, ntk } = propagate(
    {
      nngp: [angles.map(Math.cos)],
      ntk: [angles.map(() => 0)],
      var1: [1],
      var2: angles.map(() => 1),
      symmetric: false,
    },
    spec,
  );
  return { nngp: nngp[0], ntk: ntk[0] };
}

/** Gaussian RBF kernel exp(−‖x − x′‖²/(2ℓ²)). */
export function rbfKernel(x1: Matrix, x2: Matrix, lengthscale: number): Matrix {
  return x1.map((a) => x2.map((b) => Math.exp(-a.reduce((s, ai, i) => s + (ai - b[i]) ** 2, 0) / (2 * lengthscale ** 2))));
}
