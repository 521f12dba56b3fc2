import { describe, expect, it } from 'vitest';
import { logStepGrid, stepGrid } from '../../../src/lib/ntk';

describe('step grids', () => {
  it('stepGrid gives distinct integers from start to horizon, at most count of them, evenly spread', () => {
    expect(stepGrid(10, 100)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const grid = stepGrid(1000, 101, 1);
    expect(grid[0]).toBe(1);
    expect(grid[grid.length - 1]).toBe(1000);
    expect(grid.length).toBe(101);
    expect(new Set(grid).size).toBe(grid.length);
    grid.slice(1).forEach((t, i) => expect(t - grid[i]).toBeGreaterThanOrEqual(9));
    expect(stepGrid(0, 10)).toEqual([0]);
    expect(stepGrid(5, 1)).toEqual([0, 5]);
  });

  it('logStepGrid covers 1 … horizon with every small step and even ratios beyond', () => {
    const grid = logStepGrid(10000, 100);
    expect(grid.slice(0, 5)).toEqual([1, 2, 3, 4, 5]);
    expect(grid[grid.length - 1]).toBe(10000);
    grid.slice(1).forEach((t, i) => expect(t).toBeGreaterThan(grid[i]));
    // Consecutive ratios never exceed the even spacing 10000^(1/99), give or take rounding.
    grid.slice(1).forEach((t, i) => expect(t / grid[i]).toBeLessThanOrEqual(Math.max(2, 1.01 * 10000 ** (1 / 99))));
    expect(logStepGrid(1, 10)).toEqual([1]);
  });
});

