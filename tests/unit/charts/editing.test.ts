import { describe, expect, test } from 'vitest';
import { clampPoint, inRemoveZone, nudge, REMOVE_MARGIN } from '../../../src/charts/editing';
import { cellForKey } from '../../../src/charts/heatmap';

describe('nudge (arrow-key steps of a point)', () => {
  test('steps of a round size, about a fiftieth of the axis (a tenth with Shift), landing on multiples of it', () => {
    expect(nudge(-0.5, 1, [-1, 1], 'linear')).toBeCloseTo(-0.45, 12);
    expect(nudge(-0.5, -1, [-1, 1], 'linear')).toBeCloseTo(-0.55, 12);
    expect(nudge(0.2, 1, [-1, 1], 'linear', true)).toBeCloseTo(0.4, 12);
    // Off the grid: the first step goes to the next multiple in that direction.
    expect(nudge(0.2537, 1, [-1, 1], 'linear')).toBeCloseTo(0.3, 12);
    expect(nudge(0.2537, -1, [-1, 1], 'linear')).toBeCloseTo(0.25, 12);
    expect(nudge(40, 1, [0, 1000], 'linear')).toBe(60);
  });

  test('repeated steps print cleanly (no 0.30000000000000004)', () => {
    let v = 0;
    for (let i = 0; i < 7; i++) v = nudge(v, 1, [-1, 1], 'linear');
    expect(String(v)).toBe('0.35');
  });

  test('log axes step by a ratio, and every axis stops at its domain', () => {
    const up = nudge(10, 1, [1, 1e4], 'log');
    const again = nudge(up, 1, [1, 1e4], 'log');
    expect(up).toBeGreaterThan(10);
    expect(again / up).toBeCloseTo(up / 10, 6);
    expect(nudge(0.98, 1, [-1, 1], 'linear', true)).toBe(1);
    expect(nudge(1, 1, [-1, 1], 'linear')).toBe(1);
    expect(nudge(1.1, -1, [1, 1e4], 'log')).toBe(1);
  });
});

describe('clampPoint and the remove zone', () => {
  test('points stay in the domain; a locked axis keeps its value', () => {
    expect(clampPoint({ x: 3, y: -2 }, [-1, 1], [0, 5])).toEqual({ x: 1, y: 0 });
    expect(clampPoint({ x: 0.3, y: 0.9 }, [-1, 1], [-1, 1], 'x', { x: 0, y: -0.5 })).toEqual({ x: 0.3, y: -0.5 });
    expect(clampPoint({ x: 0.3, y: 0.9 }, [-1, 1], [-1, 1], 'y', { x: 0, y: -0.5 })).toEqual({ x: 0, y: 0.9 });
  });

  test('the remove zone starts REMOVE_MARGIN px outside the plot on every side', () => {
    const [w, h] = [300, 200];
    expect(inRemoveZone(-REMOVE_MARGIN + 1, 100, w, h)).toBe(false);
    expect(inRemoveZone(-REMOVE_MARGIN - 1, 100, w, h)).toBe(true);
    expect(inRemoveZone(150, h + REMOVE_MARGIN + 1, w, h)).toBe(true);
    expect(inRemoveZone(w + REMOVE_MARGIN + 1, 100, w, h)).toBe(true);
    expect(inRemoveZone(150, -REMOVE_MARGIN - 1, w, h)).toBe(true);
    expect(inRemoveZone(150, 100, w, h)).toBe(false);
  });
});

describe('cellForKey (heatmap cursor)', () => {
  test('arrows move one cell within the matrix, Home/End to the row ends, the first key to the top-left', () => {
    expect(cellForKey('ArrowDown', undefined, 3, 4)).toEqual({ row: 0, column: 0 });
    expect(cellForKey('ArrowDown', { row: 0, column: 1 }, 3, 4)).toEqual({ row: 1, column: 1 });
    expect(cellForKey('ArrowUp', { row: 0, column: 1 }, 3, 4)).toEqual({ row: 0, column: 1 });
    expect(cellForKey('ArrowRight', { row: 2, column: 3 }, 3, 4)).toEqual({ row: 2, column: 3 });
    expect(cellForKey('End', { row: 2, column: 0 }, 3, 4)).toEqual({ row: 2, column: 3 });
    expect(cellForKey('Home', { row: 2, column: 2 }, 3, 4)).toEqual({ row: 2, column: 0 });
    expect(cellForKey('a', { row: 2, column: 2 }, 3, 4)).toBeNull();
  });
});
