/**
 * The widget's inputs: G points on a circle in ℝ² (d = 2) at evenly spaced angles γ ∈ [−π, π],
 * with ‖x‖ = √d so that x·x/d = 1, the normalisation ntkVsAngle assumes. Then
 * x(γ)·x(γ′)/d = cos(γ − γ′), so every kernel of the network is a function of the angle alone, and
 * x₀ = x(0) sits in the middle of the grid.
 */
import { ntkVsAngle, rbfKernel, type Matrix, type MlpSpec } from '../../lib/ntk';

export const INPUT_DIM = 2;

export function circleInput(angle: number): number[] {
  const radius = Math.sqrt(INPUT_DIM);
  return [radius * Math.cos(angle), radius * Math.sin(angle)];
}

/** An even grid of angles from −π to π: `count` points, count odd so that γ = 0 is the middle one. */
export class CircleGrid {
  readonly angles: number[];
  readonly inputs: Matrix;
  /** Index of x₀ = x(0). */
  readonly centre: number;
  readonly spacing: number;

  constructor(readonly count: number) {
    if (!Number.isInteger(count) || count < 3 || count % 2 === 0) throw new RangeError(`need an odd count ≥ 3, got ${count}`);
    this.centre = (count - 1) / 2;
    this.spacing = Math.PI / this.centre;
    this.angles = Array.from({ length: count }, (_, i) => (i - this.centre) * this.spacing);
    this.inputs = this.angles.map(circleInput);
  }
}

export interface AngleKernels {
  /** Θ(x₀, x(γ)) and K(x₀, x(γ)) at each angle of the grid. */
  ntk: number[];
  nngp: number[];
  /** Θ(x(γᵢ), x(γⱼ)) on the whole grid. */
  ntkGram: Matrix;
}

/**
 * The analytic kernels on the grid. Θ(x(γᵢ), x(γⱼ)) depends on (j − i)·Δ only, so a single
 * ntkVsAngle call over the offsets kΔ, k = 0 … G − 1, gives the Gram matrix and, since the kernel
 * is even in the angle, the row of x₀ as well (tanh's quadrature is too slow to repeat for G² pairs).
 */
export function analyticAngleKernels(grid: CircleGrid, spec: MlpSpec): AngleKernels {
  const byOffset = ntkVsAngle(
    grid.angles.map((_, k) => k * grid.spacing),
    spec,
  );
  const row = (values: number[]) => grid.angles.map((_, j) => values[Math.abs(j - grid.centre)]);
  return {
    ntk: row(byOffset.ntk),
    nngp: row(byOffset.nngp),
    ntkGram: grid.angles.map((_, i) => grid.angles.map((__, j) => byOffset.ntk[Math.abs(j - i)])),
  };
}

/**
 * The first angle γ ≥ 0 at which a kernel row falls to half its value at γ = 0, interpolated
 * linearly between grid points; π when it never falls that far.
 */
export function halfHeightAngle(grid: CircleGrid, row: readonly number[]): number {
  const half = row[grid.centre] / 2;
  for (let i = grid.centre + 1; i < grid.count; i++) {
    if (row[i] <= half) {
      const t = (row[i - 1] - half) / (row[i - 1] - row[i]);
      return grid.angles[i - 1] + t * grid.spacing;
    }
  }
  return Math.PI;
}

/**
 * Length scale at which the Gaussian kernel also falls to half height at angle γ½: with
 * ‖x₀ − x(γ)‖² = 2d(1 − cos γ), exp(−d(1 − cos γ½)/ℓ²) = ½ gives ℓ² = d(1 − cos γ½)/ln 2.
 */
export function halfHeightLengthscale(halfAngle: number): number {
  return Math.sqrt((INPUT_DIM * (1 - Math.cos(halfAngle))) / Math.LN2);
}

/** The Gaussian kernel exp(−‖x₀ − x(γ)‖²/2ℓ²) along the grid, scaled to `peak` at γ = 0. */
export function rbfRow(grid: CircleGrid, lengthscale: number, peak: number): number[] {
  return rbfKernel([grid.inputs[grid.centre]], grid.inputs, lengthscale)[0].map((k) => peak * k);
}
