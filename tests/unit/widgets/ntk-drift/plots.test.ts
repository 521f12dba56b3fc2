import { describe, expect, it } from 'vitest';
import { formatReadout } from '../../../../src/lib/format';
import { describeByWidth, driftOverSteps, latestByWidth, lossPlot, movementOverSteps, widthScaling } from '../../../../src/widgets/ntk-drift/plots';
import type { DriftRecord } from '../../../../src/widgets/ntk-drift/run';
import { widthTheories } from '../../../../src/widgets/ntk-drift/theory';
import { circulant, circulantRun, explicitGd } from '../kit/circulantRun';

const record = (step: number, kernelChange: number | undefined, move: number): DriftRecord => ({
  step,
  trainLoss: 1 / (1 + step),
  kernelChange,
  paramChange: move,
  firstLayerChange: 2 * move,
});

const runs = [
  { width: 64, records: [record(0, 0, 0), record(5, 0.02, 0.1), record(10, undefined, 0.15), record(15, 0.05, 0.2)] },
  { width: 256, records: [record(0, 0, 0), record(5, 0.004, 0.05)] },
];

describe('curves against step', () => {
  it('plot the measured drift per width, leaving out the zero at initialisation and unmeasured records', () => {
    const series = driftOverSteps(runs);
    expect(series.map((s) => s.label)).toEqual(['m = 64', 'm = 256']);
    expect(series[0].points).toEqual([{ x: 5, y: 0.02 }, { x: 15, y: 0.05 }]);
    expect(series[0].kind).toBe('line+markers');
    expect(series.map((s) => s.colorIndex)).toEqual([0, 1]);
  });

  it('draw all parameters solid and the first layer dashed, in the width’s colour', () => {
    const series = movementOverSteps(runs);
    expect(series.map((s) => [s.label, s.colorIndex, !!s.dashed])).toEqual([
      ['m = 64, all θ', 0, false],
      ['m = 64, first layer', 0, true],
      ['m = 256, all θ', 1, false],
      ['m = 256, first layer', 1, true],
    ]);
    expect(series[1].points.map((p) => p.y)).toEqual([0.2, 0.3, 0.4]);
  });
});

describe('latestByWidth', () => {
  it('takes each width’s last measured value', () => {
    expect(latestByWidth(runs, (r) => r.kernelChange)).toEqual([{ x: 64, y: 0.05 }, { x: 256, y: 0.004 }]);
    expect(latestByWidth([{ width: 32, records: [] }], (r) => r.paramChange)).toEqual([]);
  });
});

describe('widthScaling', () => {
  const points = [{ x: 1024, y: 0.003 }, { x: 64, y: 0.2 }, { x: 256, y: 0.02 }];

  it('fits the points and draws guides of slope −1/2 and −1 through the narrowest width', () => {
    const view = widthScaling(points, 'kernel drift');
    const expected = Math.log(0.003 / 0.2) / Math.log(1024 / 64);
    // Three points off a line: the fit is near, but not equal to, the end-to-end slope.
    expect(view.fit!.slope).toBeGreaterThan(expected - 0.2);
    expect(view.fit!.slope).toBeLessThan(expected + 0.2);
    // One marker per width, coloured as that width is in the other charts (runs' order), then the fit.
    expect(view.series.map((s) => [s.label, s.kind, s.colorIndex])).toEqual([
      ['m = 1024', 'markers', 0],
      ['m = 64', 'markers', 1],
      ['m = 256', 'markers', 2],
      [`kernel drift: fit, slope ${formatReadout(view.fit!.slope)}`, 'line', 6],
    ]);
    expect(view.series[3].points.map((p) => p.x)).toEqual([64, 1024]);
    for (const [guide, slope] of [[view.guides[0], -0.5], [view.guides[1], -1]] as const) {
      const [a, b] = guide.points;
      expect(a).toEqual({ x: 64, y: 0.2 });
      expect(b.x).toBe(1024);
      expect(Math.log(b.y / a.y) / Math.log(b.x / a.x)).toBeCloseTo(slope, 12);
    }
  });

  it('chooses axes that show every marker, the fit and both guides, spanning at least one decade', () => {
    for (const pts of [points, [{ x: 32, y: 0.5 }, { x: 128, y: 0.3 }]]) {
      const view = widthScaling(pts, 'kernel drift');
      const all = [...view.series.flatMap((s) => s.points), ...view.guides.flatMap((g) => g.points)];
      const [lo, hi] = view.yDomain!;
      const [xLo, xHi] = view.xDomain!;
      expect(lo).toBeLessThan(Math.min(...all.map((p) => p.y)));
      expect(hi).toBeGreaterThan(Math.max(...all.map((p) => p.y)));
      expect(xLo).toBeLessThan(Math.min(...all.map((p) => p.x)));
      expect(xHi).toBeGreaterThan(Math.max(...all.map((p) => p.x)));
      // Two powers of ten inside each axis, so that it can be labelled at decades.
      for (const [a, b] of [view.xDomain!, view.yDomain!]) expect(Math.floor(Math.log10(b)) - Math.ceil(Math.log10(a))).toBeGreaterThanOrEqual(1);
    }
  });

  it('draws no fit or guide from a single width', () => {
    const view = widthScaling([{ x: 64, y: 0.1 }, { x: 128, y: 0 }], 'kernel drift');
    expect(view.fit).toBeNull();
    expect(view.guides).toEqual([]);
    expect(view.series.map((s) => s.points.length)).toEqual([1, 0]);
  });
});

