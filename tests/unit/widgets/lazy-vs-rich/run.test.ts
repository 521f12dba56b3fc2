import { describe, expect, it } from 'vitest';
import { defaults, parseSettings, serializeSettings } from '../../../../src/lib/settings';
import { isCentered } from '../../../../src/widgets/kit/settings';
import { matchesPreset, PRESETS } from '../../../../src/widgets/lazy-vs-rich/presets';
import { analyticKernelKey, circleData, circleDataset, runRequest, targetModes } from '../../../../src/widgets/lazy-vs-rich/run';
import { schema } from '../../../../src/widgets/lazy-vs-rich/schema';

describe('the target', () => {
  it('has mean square 1/2 on the circle for any set of distinct frequencies k ≥ 1 (trapezoid rule, exact for trigonometric polynomials)', () => {
    for (const frequencies of [[1], [1, 2], [2, 5, 7], [1, 2, 3, 4]]) {
      const modes = targetModes(frequencies);
      const m = 64;
      let sum = 0;
      for (let j = 0; j < m; j++) {
        const theta = (2 * Math.PI * j) / m;
        sum += modes.reduce((s, { k, amp }) => s + amp * Math.cos(k * theta), 0) ** 2;
      }
      expect(sum / m).toBeCloseTo(0.5, 12);
    }
  });

  it('is sampled at n evenly spaced points of the unit circle', () => {
    const data = circleDataset({ n: 12, modes: [1, 2] });
    expect(data.inputDim).toBe(2);
    data.xTrain.forEach(([a, b], i) => {
      const theta = (2 * Math.PI * i) / 12;
      expect(a).toBeCloseTo(Math.cos(theta), 12);
      expect(b).toBeCloseTo(Math.sin(theta), 12);
      expect(data.yTrain[i]).toBeCloseTo((Math.cos(theta) + Math.cos(2 * theta)) / Math.SQRT2, 12);
    });
  });
});

describe('the data', () => {
  const base = defaults(schema);

  it('is the target at n evenly spaced angles until the reader edits the points, then exactly those points, on the circle, without test labels', () => {
    const target = circleDataset(base);
    const generated = circleData(base);
    expect(generated.xTrain).toEqual(target.xTrain);
    expect(generated.yTrain).toEqual(target.yTrain);
    expect(generated.yTest).toEqual(target.yTest);
    expect(generated.points.map((p) => p.x)).toEqual(target.coordinate!.train);

    const points = [0.5, 2, 3.5, 6].map((x) => ({ x, y: x / 4 }));
    const edited = circleData({ ...base, points });
    expect(edited.points).toEqual(points);
    expect(edited.yTrain).toEqual([0.125, 0.5, 0.875, 1.5]);
    edited.xTrain.forEach(([a, b], i) => {
      expect(a).toBeCloseTo(Math.cos(points[i].x), 12);
      expect(b).toBeCloseTo(Math.sin(points[i].x), 12);
    });
    expect(edited.xTest).toEqual(target.xTest);
    expect(edited.yTest).toBeUndefined();
    expect(runRequest(base, edited).data.yTest).toBeUndefined();
  });
});

describe('the run', () => {
  const base = defaults(schema);

  it('trains the centred model whenever α ≠ 1, and on request at α = 1', () => {
    expect(isCentered(base)).toBe(false);
    expect(isCentered({ ...base, centered: true })).toBe(true);
    expect(isCentered({ ...base, alpha: 0.1 })).toBe(true);
    expect(runRequest({ ...base, alpha: 10 }, circleDataset(base)).options).toMatchObject({ alpha: 10, centered: true });
  });

  it('passes the settings to the worker and records the kernel drift on every record', () => {
    const data = circleDataset(base);
    const request = runRequest({ ...base, width: 64, depth: 3, parameterization: 'mup', activation: 'erf', seed: 5, lr: 0.3 }, data);
    expect(request.network).toEqual({ inputDim: 2, width: 64, depth: 3, wStd: 1, bStd: 0.3, parameterization: 'mup', activation: 'erf', seed: 5 });
    expect(request.options).toEqual({ lr: 0.3, alpha: 1, centered: false, kernelEvery: 1 });
    expect(request.data.xTest).toHaveLength(256);
  });
});

describe('the infinite-width kernel', () => {
  const base = defaults(schema);

  it('is keyed by what it depends on (the training angles, depth, activation), not by width, parameterisation, α, η or the labels', () => {
    const key = (s: typeof base) => analyticKernelKey(circleData(s).points, s);
    const same: typeof base = { ...base, width: 32, parameterization: 'mup', alpha: 0.1, centered: true, lr: 0.5, modes: [3], seed: 7, steps: 50 };
    expect(key(same)).toBe(key(base));
    const edited = circleData(base).points;
    expect(key({ ...base, points: edited.map((p) => ({ x: p.x, y: -p.y })) })).toBe(key(base));
    expect(key({ ...base, points: edited.map((p, i) => ({ x: i === 3 ? p.x + 0.01 : p.x, y: p.y })) })).not.toBe(key(base));
    expect(key({ ...base, n: 13 })).not.toBe(key(base));
    expect(key({ ...base, depth: 2 })).not.toBe(key(base));
    expect(key({ ...base, activation: 'erf' })).not.toBe(key(base));
  });
});

describe('presets', () => {
  it('are valid settings that survive the URL round trip', () => {
    for (const preset of PRESETS) {
      const values = { ...defaults(schema), ...preset.values };
      const parsed = parseSettings(schema, serializeSettings(schema, values));
      expect(parsed.issues).toEqual([]);
      expect(matchesPreset(parsed.values, preset)).toBe(true);
    }
  });

  it('start from the lazy defaults, and each is told apart from the others', () => {
    const base = defaults(schema);
    expect(PRESETS.filter((p) => matchesPreset(base, p)).map((p) => p.id)).toEqual(['lazy']);
    for (const preset of PRESETS) {
      const values = { ...base, ...preset.values };
      expect(PRESETS.filter((p) => matchesPreset(values, p))).toEqual([preset]);
    }
  });
});
