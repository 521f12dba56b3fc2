import { describe, expect, it } from 'vitest';
import { largestFraction, tightest, widthTheories } from '../../../../src/widgets/ntk-drift/theory';
import { circulantRun, dftEigenvalue } from '../kit/circulantRun';

// Circulant K₀ per width: eigenvalues in closed form (the DFT of the first row).
const yTrain = [1, 0, -1, 0];
const f0 = [0, 0, 0, 0];
const rows: Record<number, number[]> = { 64: [2, 0.5, 0.1, 0.5], 256: [4, 1, 0.2, 1] };
const runs = Object.entries(rows).map(([width, c]) => ({ width: Number(width), initial: circulantRun({ c, yTrain, f0Train: f0, lr: 1 }).initial }));
const limitOf = (c: number[]) => (2 * c.length) / Math.max(...c.map((_, m) => dftEigenvalue(c, m)));

describe('widthTheories', () => {
  it('takes each width’s limit 2n/λ_max from its own K₀ and its η from the rule', () => {
    const theories = widthTheories(runs, { kind: 'fraction', fraction: 0.25 });
    for (const t of theories) {
      expect(t.limit).toBeCloseTo(limitOf(rows[t.width]), 5);
      expect(t.lr).toBeCloseTo(0.25 * t.limit, 12);
      expect(t.linearised.lr).toBe(t.lr);
    }
    expect(largestFraction(theories)).toBeCloseTo(0.25, 12);
  });

  it('under one η for all, the width with the larger kernel has the tighter limit', () => {
    const theories = widthTheories(runs, { kind: 'fixed', lr: 1.5 });
    expect(theories.map((t) => t.lr)).toEqual([1.5, 1.5]);
    expect(tightest(theories)!.width).toBe(256);
    expect(largestFraction(theories)).toBeCloseTo(1.5 / limitOf(rows[256]), 5);
    expect(tightest([])).toBeNull();
  });
});