describe('text alternatives', () => {
  it('list each width’s value', () => {
    expect(describeByWidth([{ x: 64, y: 0.5 }, { x: 256, y: 0.125 }])).toBe('0.5 at m = 64, 0.125 at m = 256');
  });
});

describe('lossPlot', () => {
  // Two widths' K₀, circulant so that the prediction can be checked against explicit GD.
  const yTrain = [1, 0, -1, 0, 1, 0];
  const f0 = [0.1, -0.2, 0.05, 0.3, -0.1, 0];
  const kernels = { 16: [3, 1, 0.2, 0.1, 0.2, 1], 64: [2.5, 0.8, 0.1, 0, 0.1, 0.8] };
  const widthRuns = Object.entries(kernels).map(([width, c]) => ({ width: Number(width), initial: circulantRun({ c, yTrain, f0Train: f0, lr: 1 }).initial }));
  const histories = widthRuns.map(({ width }) => ({ width, records: [record(0, 0, 0), record(5, 0.01, 0.1)] }));

  it('draws each width’s measured loss and, dashed in its colour, explicit GD on its own frozen K₀ at the rule’s η', () => {
    const theories = widthTheories(widthRuns, { kind: 'fraction', fraction: 0.1 });
    const { series } = lossPlot(histories, theories, 40);
    expect(series.map((s) => [s.id, s.kind, s.colorIndex, !!s.dashed])).toEqual([
      ['loss-16', 'markers', 0, false],
      ['linearised-16', 'line', 0, true],
      ['loss-64', 'markers', 1, false],
      ['linearised-64', 'line', 1, true],
    ]);
    expect(series[0].points).toEqual([{ x: 0, y: 1 }, { x: 5, y: 1 / 6 }]);
    for (const [i, c] of Object.values(kernels).entries()) {
      const { lr } = theories[i];
      const line = series[2 * i + 1].points;
      const at = line.find((p) => p.x === 20)!;
      const { f } = explicitGd(circulant(c), yTrain, f0, lr, 20);
      expect(at.y).toBeCloseTo(f.reduce((s, fi, j) => s + (fi - yTrain[j]) ** 2, 0) / (2 * yTrain.length), 10);
      expect(line.at(-1)!.x).toBe(40);
    }
  });

  it('stops a diverging prediction once it leaves the chart', () => {
    const theories = widthTheories(widthRuns, { kind: 'fixed', lr: 10 });
    expect(theories.every((t) => t.lr > t.limit)).toBe(true);
    const { series, yDomain } = lossPlot(histories, theories, 400);
    const line = series[1].points;
    expect(line.at(-1)!.x).toBeLessThan(400);
    expect(line.at(-1)!.y).toBeGreaterThan(yDomain![0]);
    expect(line.every((p) => Number.isFinite(p.y))).toBe(true);
  });
});
