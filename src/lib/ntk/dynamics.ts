/**
 * Training dynamics of a linearised network (Jacot et al. 2018; Lee et al. 2019) with a frozen
 * kernel K = Θ(X, X) on n training points, loss L = (1/2n)‖f − y‖² and full-batch descent at
 * learning rate η. With the residual r = f − y on the training set:
 *
 *   discrete GD      r_{t+1} = (I − ηK/n) r_t          ⇒ r_t  = (I − ηK/n)^t r_0
 *   gradient flow    ṙ = −(η/n) K r                    ⇒ r(t) = exp(−ηKt/n) r_0
 *
 * and on test points X*, since f_{t+1}(X*) = f_t(X*) − (η/n) K(X*, X) r_t,
 *
 *   f_t(X*) = f_0(X*) − K(X*, X) K⁻¹ (I − (I − ηK/n)^t) r_0      (flow: I − exp(−ηKt/n)).
 *
 * Everything is diagonal in the eigenbasis K = Σ_k λ_k v_k v_kᵀ. Writing a_k = ηλ_k/n and
 * c_k = v_kᵀ r_0, mode k's residual is (1 − a_k)^t c_k (flow: e^{−a_k t} c_k), and
 * K⁻¹(I − D^t) acts on it as (η/n)·S_k(t) with S_k(t) = Σ_{s<t} (1 − a_k)^s = (1 − (1 − a_k)^t)/a_k
 * (flow: ∫₀ᵗ e^{−a_k s} ds), whose limit as λ_k → 0 is t. So one eigendecomposition serves every t,
 * and zero or tiny eigenvalues never divide.
 */
import { EigenvalueDecomposition, Matrix as MlMatrix } from 'ml-matrix';
import { dot, matVec, transposeMatVec } from './linalg';
import type { Matrix } from './types';

/** Full-batch discrete gradient descent ('gd', integer steps t) or gradient flow ('flow', real t). */
export type DescentMode = 'gd' | 'flow';

export interface SymmetricEigen {
  /** Eigenvalues, descending, all ≥ 0. */
  values: number[];
  /** vectors[k] is the unit eigenvector for values[k]. */
  vectors: number[][];
}

/**
 * Negative eigenvalues no more negative than this fraction of max|λ| are round-off and set to 0;
 * about a thousand times float32's ε, so kernels computed in single precision pass.
 */
const NEGATIVE_EIGENVALUE_TOLERANCE = 1e-4;

/**
 * Eigendecomposition of a kernel (positive semi-definite) matrix K, symmetrised as (K + Kᵀ)/2.
 * Small negative eigenvalues from round-off are set to 0, so that mode neither grows nor decays
 * under training, exactly as a null direction of K; an eigenvalue below
 * −NEGATIVE_EIGENVALUE_TOLERANCE·max|λ| means K is not a kernel and throws a RangeError.
 * Each eigenvector's sign is fixed so that its largest-magnitude component is positive, so
 * recomputing on a slightly changed K does not flip the modes a chart shows.
 */
export function symmetricEigen(k: Matrix): SymmetricEigen {
  const n = k.length;
  if (n === 0 || k.some((row) => row.length !== n)) throw new RangeError('K must be square and non-empty');
  if (k.some((row) => row.some((x) => !Number.isFinite(x)))) throw new RangeError('K has non-finite entries');
  const symmetric = k.map((row, i) => row.map((kij, j) => 0.5 * (kij + k[j][i])));
  const evd = new EigenvalueDecomposition(new MlMatrix(symmetric), { assumeSymmetric: true });
  const columns = evd.eigenvectorMatrix.transpose().to2DArray();
  const order = evd.realEigenvalues.map((_, i) => i).sort((i, j) => evd.realEigenvalues[j] - evd.realEigenvalues[i]);
  const raw = order.map((i) => evd.realEigenvalues[i]);
  const scale = Math.max(Math.abs(raw[0]), Math.abs(raw[n - 1]));
  if (raw[n - 1] < -NEGATIVE_EIGENVALUE_TOLERANCE * scale) {
    throw new RangeError(`K is not positive semi-definite: eigenvalue ${raw[n - 1]} (largest |λ| ${scale})`);
  }
  return {
    values: raw.map((x) => Math.max(x, 0)),
    vectors: order.map((i) => withPositiveLargestComponent(columns[i])),
  };
}

