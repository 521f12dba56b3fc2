/**
 * Where the labels live in the kernel's spectrum, and what each mode costs in RKHS norm
 * (eq. rkhs-norm): ‖f‖²_H = yᵀK⁻¹y = Σ_k (v_kᵀy)²/λ_k for the minimum-norm interpolant of y.
 */
import { rkhsNorm, type Matrix } from '../../lib/ntk';

export interface LabelModes {
  /** (v_kᵀy)², the labels' energy in mode k; the energies sum to ‖y‖². */
  energy: number[];
  /** (v_kᵀy)²/λ_k, mode k's share of yᵀK⁻¹y (Infinity for a numerically zero λ_k that y loads). */
  cost: number[];
  /** yᵀK⁻¹y. */
  squaredNorm: number;
}

export interface LabelSpectrum {
  /** Eigenvalues of K, descending. */
  eigenvalues: number[];
  noisy: LabelModes;
  clean: LabelModes;
}

function labelModes(k: Matrix, y: number[]): { modes: LabelModes; eigenvalues: number[] } {
  const { squaredNorm, modeContributions, eigen } = rkhsNorm(k, y);
  const energy = eigen.vectors.map((v) => v.reduce((sum, vi, i) => sum + vi * y[i], 0) ** 2);
  return { modes: { energy, cost: modeContributions, squaredNorm }, eigenvalues: eigen.values };
}

export function labelSpectrum(k: Matrix, yNoisy: number[], yClean: number[]): LabelSpectrum {
  const noisy = labelModes(k, yNoisy);
  return { eigenvalues: noisy.eigenvalues, noisy: noisy.modes, clean: labelModes(k, yClean).modes };
}
