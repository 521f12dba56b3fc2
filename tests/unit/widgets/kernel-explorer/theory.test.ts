import { describe, expect, it } from 'vitest';
import { analyticKernels, type MlpSpec } from '../../../../src/lib/ntk';
import {
  CircleGrid,
  INPUT_DIM,
  analyticAngleKernels,
  circleInput,
  halfHeightAngle,
  halfHeightLengthscale,
  rbfRow,
} from '../../../../src/widgets/kernel-explorer/theory';

/** The chapter's closed form for one hidden ReLU layer, σ_w = 1, σ_b = 0: ‖x‖‖x′‖/(2d)·[κ₁(u) + uκ₀(u)]. */
function reluNtkClosedForm(x: number[], y: number[]): number {
  const norm = (v: number[]) => Math.hypot(...v);
  const u = Math.min(1, Math.max(-1, (x[0] * y[0] + x[1] * y[1]) / (norm(x) * norm(y))));
  const k0 = (Math.PI - Math.acos(u)) / Math.PI;
  const k1 = (Math.sqrt(1 - u * u) + (Math.PI - Math.acos(u)) * u) / Math.PI;
  return ((norm(x) * norm(y)) / (2 * INPUT_DIM)) * (k1 + u * k0);
}

describe('circle of inputs', () => {
  it('has x·x/d = 1 everywhere and x₀ = x(0) in the middle of an even grid from −π to π', () => {
    const grid = new CircleGrid(9);
    expect(grid.angles[0]).toBeCloseTo(-Math.PI, 14);
    expect(grid.angles[8]).toBeCloseTo(Math.PI, 14);
    expect(grid.angles[grid.centre]).toBe(0);
    expect(grid.inputs[grid.centre]).toEqual([Math.SQRT2, 0]);
    for (const x of grid.inputs) expect((x[0] ** 2 + x[1] ** 2) / INPUT_DIM).toBeCloseTo(1, 14);
    for (let i = 1; i < 9; i++) expect(grid.angles[i] - grid.angles[i - 1]).toBeCloseTo(grid.spacing, 14);
    expect(circleInput(Math.PI / 2)[1]).toBeCloseTo(Math.SQRT2, 14);
  });

  it('refuses a grid without a middle point', () => {
    expect(() => new CircleGrid(8)).toThrow(RangeError);
    expect(() => new CircleGrid(1)).toThrow(RangeError);
  });
});

describe('analytic kernels on the circle', () => {
  it('match the chapter closed form for one hidden ReLU layer', () => {
    const grid = new CircleGrid(25);
    const { ntk, ntkGram } = analyticAngleKernels(grid, { depth: 1, activation: 'relu', wStd: 1, bStd: 0 });
    const x0 = grid.inputs[grid.centre];
    // 1e-8: near u = −1 the reference's √(1 − u²) amplifies the rounding of u.
    grid.inputs.forEach((x, j) => expect(ntk[j]).toBeCloseTo(reluNtkClosedForm(x0, x), 8));
    expect(ntk[grid.centre]).toBeCloseTo(1, 14);
    for (const i of [0, 5, 17]) grid.inputs.forEach((x, j) => expect(ntkGram[i][j]).toBeCloseTo(reluNtkClosedForm(grid.inputs[i], x), 8));
  });

  // The Gram matrix is filled from one row by rotation invariance; compare with every pair computed directly.
  it.each<MlpSpec>([
    { depth: 3, activation: 'relu', wStd: 1.4, bStd: 0.3 },
    { depth: 2, activation: 'erf', wStd: 2, bStd: 0.5 },
    { depth: 2, activation: 'tanh', wStd: 1.2, bStd: 0.2 },
  ])('equal the kernels computed pair by pair ($activation, depth $depth)', (spec) => {
    const grid = new CircleGrid(13);
    const { ntk, nngp, ntkGram } = analyticAngleKernels(grid, spec);
    const direct = analyticKernels(grid.inputs, grid.inputs, spec);
    ntkGram.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(direct.ntk[i][j], 8)));
    ntk.forEach((v, j) => expect(v).toBeCloseTo(direct.ntk[grid.centre][j], 8));
    nngp.forEach((v, j) => expect(v).toBeCloseTo(direct.nngp[grid.centre][j], 8));
  });
});

describe('Gaussian kernel for comparison', () => {
  const grid = new CircleGrid(61);

  it('finds the half-height angle exactly where the row is linear between grid points', () => {
    const halfAt = 0.7;
    const row = grid.angles.map((a) => 3 * (1 - Math.abs(a) / (2 * halfAt)));
    expect(halfHeightAngle(grid, row)).toBeCloseTo(halfAt, 12);
  });

  it('falls back to π when the row never drops to half height', () => {
    expect(halfHeightAngle(grid, grid.angles.map((a) => 3 + Math.cos(a)))).toBe(Math.PI);
  });

  it('is scaled to the peak at γ = 0 and falls to half of it at the matched angle', () => {
    const halfAngle = 1.1;
    const ell = halfHeightLengthscale(halfAngle);
    const peak = 2.5;
    const row = rbfRow(grid, ell, peak);
    expect(row[grid.centre]).toBe(peak);
    // exp(−‖x₀ − x‖²/2ℓ²) written out with the distance itself.
    const distance2 = (a: number) => (Math.SQRT2 * (1 - Math.cos(a))) ** 2 + (Math.SQRT2 * Math.sin(a)) ** 2;
    expect(peak * Math.exp(-distance2(halfAngle) / (2 * ell * ell))).toBeCloseTo(peak / 2, 12);
    grid.angles.forEach((a, j) => expect(row[j]).toBeCloseTo(peak * Math.exp(-distance2(a) / (2 * ell * ell)), 12));
  });

  it('is rounded at γ = 0 where the ReLU tangent kernel has a cusp', () => {
    const fine = new CircleGrid(361);
    const { ntk } = analyticAngleKernels(fine, { depth: 1, activation: 'relu', wStd: 1, bStd: 0 });
    const rbf = rbfRow(fine, halfHeightLengthscale(halfHeightAngle(fine, ntk)), ntk[fine.centre]);
    // One degree away the cusp has lost ≈ γ/2π (first order in γ), the Gaussian ≈ dγ²/2ℓ² (second order).
    const ntkDrop = ntk[fine.centre] - ntk[fine.centre + 1];
    expect(ntkDrop).toBeCloseTo(fine.spacing / (2 * Math.PI), 3);
    expect(rbf[fine.centre] - rbf[fine.centre + 1]).toBeLessThan(ntkDrop / 10);
  });
});