function withPositiveLargestComponent(v: number[]): number[] {
  const largest = v.reduce((best, x) => (Math.abs(x) > Math.abs(best) ? x : best), 0);
  return largest < 0 ? v.map((x) => -x) : v;
}

/** (1 − a)^t for GD, e^{−at} for flow: how much of mode k's residual is left at time t. */
function modeDecay(a: number, t: number, mode: DescentMode): number {
  if (mode === 'flow') return Math.exp(-a * t);
  // Forming 1 − a would round away a's digits below ε; log1p keeps them for tiny eigenvalues.
  return a < 1 ? Math.exp(t * Math.log1p(-a)) : Math.pow(1 - a, t);
}

/** S(t) = (1 − decay)/a = Σ_{s<t}(1 − a)^s (GD) or ∫₀ᵗ e^{−as} ds (flow), with S = t at a = 0. */
function modeIntegral(a: number, t: number, mode: DescentMode): number {
  if (a === 0) return t;
  if (mode === 'flow') return -Math.expm1(-a * t) / a;
  return a < 1 ? -Math.expm1(t * Math.log1p(-a)) / a : (1 - Math.pow(1 - a, t)) / a;
}

function checkTime(t: number, mode: DescentMode): void {
  if (!Number.isFinite(t) || t < 0) throw new RangeError(`time must be finite and ≥ 0, got ${t}`);
  if (mode === 'gd' && !Number.isInteger(t)) throw new RangeError(`GD step count must be an integer, got ${t}`);
}

function checkLength(name: string, v: readonly number[], n: number): void {
  if (v.length !== n) throw new RangeError(`${name} has length ${v.length}, expected ${n}`);
}

/** A frozen kernel on a training set, with the network's outputs at initialisation; η comes later. */
export interface KernelProblem {
  /** K(X, X), n×n. */
  kTrain: Matrix;
  yTrain: number[];
  /** Network outputs at initialisation on X; defaults to 0 (the infinite-width mean). */
  f0Train?: number[];
  /** K(X*, X), m×n; needed for testPrediction. */
  kTestTrain?: Matrix;
  /** Outputs at initialisation on X*; defaults to 0. */
  f0Test?: number[];
}

export interface LinearisedDynamicsInput extends KernelProblem {
  /** Learning rate η of L = (1/2n)‖f − y‖². */
  lr: number;
}

/**
 * Everything of the closed form that does not depend on η: K's eigendecomposition, the initial
 * residual in its eigenbasis and K(X*, X) in it. Built once per kernel; dynamics(η) is then cheap
 * (O(n) to set up), so a learning-rate slider can redraw the prediction on every input event.
 */
export class KernelSpectrum {
  readonly n: number;
  readonly eigen: SymmetricEigen;
  readonly yTrain: number[];
  /** c_k = v_kᵀ r_0. */
  readonly coefficients: number[];
  /** K(X*, X) v_k as columns: testModes[i][k]. */
  readonly testModes?: number[][];
  readonly f0Test?: number[];
  private readonly testLossTerms = new WeakMap<readonly number[], TestLossTerms>();

  constructor({ kTrain, yTrain, f0Train, kTestTrain, f0Test }: KernelProblem) {
    const n = kTrain.length;
    checkLength('yTrain', yTrain, n);
    const f0 = f0Train ?? new Array<number>(n).fill(0);
    checkLength('f0Train', f0, n);
    this.n = n;
    this.yTrain = yTrain.slice();
    this.eigen = symmetricEigen(kTrain);
    this.coefficients = matVec(this.eigen.vectors, f0.map((f, i) => f - yTrain[i]));
    if (kTestTrain) {
      kTestTrain.forEach((row) => checkLength('kTestTrain row', row, n));
      this.f0Test = f0Test ?? new Array<number>(kTestTrain.length).fill(0);
      checkLength('f0Test', this.f0Test, kTestTrain.length);
      this.testModes = kTestTrain.map((row) => this.eigen.vectors.map((v) => dot(row, v)));
    }
  }

