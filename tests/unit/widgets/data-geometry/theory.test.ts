import { Matrix as MlMatrix, solve } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { createRng, FLOAT32_EPSILON, FLOAT64_EPSILON, symmetricEigen, type Matrix } from '../../../../src/lib/ntk';
import { makeProblem } from '../../../../src/widgets/data-geometry/run';
import {
  analyticSpectrum,
  eFoldingSteps,
  labelSpectrum,
  unresolved,
} from '../../../../src/widgets/data-geometry/theory';

/** yᵀK⁻¹y by an LU solve, independent of the eigendecomposition. */
function solvedNorm(k: number[][], y: number[]): number {
  const x = solve(new MlMatrix(k), MlMatrix.columnVector(y)).getColumn(0);
  return x.reduce((sum, xi, i) => sum + xi * y[i], 0);
}

const spectrumOf = (k: Matrix, yNoisy: number[], yClean: number[], epsilon = FLOAT64_EPSILON) => labelSpectrum(symmetricEigen(k), yNoisy, yClean, epsilon);

describe('labelSpectrum, every mode resolved', () => {
  it('matches the two-point closed form: opposite labels cost 2/(1 − c), equal ones 2/(1 + c)', () => {
    const c = 0.9;
    const s = spectrumOf([[1, c], [c, 1]], [1, -1], [1, 1]);
    expect(unresolved(s)).toBe(false);
    expect(s.eigenvalues[0]).toBeCloseTo(1 + c, 12);
    expect(s.eigenvalues[1]).toBeCloseTo(1 - c, 12);
    expect(s.noisy.energy[0]).toBeCloseTo(0, 12);
    expect(s.noisy.energy[1]).toBeCloseTo(2, 12);
    expect(s.noisy.squaredNorm).toBeCloseTo(2 / (1 - c), 10);
    expect(s.clean.cost[0]).toBeCloseTo(2 / (1 + c), 12);
    expect(s.clean.squaredNorm).toBeCloseTo(2 / (1 + c), 10);
  });

  it('splits yᵀK⁻¹y of a random kernel into per-mode energies and costs that add up to an LU solve', () => {
    const rng = createRng(11);
    const n = 7;
    const features = Array.from({ length: n }, () => Array.from({ length: n + 2 }, () => rng.normal()));
    const k = features.map((a) => features.map((b) => a.reduce((sum, ai, i) => sum + ai * b[i], 0)));
    const y = Array.from({ length: n }, () => rng.normal());
    const yClean = Array.from({ length: n }, (_, i) => (i < n / 2 ? -1 : 1));
    const s = spectrumOf(k, y, yClean);
    expect(s.noisy.squaredNorm).toBeCloseTo(solvedNorm(k, y), 8);
    expect(s.clean.squaredNorm).toBeCloseTo(solvedNorm(k, yClean), 8);
    // Parseval: the eigenvectors are orthonormal, so the energies add up to ‖y‖².
    expect(s.noisy.energy.reduce((a, b) => a + b, 0)).toBeCloseTo(y.reduce((a, b) => a + b * b, 0), 10);
    s.noisy.cost.forEach((cost, i) => expect(cost * s.eigenvalues[i]).toBeCloseTo(s.noisy.energy[i], 10));
  });
});

/**
 * A circulant kernel K_ij = exp(κ cos(θ_i − θ_j)) on n even angles: by the Jacobi–Anger expansion its
 * eigenvalues are λ_m = n Σ_{k ≡ m (mod n)} I_k(κ), sums of positive Bessel terms that keep full
 * relative precision however small they get, while the matrix itself holds them only down to its
 * round-off. cos mθ is an eigenvector, so yᵀK⁻¹y = (n/2)/λ_m for y = cos mθ (0 < m < n/2).
 */
