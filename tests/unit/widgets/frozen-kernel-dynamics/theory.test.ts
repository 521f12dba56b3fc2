import { describe, expect, it } from 'vitest';
import { modeFactorCurve } from '../../../../src/widgets/frozen-kernel-dynamics/theory';

describe('frozen-kernel theory', () => {
  it('draws |1 − ηλ/n| as a V with its corner at η = n/λ and crossing 1 at η = 2n/λ', () => {
    const lambda = 12.5;
    const n = 20;
    const curve = modeFactorCurve(lambda, n, [1e-3, 100], 50);
    expect(curve[0].x).toBeCloseTo(1e-3, 12);
    expect(curve[curve.length - 1].x).toBeCloseTo(100, 9);
    const corner = curve.findIndex((p) => p.x === n / lambda);
    expect(curve[corner].y).toBe(0);
    expect(curve.find((p) => p.x === (2 * n) / lambda)!.y).toBeCloseTo(1, 12);
    curve.slice(1).forEach((p, i) => {
      expect(p.x).toBeGreaterThan(curve[i].x);
      if (i < corner) expect(p.y).toBeLessThan(curve[i].y);
      else expect(p.y).toBeGreaterThan(curve[i].y);
    });
    // Far below the corner the factor tends to 1 (nothing moves); far above it grows like ηλ/n.
    expect(curve[0].y).toBeCloseTo(1 - (1e-3 * lambda) / n, 12);
    expect(curve[curve.length - 1].y).toBeCloseTo((100 * lambda) / n - 1, 9);
  });
});
