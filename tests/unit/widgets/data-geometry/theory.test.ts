import { Matrix as MlMatrix, solve } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { analyticKernels, createRng } from '../../../../src/lib/ntk';
import { labelSpectrum } from '../../../../src/widgets/data-geometry/labelSpectrum';
import { kernelSpec, makeProblem } from '../../../../src/widgets/data-geometry/problem';

/** yᵀK⁻¹y by an LU solve, independent of the eigendecomposition. */
function solvedNorm(k: number[][], y: number[]): number {
  const x = solve(new MlMatrix(k), MlMatrix.columnVector(y)).getColumn(0);
  return x.reduce((sum, xi, i) => sum + xi * y[i], 0);
}

describe('labelSpectrum', () => {
  it('matches the two-point closed form: opposite labels cost 2/(1 − c), equal ones 2/(1 + c)', () => {
    const c = 0.9;
    const s = labelSpectrum([[1, c], [c, 1]], [1, -1], [1, 1]);
    expect(s.eigenvalues[0]).toBeCloseTo(1 + c, 12);
    expect(s.eigenvalues[1]).toBeCloseTo(1 - c, 12);
    expect(s.noisy.energy[0]).toBeCloseTo(0, 12);
    expect(s.noisy.energy[1]).toBeCloseTo(2, 12);
    expect(s.noisy.squaredNorm).toBeCloseTo(2 / (1 - c), 10);
    expect(s.clean.cost[0]).toBeCloseTo(2 / (1 + c), 12);
    expect(s.clean.squaredNorm).toBeCloseTo(2 / (1 + c), 10);
  });

  it('splits yᵀK⁻¹y of a random kernel into per-mode energies and costs', () => {
    const rng = createRng(11);
    const n = 7;
    const features = Array.from({ length: n }, () => Array.from({ length: n + 2 }, () => rng.normal()));
    const k = features.map((a) => features.map((b) => a.reduce((sum, ai, i) => sum + ai * b[i], 0)));
    const y = Array.from({ length: n }, () => rng.normal());
    const yClean = Array.from({ length: n }, (_, i) => (i < n / 2 ? -1 : 1));
    const s = labelSpectrum(k, y, yClean);
    expect(s.noisy.squaredNorm).toBeCloseTo(solvedNorm(k, y), 8);
    expect(s.clean.squaredNorm).toBeCloseTo(solvedNorm(k, yClean), 8);
    // Parseval: the eigenvectors are orthonormal, so the energies add up to ‖y‖².
    expect(s.noisy.energy.reduce((a, b) => a + b, 0)).toBeCloseTo(y.reduce((a, b) => a + b * b, 0), 10);
    s.noisy.cost.forEach((cost, i) => expect(cost * s.eigenvalues[i]).toBeCloseTo(s.noisy.energy[i], 10));
  });

  describe('on two clusters under the ReLU NTK (the widget’s premise)', () => {
    const spectrum = (spread: number) => {
      const p = makeProblem({ n: 20, spread, noise: 0.1, seed: 1 });
      return labelSpectrum(analyticKernels(p.xTrain, p.xTrain, kernelSpec({ activation: 'relu', depth: 1 })).ntk, p.yNoisy, p.yClean);
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
  });
});
