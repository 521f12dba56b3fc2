import { describe, expect, test } from 'vitest';
import { cartesianFrame, chartHeight, chartWidth, DEFAULT_WIDTH } from '../../../src/charts/layout';
import { labelWidth } from '../../../src/charts/ticks';
import type { FrameSpec } from '../../../src/charts/layout';

const spec: FrameSpec = {
  width: 640,
  height: 400,
  xType: 'linear',
  yType: 'log',
  xDomain: [0, 1000],
  yDomain: [1e-4, 10],
  hasXLabel: true,
  hasYLabel: true,
};

describe('chartWidth / chartHeight', () => {
  test('an unmeasured container gets the default width', () => {
    expect(chartWidth(0)).toBe(DEFAULT_WIDTH);
    expect(chartWidth(390)).toBe(390);
  });
  test('height follows the width within limits unless fixed', () => {
    expect(chartHeight(500, undefined, 0.6)).toBe(300);
    expect(chartHeight(500)).toBe(310);
    expect(chartHeight(100, undefined, 0.6)).toBe(180);
    expect(chartHeight(2000, undefined, 0.6)).toBe(480);
    expect(chartHeight(500, 222, 0.6)).toBe(222);
  });
});

describe('cartesianFrame', () => {
  test('the scales put the domain on the plot edges and the margins add up', () => {
    const f = cartesianFrame(spec);
    expect(f.margin.left + f.innerWidth + f.margin.right).toBe(spec.width);
    expect(f.margin.top + f.innerHeight + f.margin.bottom).toBe(spec.height);
    expect(f.x(0)).toBe(0);
    expect(f.x(1000)).toBeCloseTo(f.innerWidth, 10);
    expect(f.y(1e-4)).toBeCloseTo(f.innerHeight, 10);
    expect(f.y(10)).toBeCloseTo(0, 10);
  });

  test('the left margin makes room for the widest y label', () => {
    const f = cartesianFrame(spec);
    const widest = Math.max(...f.yTicks.map((t) => labelWidth(t.label)));
    expect(f.margin.left).toBeGreaterThanOrEqual(widest + 18);
    const wide = cartesianFrame({ ...spec, yType: 'linear', yDomain: [0, 1_000_000] });
    expect(wide.margin.left).toBeGreaterThan(f.margin.left);
  });

  test('at a phone width of 390 px the x labels do not overlap', () => {
    for (const xDomain of [[0, 1000], [0, 123456], [-0.0037, 0.0041]] as const) {
      const f = cartesianFrame({ ...spec, width: 390, xDomain });
      expect(f.xTicks.length).toBeGreaterThanOrEqual(2);
      const positions = f.xTicks.map((t) => f.x(t.value));
      const widths = f.xTicks.map((t) => labelWidth(t.label));
      for (let i = 1; i < positions.length; i++) {
        expect(positions[i] - positions[i - 1]).toBeGreaterThan((widths[i] + widths[i - 1]) / 2 + 4);
      }
    }
  });

  test('the last x label fits inside the chart', () => {
    for (const xDomain of [[0, 1], [0, 1_000_000], [0, 123_456_789]] as const) {
      const f = cartesianFrame({ ...spec, xDomain });
      const last = f.xTicks.at(-1)!;
      expect(f.margin.left + f.x(last.value) + labelWidth(last.label) / 2).toBeLessThanOrEqual(spec.width);
    }
  });

  test('integerX ticks an index axis at whole numbers', () => {
    const f = cartesianFrame({ ...spec, xDomain: [-0.5, 6.5], integerX: true });
    expect(f.xTicks.every((t) => Number.isInteger(t.value))).toBe(true);
  });
});
