/**
 * Where the labels live in a kernel's spectrum, and what each mode costs in RKHS norm
 * (eq. rkhs-norm): ‖f‖²_H = yᵀK⁻¹y = Σ_k (v_kᵀy)²/λ_k for the minimum-norm interpolant of y.
 * Pure: no DOM.
 *
 * Only the eigenvalues above the precision of the matrix are known: an eigenvalue below
 * n·ε·λ_max (numpy's matrix_rank tolerance, with ε the machine epsilon of the numbers K was computed
 * in) is lost in round-off, and may print as 0 or as anything else that small. Such modes are left out
 * of the sum, so the norm shown is what the resolved modes cost: a lower bound on yᵀK⁻¹y, since every
 * term is positive. K₀ comes from the worker in float32; the analytic NTK is computed here in double.
 */
import { analyticKernels, FLOAT32_EPSILON, FLOAT64_EPSILON, precisionFloor, symmetricEigen, type Matrix, type SymmetricEigen } from '../../lib/ntk';
import { kernelSpec, type NetworkSettings } from './run';


export interface LabelModes {
  /** (v_kᵀy)², the labels' energy in mode k (every mode); the energies sum to ‖y‖². */
  energy: number[];
  /** (v_kᵀy)²/λ_k, mode k's share of yᵀK⁻¹y, for the resolved modes only (the first `resolved`). */
  cost: number[];
  /** Σ over the resolved modes of (v_kᵀy)²/λ_k: yᵀK⁻¹y when every mode is resolved, else a lower bound. */
  squaredNorm: number;
}

export interface LabelSpectrum {
  /** Eigenvalues of K, descending. */
  eigenvalues: number[];
  /** n·ε·λ_max: eigenvalues at or below it are round-off. */
  floor: number;
  /** How many eigenvalues lie above the floor (the leading ones). */
  resolved: number;
  noisy: LabelModes;
  clean: LabelModes;
}


function labelModes({ values, vectors }: SymmetricEigen, y: readonly number[], resolved: number): LabelModes {
  const energy = vectors.map((v) => v.reduce((sum, vi, i) => sum + vi * y[i], 0) ** 2);
  const cost = energy.slice(0, resolved).map((e, k) => e / values[k]);
  return { energy, cost, squaredNorm: cost.reduce((a, b) => a + b, 0) };
}

/** The labels' energy and cost per mode of a kernel whose eigendecomposition is `eigen`, computed with machine epsilon ε. */
export function labelSpectrum(eigen: SymmetricEigen, yNoisy: readonly number[], yClean: readonly number[], epsilon: number): LabelSpectrum {
  const floor = precisionFloor(eigen.values, epsilon);
  const resolved = eigen.values.filter((lambda) => lambda > floor).length;
  return {
    eigenvalues: eigen.values,
    floor,
    resolved,
    noisy: labelModes(eigen, yNoisy, resolved),
    clean: labelModes(eigen, yClean, resolved),
  };
}

/** Whether some modes are lost in round-off, so the norms are lower bounds and λ_min is below the floor. */
export const unresolved = (s: LabelSpectrum) => s.resolved < s.eigenvalues.length;

/** The infinite-width NTK of the network on the training inputs (double precision), and its labels' spectrum. */
export function analyticSpectrum(xTrain: Matrix, yNoisy: readonly number[], yClean: readonly number[], network: Pick<NetworkSettings, 'activation' | 'depth'>): LabelSpectrum {
  const { ntk } = analyticKernels(xTrain, xTrain, kernelSpec(network));
  return labelSpectrum(symmetricEigen(ntk), yNoisy, yClean, FLOAT64_EPSILON);
}

/** n/(ηλ): GD steps for a mode of eigenvalue λ to shrink by a factor e (eq. mode-decay, for ηλ/n ≪ 1). */
export function eFoldingSteps(n: number, lr: number, lambda: number): number {
  return n / (lr * lambda);
}
