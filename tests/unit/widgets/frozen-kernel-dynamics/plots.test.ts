import { describe, expect, it } from 'vitest';
import { DIVERGENCE_FACTOR, lossPlot, maxLossGap, maxOutputGap, stabilityPlot } from '../../../../src/widgets/frozen-kernel-dynamics/plots';
import { circulant, circulantRun, dftEigenvalue, explicitGd, record } from '../kit/circulantRun';

const c = [2.5, 1, 0.4, 0.15, 0.1, 0.15, 0.4, 1];
const n = c.length;
const kernel = circulant(c);
const lambdas = Array.from({ length: n }, (_, m) => dftEigenvalue(c, m));
const lambdaMax = Math.max(...lambdas);
const lambdaMin = Math.min(...lambdas);
const yTrain = [1, 0.4, -0.3, -1, -0.2, 0.5, 0.9, 0.1];
const f0Train = [0.2, -0.1, 0.1, 0.3, -0.2, 0, 0.1, -0.3];
const halfSquares = (f: number[]) => f.reduce((s, fi, i) => s + (fi - yTrain[i]) ** 2, 0) / (2 * n);

describe('lossPlot', () => {
  const lr = 1.2;
  const run = circulantRun({ c, yTrain, f0Train, lr });
  const horizon = 30;
  const records = [0, 3, 10].map((t) => record(t, explicitGd(kernel, yTrain, f0Train, lr, t).f, yTrain));
  const plot = lossPlot(run, records, horizon);
  const series = (id: string) => plot.series.find((s) => s.id === id)!;

  it('draws the linearised loss of explicit frozen-kernel GD and the flow bound with the DFT λ_min', () => {
    const linearised = series('linearised').points;
    expect(linearised.map((p) => p.x)).toEqual(Array.from({ length: horizon + 1 }, (_, t) => t));
    for (const p of linearised) expect(p.y).toBeCloseTo(halfSquares(explicitGd(kernel, yTrain, f0Train, lr, p.x).f), 10);
    const loss0 = halfSquares(f0Train);
    // λ_min of the float32-rounded kernel differs from the DFT of c by ~1e-8 relative.
    for (const p of series('bound').points) expect(p.y).toBeCloseTo(loss0 * Math.exp((-2 * lr * lambdaMin * p.x) / n), 8);
    // Under gradient flow the bound holds; GD at this η (below n/λ_max) stays under it too.
    linearised.forEach((p, i) => expect(p.y).toBeLessThanOrEqual(series('bound').points[i].y * (1 + 1e-9)));
    expect(series('measured').points).toEqual(records.map((r) => ({ x: r.step, y: r.trainLoss })));
    expect(series('measured').kind).toBe('markers');
    expect(plot.yDomain![0]).toBeLessThanOrEqual(Math.min(...linearised.map((p) => p.y)));
    expect(plot.yDomain![1]).toBeGreaterThanOrEqual(loss0);
    expect(plot.yDomain![1]).toBeLessThan(10 * loss0);
  });

  it('past 2n/λ_max draws the growing prediction until it passes the divergence threshold, never a non-finite value', () => {
    const unstable = circulantRun({ c, yTrain, f0Train, lr: (1.5 * 2 * n) / lambdaMax });
    const diverging = lossPlot(unstable, [record(0, f0Train, yTrain)], 2000);
    const points = diverging.series.find((s) => s.id === 'linearised')!.points;
    const cap = DIVERGENCE_FACTOR * halfSquares(f0Train);
    expect(points.length).toBeLessThan(2001);
    expect(points[points.length - 1].y).toBeGreaterThan(cap);
    points.slice(0, -1).forEach((p) => expect(p.y).toBeLessThanOrEqual(cap));
    for (const s of diverging.series) for (const p of s.points) expect(Number.isFinite(p.y)).toBe(true);
    expect(diverging.yDomain!.every(Number.isFinite)).toBe(true);
  });
});

describe('maxLossGap and maxOutputGap', () => {
  it('is zero on explicit frozen-kernel GD and the largest relative loss error otherwise, ignoring the initial record', () => {
    const lr = 0.8;
    const run = circulantRun({ c, yTrain, f0Train, lr });
    const at = (t: number, scale = 1) => {
      const f = explicitGd(kernel, yTrain, f0Train, lr, t).f;
      return record(t, f.map((fi, i) => yTrain[i] + scale * (fi - yTrain[i])), yTrain);
    };
    expect(maxLossGap(run, [at(0, 3), at(5), at(20)])).toBeLessThan(1e-6);
    expect(maxLossGap(run, [at(0), at(5, 1.2), at(20, 0.9)])).toBeCloseTo(1.2 ** 2 - 1, 6);
    expect(maxOutputGap(run, [at(0), at(5), at(20)])).toBeLessThan(1e-6);
    // Scaling the residual by s moves the outputs by (s − 1)‖r_t‖.
    const r = (t: number) => Math.hypot(...explicitGd(kernel, yTrain, f0Train, lr, t).f.map((fi, i) => fi - yTrain[i]));
    const r0 = r(0);
    expect(maxOutputGap(run, [at(0), at(5, 1.2), at(20, 0.9)])).toBeCloseTo(Math.max(0.2 * r(5), 0.1 * r(20)) / r0, 6);
  });
});

describe('stabilityPlot', () => {
  it('marks |1 − ηλ/n| of the top and bottom DFT eigenvalues at the chosen η and the limit 2n/λ_max', () => {
    const lr = 0.5;
    const run = circulantRun({ c, yTrain, f0Train, lr });
    const plot = stabilityPlot(run, [1e-3, 100]);
    const now = plot.series.find((s) => s.id === 'now')!.points;
    expect(now[0]).toEqual({ x: lr, y: expect.closeTo(Math.abs(1 - (lr * lambdaMax) / n), 6) });
    expect(now[1]).toEqual({ x: lr, y: expect.closeTo(Math.abs(1 - (lr * lambdaMin) / n), 6) });
    const limitLine = plot.referenceLines.find((l) => l.label === '2n/λ_max')!;
    limitLine.points.forEach((p) => expect(p.x).toBeCloseTo((2 * n) / lambdaMax, 5));
    const top = plot.series.find((s) => s.id === 'top')!.points;
    expect(top.find((p) => Math.abs(p.x - (2 * n) / lambdaMax) < 1e-6)!.y).toBeCloseTo(1, 6);
    // A limit outside the slider's range gets no vertical line.
    expect(stabilityPlot(run, [1e-3, 1]).referenceLines.map((l) => l.label)).toEqual(['factor 1']);
  });
});
