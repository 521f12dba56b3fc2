import { scaleLinear, scaleLog } from 'd3';
import { describe, expect, test } from 'vitest';
import {
  interpolateAt,
  nearestIndex,
  nearestPoint,
  nearestStopOnScreen,
  readingAt,
  readingText,
  readoutBox,
  seriesValueAt,
  stopForKey,
  xStops,
  type Readable,
} from '../../../src/charts/readout';
import type { Box } from '../../../src/charts/placement';

const identity = Object.assign((v: number) => v, { invert: (v: number) => v });
const linear = { x: identity, y: identity };

describe('cursor stops', () => {
  test('xStops: sorted distinct x values of every series', () => {
    expect(xStops([[{ x: 3, y: 0 }, { x: 1, y: 0 }], [{ x: 2, y: 5 }, { x: 3, y: 1 }], []])).toEqual([1, 2, 3]);
  });

  test('nearestIndex agrees with a linear scan, ties going to the lower value', () => {
    const sorted = [-4, -1, 0, 0.5, 2, 7, 7.5, 20];
    for (let v = -10; v <= 25; v += 0.25) {
      const distances = sorted.map((s) => Math.abs(s - v));
      expect(nearestIndex(sorted, v)).toBe(distances.indexOf(Math.min(...distances)));
    }
    expect(nearestIndex([], 3)).toBe(-1);
  });

  test('on a log axis the stop nearest on screen wins, not the nearest in value', () => {
    const x = scaleLog([1, 1000], [0, 300]);
    // Half-way on screen between 10 and 100 is √1000 ≈ 31.6, which is nearer to 10 in value.
    expect(nearestStopOnScreen([1, 10, 100, 1000], x(40), x)).toBe(100);
    expect(nearestStopOnScreen([1, 10, 100, 1000], x(25), x)).toBe(10);
  });

  test('keys move like a slider: one stop, ten with Shift or Page keys, Home/End to the ends', () => {
    const stops = Array.from({ length: 30 }, (_, i) => i * 10);
    expect(stopForKey('ArrowRight', false, stops, undefined)).toBe(0);
    expect(stopForKey('ArrowLeft', false, stops, undefined)).toBe(290);
    expect(stopForKey('ArrowRight', false, stops, 50)).toBe(60);
    expect(stopForKey('ArrowDown', false, stops, 50)).toBe(40);
    expect(stopForKey('ArrowRight', true, stops, 50)).toBe(150);
    expect(stopForKey('PageDown', false, stops, 50)).toBe(0);
    expect(stopForKey('End', false, stops, 50)).toBe(290);
    expect(stopForKey('Home', false, stops, 50)).toBe(0);
    // From a cursor between stops, it steps from the nearest one.
    expect(stopForKey('ArrowRight', false, stops, 52)).toBe(60);
    expect(stopForKey('Enter', false, stops, 50)).toBeNull();
  });
});

describe('reading a series at x', () => {
  const line = [{ x: 0, y: 0 }, { x: 2, y: 4 }, { x: 4, y: 0 }];

  test('a line is interpolated between its points and exact at them, undefined outside', () => {
    expect(interpolateAt(line, 1, identity, identity, identity)).toBeCloseTo(2, 12);
    expect(interpolateAt(line, 3.5, identity, identity, identity)).toBeCloseTo(1, 12);
    expect(interpolateAt(line, 2, identity, identity, identity)).toBe(4);
    expect(interpolateAt(line, 4, identity, identity, identity)).toBe(0);
    expect(interpolateAt(line, -0.1, identity, identity, identity)).toBeUndefined();
    expect(interpolateAt(line, 5, identity, identity, identity)).toBeUndefined();
  });

  test('on log–log axes the value lies on the straight drawn segment: a power law is read exactly', () => {
    const x = scaleLog([1, 1e4], [0, 400]);
    const y = scaleLog([1e-4, 1], [300, 0]);
    // y = x^(−1/2), drawn from two points only.
    const law = [{ x: 1, y: 1 }, { x: 1e4, y: 1e-2 }];
    for (const at of [3, 10, 77, 1000]) {
      expect(interpolateAt(law, at, x, y, (px) => y.invert(px))).toBeCloseTo(at ** -0.5, 10);
    }
  });

  test('markers are never interpolated: the nearest point, flagged when at another x', () => {
    const markers = [{ x: 0, y: 1 }, { x: 10, y: 2 }, { x: 20, y: 3 }];
    expect(seriesValueAt(markers, 'markers', 10, linear)).toEqual({ point: { x: 10, y: 2 }, atCursor: true });
    expect(seriesValueAt(markers, 'line+markers', 14, linear)).toEqual({ point: { x: 10, y: 2 }, atCursor: false });
    expect(seriesValueAt([], 'markers', 14, linear)).toBeUndefined();
    expect(nearestPoint([{ x: 5, y: 0 }, { x: 1, y: 1 }], 2, identity)).toEqual({ x: 1, y: 1 });
  });
});

