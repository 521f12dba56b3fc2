import { describe, expect, it } from 'vitest';
import {
  errorsByWidth,
  meanAbsDeviation,
  relativeFrobeniusError,
} from '../../../../src/widgets/kernel-explorer/measures';

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