  /** 2n/λ_max: GD converges for η below it (Infinity when K = 0). */
  maxStableLr(): number {
    return (2 * this.n) / this.eigen.values[0];
  }

  dynamics(lr: number): LinearisedDynamics {
    return new LinearisedDynamics(this, lr);
  }

  /**
   * With U = testModes and b = f₀(X*) − y*: ‖b‖², Uᵀb and UᵀU, so that the test loss at any time is
   * O(n²) (LinearisedDynamics.testLoss). Built once per label array (O(mn²)) and kept while it lives.
   */
  testLossTermsFor(yTest: readonly number[]): TestLossTerms {
    const { testModes, f0Test } = this;
    if (!testModes || !f0Test) throw new Error('the test loss needs kTestTrain');
    checkLength('yTest', yTest, testModes.length);
    let terms = this.testLossTerms.get(yTest);
    if (!terms) {
      const b = f0Test.map((f, i) => f - yTest[i]);
      const u = new MlMatrix(testModes);
      terms = { count: b.length, residualSquares: dot(b, b), projected: transposeMatVec(testModes, b), gram: u.transpose().mmul(u).to2DArray() };
      this.testLossTerms.set(yTest, terms);
    }
    return terms;
  }
}

/** What the test loss needs of K(X*, X), f₀(X*) and y*, in K's eigenbasis (KernelSpectrum.testLossTermsFor). */
export interface TestLossTerms {
  /** m, the number of test points. */
  count: number;
  /** ‖b‖², b = f₀(X*) − y*. */
  residualSquares: number;
  /** Uᵀb, U = K(X*, X)V. */
  projected: number[];
  /** UᵀU. */
  gram: number[][];
}

/** Closed-form training of the linearised model at one learning rate; evaluate at any number of times. */
export class LinearisedDynamics {
  readonly n: number;
  readonly lr: number;
  readonly eigen: SymmetricEigen;
  /** True when η ≥ 2n/λ_max: GD's top mode has |1 − ηλ_max/n| ≥ 1 (grows beyond, oscillates at equality). */
  readonly diverges: boolean;
  /** a_k = ηλ_k/n. */
  private readonly rates: number[];
  private bound?: FlowBoundParams;

  constructor(
    readonly spectrum: KernelSpectrum,
    lr: number,
  ) {
    if (!(lr >= 0 && Number.isFinite(lr))) throw new RangeError(`learning rate must be finite and ≥ 0, got ${lr}`);
    this.n = spectrum.n;
    this.lr = lr;
    this.eigen = spectrum.eigen;
    this.rates = this.eigen.values.map((lambda) => (lr * lambda) / this.n);
    this.diverges = lr >= this.maxStableLr();
  }

  /** 2n/λ_max: GD converges for η below it (Infinity when K = 0). */
  maxStableLr(): number {
    return this.spectrum.maxStableLr();
  }

  /** c_k = v_kᵀ r_0, the initial residual in the eigenbasis. */
  modeCoefficients(): number[] {
    return this.spectrum.coefficients.slice();
  }

  /** v_kᵀ r_t = (1 − ηλ_k/n)^t c_k (GD) or e^{−ηλ_k t/n} c_k (flow). */
  modeResiduals(t: number, mode: DescentMode): number[] {
    checkTime(t, mode);
    return this.spectrum.coefficients.map((c, k) => modeDecay(this.rates[k], t, mode) * c);
  }

  /** r_t = f_t(X) − y. */
  residual(t: number, mode: DescentMode): number[] {
    return transposeMatVec(this.eigen.vectors, this.modeResiduals(t, mode));
  }

  /** L(t) = (1/2n)‖r_t‖² = (1/2n) Σ_k (v_kᵀ r_t)², the eigenbasis being orthonormal. */
  loss(t: number, mode: DescentMode): number {
    const modes = this.modeResiduals(t, mode);
    return dot(modes, modes) / (2 * this.n);
  }