describe('readingAt', () => {
  const readables: Readable[] = [
    { label: 'network, train', points: [{ x: 0, y: 1 }, { x: 10, y: 0.5 }], kind: 'markers', color: 'a', colorIndex: 0 },
    { label: 'network, test', points: [{ x: 0, y: 1.2 }, { x: 10, y: 0.7 }], kind: 'markers', color: 'b', colorIndex: 1 },
    { label: 'linearised, train', points: [{ x: 0, y: 1 }, { x: 20, y: 0.2 }], kind: 'line', color: 'a', colorIndex: 0, dashed: true },
    { label: 'linearised, test', points: [{ x: 0, y: 1.2 }, { x: 20, y: 0.6 }], kind: 'line', color: 'b', colorIndex: 1 },
    { label: 'later only', points: [{ x: 15, y: 9 }, { x: 20, y: 9 }], kind: 'line', color: 'c', colorIndex: 2 },
  ];
  const options = { xLabel: 'step', formatX: String, formatY: (y: number) => y.toFixed(2) };

  test('measured and predicted of one colour sit side by side; a line without a value at x is left out', () => {
    const reading = readingAt(10, readables, linear, options);
    expect(reading.title).toBe('step = 10');
    expect(reading.rows.map((r) => `${r.label}: ${r.value}`)).toEqual([
      'network, train: 0.50',
      'linearised, train: 0.60',
      'network, test: 0.70',
      'linearised, test: 0.90',
    ]);
    expect(reading.rows[1]).toMatchObject({ swatch: 'line', dashed: true, color: 'a' });
    expect(reading.ruleX).toBe(10);
    expect(reading.markers).toHaveLength(4);
  });

  test('markers read at another x say where', () => {
    const reading = readingAt(16, readables, linear, options);
    expect(reading.rows[0].value).toBe('0.50 at 10');
    expect(reading.rows.at(-1)).toMatchObject({ label: 'later only', value: '9.00' });
    expect(readingText(reading)).toMatch(/^step = 16\. network, train: 0\.50 at 10; linearised, train: 0\.36; /);
  });
});

describe('readoutBox', () => {
  const overlaps = (a: Box, b: Box) =>
    a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  const area = { width: 400, height: 200 };
  const size = { width: 120, height: 60 };

  test('stays inside the plot and covers none of the values it reads, wherever the cursor is', () => {
    for (const ruleX of [5, 100, 200, 390]) {
      for (const ys of [[10, 30], [150, 190], [10, 190], [100, 105]]) {
        const reading = { title: '', rows: [], ruleX, markers: ys.map((y) => ({ x: ruleX, y, color: '' })) };
        const box = readoutBox(reading, size, area);
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.y).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(area.width);
        expect(box.y + box.height).toBeLessThanOrEqual(area.height);
        for (const m of reading.markers) expect(overlaps(box, { x: m.x - 5, y: m.y - 5, width: 10, height: 10 })).toBe(false);
        expect(box.x > ruleX || box.x + box.width < ruleX).toBe(true);
      }
    }
  });

  test('keeps clear of a highlighted bar', () => {
    const highlight = { x: 300, y: 0, width: 40, height: 200 };
    const box = readoutBox({ title: '', rows: [], markers: [], highlight }, size, area);
    expect(overlaps(box, highlight)).toBe(false);
  });
});

describe('scales as readouts use them', () => {
  test('a d3 linear scale works as the Scales the readout takes', () => {
    const x = scaleLinear([0, 10], [0, 500]);
    const y = scaleLinear([0, 1], [100, 0]);
    expect(seriesValueAt([{ x: 0, y: 0 }, { x: 10, y: 1 }], 'line', 2.5, { x, y })!.point.y).toBeCloseTo(0.25, 12);
  });
});
