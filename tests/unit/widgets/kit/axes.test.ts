import { describe, expect, it } from 'vitest';
import { curveWithin, logDomain } from '../../../../src/widgets/kit/axes';

describe('curveWithin', () => {
  const pts = (ys: number[]) => ys.map((y, x) => ({ x, y }));
  it('keeps points inside the range and the first one beyond, and stops at a non-finite value', () => {
    expect(curveWithin(pts([1, 0.1, 0.01, 1e-5, 1e-9]), [1e-3, 10])).toEqual(pts([1, 0.1, 0.01, 1e-5]));
    expect(curveWithin(pts([1, 10, 1e3, 1e6]), [1e-3, 100])).toEqual(pts([1, 10, 1e3]));
    expect(curveWithin(pts([1, 2, Infinity, 3]), [0, 100])).toEqual(pts([1, 2]));
    expect(curveWithin(pts([NaN, 1]), [0, 10])).toEqual([]);
  });
});

describe('logDomain', () => {
  it('spans the positive finite values in whole decades, at most the given decades below the maximum', () => {
    expect(logDomain([0.5, 2, 0.01, -1, 0, NaN, Infinity], 6)).toEqual([0.01, 10]);
    expect(logDomain([0.9, 0.031], 6)).toEqual([0.01, 1]);
    expect(logDomain([1, 1e-12], 4)).toEqual([1e-4, 1]);
    expect(logDomain([3, 3], 4)).toEqual([1, 10]);
    expect(logDomain([0.002, 0.008], 4)).toEqual([0.001, 0.01]);
    expect(logDomain([0, -2, NaN], 4)).toBeUndefined();
  });
});