  /** f_t(X) = y + r_t. */
  trainPrediction(t: number, mode: DescentMode): number[] {
    return this.residual(t, mode).map((r, i) => this.spectrum.yTrain[i] + r);
  }

  /** f_t(X*) = f_0(X*) − Σ_k K(X*, X) v_k · w_k(t)  (see the module comment and testWeights). */
  testPrediction(t: number, mode: DescentMode): number[] {
    const { testModes, f0Test } = this.spectrum;
    if (!testModes || !f0Test) throw new Error('testPrediction needs kTestTrain');
    const weights = this.testWeights(t, mode);
    return testModes.map((row, i) => f0Test[i] - dot(row, weights));
  }

  /**
   * (1/2m)‖f_t(X*) − y*‖², equal to halfMeanSquaredError(testPrediction(t), y*) but O(n²) per time
   * instead of O(mn): with b = f₀(X*) − y*, U = K(X*, X)V and w = testWeights(t),
   * ‖b − Uw‖² = ‖b‖² − 2wᵀUᵀb + wᵀUᵀUw. A learning-rate slider redraws whole test-loss curves with it.
   */
  testLoss(t: number, mode: DescentMode, yTest: readonly number[]): number {
    const { count, residualSquares, projected, gram } = this.spectrum.testLossTermsFor(yTest);
    const w = this.testWeights(t, mode);
    let quadratic = 0;
    for (let k = 0; k < w.length; k++) quadratic += w[k] * dot(gram[k], w);
    // Round-off may leave a tiny negative where the fit is exact.
    return Math.max(0, residualSquares - 2 * dot(projected, w) + quadratic) / (2 * count);
  }

  /** w_k(t) = (η/n) S_k(t) c_k: how far f(X*) has moved along K(X*, X) v_k by time t. */
  private testWeights(t: number, mode: DescentMode): number[] {
    checkTime(t, mode);
    const step = this.lr / this.n;
    return this.spectrum.coefficients.map((c, k) => step * modeIntegral(this.rates[k], t, mode) * c);
  }

  /** The gradient-flow bound L(0)·exp(−2ηλ_min t/n) on this problem's loss. */
  lossBound(t: number): number {
    return flowLossBound(t, this.boundParams());
  }

  /** Time for the flow bound to reach `target` (see flowTimeToLoss). */
  timeToLoss(target: number): number {
    return flowTimeToLoss(target, this.boundParams());
  }

  /** Computed once: a chart asks for the bound at hundreds of times. */
  private boundParams(): FlowBoundParams {
    return (this.bound ??= { loss0: this.loss(0, 'flow'), lr: this.lr, lambdaMin: this.eigen.values[this.n - 1], n: this.n });
  }
}

export function linearisedDynamics(input: LinearisedDynamicsInput): LinearisedDynamics {
  return new KernelSpectrum(input).dynamics(input.lr);
}

export interface FlowBoundParams {
  /** L(0). */
  loss0: number;
  /** η. */
  lr: number;
  /** Smallest eigenvalue of K. */
  lambdaMin: number;
  /** Number of training points. */
  n: number;
}

/**
 * Under gradient flow dL/dt = −(η/n²) rᵀK r ≤ −(2ηλ_min/n) L, so L(t) ≤ L(0)·exp(−2ηλ_min t/n),
 * with equality when r_0 lies along the λ_min eigenvector.
 */
export function flowLossBound(t: number, p: FlowBoundParams): number {
  return p.loss0 * Math.exp((-2 * p.lr * p.lambdaMin * t) / p.n);
}

/**
 * t* = n·ln(L(0)/L*)/(2ηλ_min), when the flow bound reaches L*; 0 if L(0) ≤ L* already and
 * Infinity if λ_min = 0 or η = 0 (the bound then never decays).
 */
export function flowTimeToLoss(target: number, p: FlowBoundParams): number {
  if (p.loss0 <= target) return 0;
  return (p.n * Math.log(p.loss0 / target)) / (2 * p.lr * p.lambdaMin);
}

