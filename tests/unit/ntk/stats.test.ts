import { Matrix as MlMatrix, solve } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { createRng, fitPowerLaw, halfMeanSquaredError, powerLawSegment, powerLawThrough } from '../../../src/lib/ntk';

describe('fitPowerLaw', () => {
  it('recovers an exact power law', () => {
    const fit = fitPowerLaw([16, 64, 256, 1024].map((x) => ({ x, y: 3 * x ** -0.5 })))!;
    expect(fit.slope).toBeCloseTo(-0.5, 12);
    expect(fit.prefactor).toBeCloseTo(3, 10);
  });

  it('is the least-squares line through the logs (reference: ml-matrix normal-equation solve)', () => {
    const rng = createRng(7);
    const points = Array.from({ length: 40 }, (_, i) => {
      const x = 10 * 1.2 ** i;
      return { x, y: 0.8 * x ** -0.5 * Math.exp(0.2 * rng.normal()) };
    });
    const design = new MlMatrix(points.map((p) => [1, Math.log(p.x)]));
    const [logPrefactor, slope] = solve(design, MlMatrix.columnVector(points.map((p) => Math.log(p.y)))).to1DArray();
    const fit = fitPowerLaw(points)!;
    expect(fit.slope).toBeCloseTo(slope, 10);
    expect(Math.log(fit.prefactor)).toBeCloseTo(logPrefactor, 10);
  });

  it('ignores non-positive points and needs two distinct x', () => {
    expect(fitPowerLaw([{ x: 1, y: 2 }, { x: 1, y: 3 }])).toBeNull();
    expect(fitPowerLaw([{ x: 2, y: 2 }, { x: 4, y: 0 }, { x: -1, y: 1 }])).toBeNull();
    expect(fitPowerLaw([{ x: 2, y: 8 }, { x: 4, y: 2 }, { x: 8, y: -1 }])!.slope).toBeCloseTo(-2, 12);
  });

  it('draws guides through a point and segments between two x', () => {
    const guide = powerLawThrough({ x: 4, y: 1 }, -0.5);
    expect(powerLawSegment(guide, [1, 16])).toEqual([{ x: 1, y: 2 }, { x: 16, y: 0.5 }]);
  });
});

describe('halfMeanSquaredError', () => {
  it('is (1/2m)‖f − y‖² and refuses mismatched lengths', () => {
    expect(halfMeanSquaredError([1, 2, 3], [1, 0, 0])).toBeCloseTo((0 + 4 + 9) / 6, 14);
    expect(() => halfMeanSquaredError([1], [1, 2])).toThrow(RangeError);
  });
});
