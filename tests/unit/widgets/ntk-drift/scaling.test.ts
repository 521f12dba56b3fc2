import { Matrix as MlMatrix, solve } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { fitPowerLaw, powerLawSegment, powerLawThrough } from '../../../../src/widgets/ntk-drift/scaling';

const WIDTHS = [32, 64, 128, 256, 512, 1024];

describe('fitPowerLaw', () => {
  it('recovers an exact power law y = c·x^s', () => {
    const fit = fitPowerLaw(WIDTHS.map((x) => ({ x, y: 3 * x ** -0.7 })));
    expect(fit?.slope).toBeCloseTo(-0.7, 12);
    expect(fit?.prefactor).toBeCloseTo(3, 10);
  });

  it('is the least-squares line in log–log space (normal equations solved by ml-matrix)', () => {
    const ys = [1.3, 0.41, 0.22, 0.051, 0.033, 0.0071];
    const design = new MlMatrix(WIDTHS.map((x) => [1, Math.log(x)]));
    const [intercept, slope] = solve(design, MlMatrix.columnVector(ys.map(Math.log)), true).to1DArray();
    const fit = fitPowerLaw(WIDTHS.map((x, i) => ({ x, y: ys[i] })));
    expect(fit?.slope).toBeCloseTo(slope, 10);
    expect(Math.log(fit!.prefactor)).toBeCloseTo(intercept, 10);
  });

  it('ignores points a log axis cannot show, and needs two distinct x', () => {
    const clean = WIDTHS.slice(0, 3).map((x) => ({ x, y: x ** -1 }));
    expect(fitPowerLaw([...clean, { x: 512, y: 0 }, { x: 1024, y: -1 }, { x: 8, y: NaN }])?.slope).toBeCloseTo(-1, 12);
    expect(fitPowerLaw([{ x: 64, y: 0.1 }])).toBeNull();
    expect(fitPowerLaw([{ x: 64, y: 0.1 }, { x: 64, y: 0.2 }])).toBeNull();
    expect(fitPowerLaw([])).toBeNull();
  });
});

describe('power-law guides', () => {
  it('pass through the anchor with the requested log–log slope', () => {
    const anchor = { x: 64, y: 0.2 };
    for (const slope of [-0.5, -1]) {
      const law = powerLawThrough(anchor, slope);
      const [a, b] = powerLawSegment(law, [64, 4096]);
      expect(a.y).toBeCloseTo(0.2, 14);
      expect(Math.log(b.y / a.y) / Math.log(b.x / a.x)).toBeCloseTo(slope, 12);
      // At 64× the width, m^(−1/2) falls 8× and m^(−1) 64×.
      expect(a.y / b.y).toBeCloseTo(64 ** -slope, 8);
    }
  });
});