/**
 * Infinite-width mean prediction K(X*, X)(K + ridge·I)⁻¹ y (the t → ∞ limit of
 * testPrediction with f_0 = 0), solved in K's eigenbasis. Modes whose shifted eigenvalue
 * λ_k + ridge is numerically zero (see precisionFloor) are dropped, a pseudo-inverse, so a singular K
 * gives the least-norm fit instead of blowing up.
 */
/** 2⁻²³: kernels computed by the worker are float32. */
export const FLOAT32_EPSILON = 2 ** -23;
/** 2⁻⁵²: kernels computed here are double precision. */
export const FLOAT64_EPSILON = Number.EPSILON;

/**
 * n·ε·λ_max for an n × n matrix with eigenvalues `descending`, computed with machine epsilon ε:
 * eigenvalues at or below it are indistinguishable from 0 (numpy's matrix_rank tolerance).
 */
export function precisionFloor(descending: readonly number[], epsilon: number = FLOAT64_EPSILON): number {
  return descending.length * epsilon * descending[0];
}

export function kernelRegressionMean(kTestTrain: Matrix, kTrain: Matrix, yTrain: number[], ridge = 0): number[] {
  const n = kTrain.length;
  checkLength('yTrain', yTrain, n);
  if (!(ridge >= 0)) throw new RangeError(`ridge must be ≥ 0, got ${ridge}`);
  const { values, vectors } = symmetricEigen(kTrain);
  const shifted = values.map((lambda) => lambda + ridge);
  const cutoff = precisionFloor(shifted);
  const coefficients = matVec(vectors, yTrain);
  const weights = coefficients.map((c, k) => (shifted[k] > cutoff ? c / shifted[k] : 0));
  return matVec(kTestTrain, transposeMatVec(vectors, weights));
}

export interface RkhsNorm {
  /** yᵀK⁻¹y = Σ_k (v_kᵀ y)²/λ_k, the squared RKHS norm of the minimum-norm interpolant of y. */
  squaredNorm: number;
  /** (v_kᵀ y)²/λ_k, in the eigen order (descending λ). */
  modeContributions: number[];
  eigen: SymmetricEigen;
}

/**
 * The squared RKHS norm of the labels, and how much each kernel mode contributes: labels that
 * need small-eigenvalue modes are expensive to fit. A numerically zero mode (see precisionFloor)
 * contributes Infinity unless v_kᵀ y = 0 exactly: yᵀK⁻¹y is then undefined, or beyond what double
 * precision can resolve. Add a ridge to K for a finite value.
 */
export function rkhsNorm(kTrain: Matrix, y: number[]): RkhsNorm {
  checkLength('y', y, kTrain.length);
  const eigen = symmetricEigen(kTrain);
  const cutoff = precisionFloor(eigen.values);
  const modeContributions = matVec(eigen.vectors, y).map((c, k) => {
    if (c === 0) return 0;
    return eigen.values[k] > cutoff ? (c * c) / eigen.values[k] : Infinity;
  });
  return { squaredNorm: modeContributions.reduce((a, b) => a + b, 0), modeContributions, eigen };
}

export interface PredictedLoss {
  step: number;
  train: number;
  /** (1/2m)‖f_t(X*) − y*‖², when test labels were given. */
  test?: number;
}

/** Train (and, given test labels, test) loss of the linearised model after each of `steps` GD steps. */
export function predictedLosses(model: LinearisedDynamics, steps: readonly number[], yTest?: readonly number[]): PredictedLoss[] {
  return steps.map((step) => ({
    step,
    train: model.loss(step, 'gd'),
    test: yTest ? model.testLoss(step, 'gd', yTest) : undefined,
  }));
}

/** 2n/λ_max of an n × n kernel: full-batch GD on L = (1/2n)‖f − y‖² with it is stable only below this η. */
export function stabilityLimit(kernel: Matrix): number {
  return (2 * kernel.length) / symmetricEigen(kernel).values[0];
}
