import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../src/lib/ntk';
import {
  errorsByWidth,
  fitPowerLaw,
  meanAbsDeviation,
  relativeFrobeniusError,
  sweepWidths,
} from '../../../../src/widgets/kernel-explorer/convergence';

describe('sweep widths', () => {
  it('are powers of two up to the chosen width, which is always last', () => {
    expect(sweepWidths(256)).toEqual([16, 32, 64, 128, 256]);
    expect(sweepWidths(200)).toEqual([16, 32, 64, 128, 200]);
    expect(sweepWidths(180)).toEqual([16, 32, 64, 180]);
    expect(sweepWidths(4096)).toEqual([16, 32, 64, 128, 256, 512, 1024, 2048, 4096]);
  });

  it('extend past a narrow chosen width so that a slope can be fitted', () => {
    expect(sweepWidths(16)).toEqual([16, 32, 64]);
    expect(sweepWidths(40)).toEqual([16, 40, 80]);
  });
});

describe('distances between kernels', () => {
  it('relative Frobenius error of a row-major sample', () => {
    const reference = [
      [2, 1],
      [1, 2],
    ];
    // Off by (0.1, −0.2, 0, 0.2): ‖Δ‖² = 0.09, ‖Θ‖² = 10.
    expect(relativeFrobeniusError(new Float32Array([2.1, 0.8, 1, 2.2]), reference)).toBeCloseTo(Math.sqrt(0.09 / 10), 6);
    expect(relativeFrobeniusError([2, 1, 1, 2], reference)).toBe(0);
  });

  it('mean absolute deviation over every entry of every sample', () => {
    expect(meanAbsDeviation([[1, 2, 3], new Float32Array([0, 2, 5])], [1, 1, 1])).toBeCloseTo((0 + 1 + 2 + 1 + 1 + 4) / 6, 12);
  });

  it('averages the error per width, widths ascending', () => {
    const reference = [[1]];
    const samples = [
      { width: 64, kernel: [1.5] },
      { width: 16, kernel: [2] },
      { width: 64, kernel: [0.7] },
    ];
    expect(errorsByWidth(samples, reference)).toEqual([
      { width: 16, error: 1, seeds: 1 },
      { width: 64, error: expect.closeTo(0.4, 12), seeds: 2 },
    ]);
  });
});

describe('power-law fit', () => {
  it('recovers an exact power law', () => {
    const points = [16, 64, 256, 1024].map((x) => ({ x, y: 3 * x ** -0.5 }));
    const fit = fitPowerLaw(points);
    expect(fit.exponent).toBeCloseTo(-0.5, 12);
    expect(fit.prefactor).toBeCloseTo(3, 10);
  });

  it('is the ordinary least-squares line through the logs', () => {
    // log-normal scatter around y = 0.8·x^−0.5; compare with the closed-form slope cov/var.
    const rng = createRng(7);
    const points = Array.from({ length: 40 }, (_, i) => {
      const x = 10 * 1.2 ** i;
      return { x, y: 0.8 * x ** -0.5 * Math.exp(0.2 * rng.normal()) };
    });
    const lx = points.map((p) => Math.log(p.x));
    const ly = points.map((p) => Math.log(p.y));
    const mx = lx.reduce((a, b) => a + b) / lx.length;
    const my = ly.reduce((a, b) => a + b) / ly.length;
    const slope = lx.reduce((s, x, i) => s + (x - mx) * (ly[i] - my), 0) / lx.reduce((s, x) => s + (x - mx) ** 2, 0);
    const fit = fitPowerLaw(points);
    expect(fit.exponent).toBeCloseTo(slope, 10);
    expect(Math.log(fit.prefactor)).toBeCloseTo(my - slope * mx, 10);
    expect(fit.exponent).toBeGreaterThan(-0.6);
    expect(fit.exponent).toBeLessThan(-0.4);
  });
});