describe('labelSpectrum against a kernel whose eigenvalues fall far below round-off', () => {
  const n = 32;
  const kappa = 1;
  const thetas = Array.from({ length: n }, (_, i) => (2 * Math.PI * i) / n);
  const besselI = (m: number, x: number) => {
    let term = (x / 2) ** m;
    for (let k = 1; k <= m; k++) term /= k;
    let sum = 0;
    for (let j = 0; j < 60; j++) {
      sum += term;
      term *= (x / 2) ** 2 / ((j + 1) * (j + 1 + m));
    }
    return sum;
  };
  const lambda = (m: number) => n * [-3, -2, -1, 0, 1, 2, 3].reduce((s, p) => s + besselI(Math.abs(m + p * n), kappa), 0);
  const exact = Array.from({ length: n }, (_, m) => lambda(m)).sort((a, b) => b - a);
  const c = thetas.map((t) => Math.exp(kappa * Math.cos(t)));
  const kernel = (round: (x: number) => number) => thetas.map((_, i) => thetas.map((_, j) => round(c[(i - j + n) % n])));
  const cosine = (m: number) => thetas.map((t) => Math.cos(m * t));
  const y = cosine(1).map((v, i) => v + 1e-3 * cosine(13)[i]);

  for (const [name, round, epsilon] of [
    ['double', (x: number) => x, FLOAT64_EPSILON],
    ['float32', Math.fround, FLOAT32_EPSILON],
  ] as const) {
    it(`${name}: resolves exactly the eigenvalues above n·ε·λ_max, each within that floor of the true one`, () => {
      const s = spectrumOf(kernel(round), y, cosine(3), epsilon);
      expect(s.floor).toBeCloseTo(n * epsilon * exact[0], 6);
      expect(s.resolved).toBe(exact.filter((l) => l > s.floor).length);
      // Some eigenvalues are far below the floor: exp(κ cos θ) is smooth, its spectrum decays like 1/m!.
      expect(exact.at(-1)!).toBeLessThan(s.floor / 1e3);
      expect(unresolved(s)).toBe(true);
      s.eigenvalues.slice(0, s.resolved).forEach((l, k) => expect(Math.abs(l - exact[k])).toBeLessThan(s.floor));
      expect(s.noisy.cost).toHaveLength(s.resolved);
    });

    it(`${name}: yᵀK⁻¹y of a resolved mode is its closed form, and labels in lost modes give a finite lower bound`, () => {
      const s = spectrumOf(kernel(round), y, cosine(3), epsilon);
      // Clean labels cos 3θ: λ_3 is resolved in both precisions.
      expect(s.clean.squaredNorm / (n / 2 / lambda(3)) - 1).toBeLessThan(1e-5);
      expect(s.clean.squaredNorm / (n / 2 / lambda(3)) - 1).toBeGreaterThan(-1e-5);
      // y = cos θ + 10⁻³ cos 13θ, with true norm (n/2)(1/λ₁ + 10⁻⁶/λ₁₃). λ₁₃ is lost in float32 and
      // just resolved in double (2.2 floors up). What is shown is finite, at least the resolved part,
      // and at most the truth, allowing each resolved eigenvalue its floor of uncertainty.
      const lost13 = lambda(13) <= s.floor;
      expect(lost13).toBe(name === 'float32');
      const most = (n / 2) * (1 / (lambda(1) - s.floor) + (lost13 ? 0 : 1e-6 / (lambda(13) - s.floor)));
      expect(Number.isFinite(s.noisy.squaredNorm)).toBe(true);
      expect(s.noisy.squaredNorm).toBeGreaterThanOrEqual((n / 2 / lambda(1)) * (1 - 1e-6));
      expect(s.noisy.squaredNorm).toBeLessThanOrEqual(most);
      if (lost13) expect(s.noisy.squaredNorm).toBeLessThan((n / 2) * (1 / lambda(1) + 1e-6 / lambda(13)));
    });
  }
});

describe('analyticSpectrum on two clusters (the widget’s premise)', () => {
  const spectrum = (spread: number, activation: 'relu' | 'erf' = 'relu') => {
    const p = makeProblem({ n: 20, spread, noise: 0.1, seed: 1 });
    return analyticSpectrum(p.xTrain, p.yNoisy, p.yClean, { activation, depth: 1 });
  };
  const wide = spectrum(0.2);
  const tight = spectrum(0.02);

  it('has two large eigenvalues and many small ones that shrink with the spread', () => {
    for (const s of [wide, tight]) expect(s.eigenvalues[2]).toBeLessThan(s.eigenvalues[1] / 10);
    // The ReLU kernel's cusp makes the within-cluster eigenvalues scale about linearly with the spread.
    const ratio = wide.eigenvalues[19] / tight.eigenvalues[19];
    expect(ratio).toBeGreaterThan(4);
    expect(ratio).toBeLessThan(25);
  });

  it('charges the noisy labels far more than the clean ones, mostly in the bottom modes', () => {
    for (const s of [wide, tight]) {
      expect(unresolved(s)).toBe(false);
      expect(s.noisy.squaredNorm).toBeGreaterThan(10 * s.clean.squaredNorm);
      const bottomCost = s.noisy.cost.slice(2).reduce((a, b) => a + b, 0);
      expect(bottomCost).toBeGreaterThan(0.9 * s.noisy.squaredNorm);
      const cleanTopEnergy = s.clean.energy[0] + s.clean.energy[1];
      // "Almost entirely": the top eigenvectors are close to, not exactly, the cluster indicators.
      expect(cleanTopEnergy).toBeGreaterThan(0.95 * 20);
    }
  });

  it('grows the noisy labels’ norm at least fivefold when the spread shrinks tenfold, but not the clean labels’', () => {
    expect(tight.noisy.squaredNorm).toBeGreaterThan(5 * wide.noisy.squaredNorm);
    expect(tight.clean.squaredNorm).toBeLessThan(wide.clean.squaredNorm);
  });

  it('with erf at the smallest spread loses the bottom modes to round-off and reports finite lower bounds', () => {
    const s = spectrum(0.005, 'erf');
    expect(unresolved(s)).toBe(true);
    expect(s.resolved).toBeGreaterThan(2);
    expect(Number.isFinite(s.noisy.squaredNorm) && Number.isFinite(s.clean.squaredNorm)).toBe(true);
    expect(s.noisy.squaredNorm).toBeGreaterThan(s.clean.squaredNorm);
  });
});

describe('eFoldingSteps', () => {
  it('is the step count after which a slow mode keeps 1/e of its residual', () => {
    const [n, lr, lambda] = [20, 2, 0.01];
    const steps = eFoldingSteps(n, lr, lambda);
    let remaining = 1;
    for (let t = 0; t < Math.round(steps); t++) remaining *= 1 - (lr * lambda) / n;
    expect(remaining).toBeCloseTo(Math.exp(-1), 3);
  });
});
