import { describe, expect, it } from 'vitest';
import { markedPoints } from '../../../../src/charts/paths';
import { analyticKernels } from '../../../../src/lib/ntk';
import { defaults } from '../../../../src/lib/settings';
import { outsidePlot, planePlot } from '../../../../src/widgets/function-space/plots';
import { functionSpaceDataset, networkSpec } from '../../../../src/widgets/function-space/run';
import { schema } from '../../../../src/widgets/function-space/schema';
import { infiniteWidthOnPage } from '../../../../src/widgets/kit/functionFit';
import { comparePaths, FunctionSpaceTheory, reanchoring } from '../../../../src/widgets/function-space/theory';
import { InitialKernel } from '../../../../src/widgets/kit/linearisedRun';
import { explicitGd, record } from '../kit/circulantRun';

const settings = defaults(schema);
const data = functionSpaceDataset(settings);
const n = data.yTrain.length;
const spectrum = infiniteWidthOnPage(data, networkSpec(settings))!;
// K₀ = the analytic NTK itself (float32), so the network below, explicit GD on it, is exactly its linearisation.
const kernel = analyticKernels(data.xTrain, data.xTrain, networkSpec(settings)).ntk.map((row) => row.map(Math.fround));
const zeros = new Array<number>(n).fill(0);
const initial = new InitialKernel(
  { runId: 1, lr: settings.lr, initial: record(0, zeros, data.yTrain), kernelTrain: Float32Array.from(kernel.flat()) },
  { xTrain: data.xTrain, yTrain: data.yTrain },
);
const theoryAt = (lr: number) => new FunctionSpaceTheory(initial.at(lr), spectrum.dynamics(lr));
const records = [0, 1, 2, 4, 9, 20].map((t) => record(t, explicitGd(kernel, data.yTrain, zeros, settings.lr, t).f, data.yTrain));

describe('planePlot', () => {
  const theory = theoryAt(settings.lr);
  const plot = planePlot(theory, comparePaths(theory, records), 100);
  const path = (id: string) => plot.paths.find((p) => p.id === id)!;

  it('marks both predictions at exactly the network’s steps, drawn over the horizon, and the fit at the origin, not read', () => {
    for (const id of ['linearised', 'infinite']) {
      expect(markedPoints(path(id)).map((p) => p.t)).toEqual(records.map((r) => r.step));
      expect(path(id).points.at(-1)!.t).toBe(100);
    }
    expect(markedPoints(path('network')).map((p) => p.t)).toEqual(records.map((r) => r.step));
    // With K₀ the analytic kernel, the network (explicit GD on it) lies on both predictions.
    for (const p of path('network').points) {
      const q = path('linearised').points.find((l) => l.t === p.t)!;
      expect(Math.hypot(p.x - q.x, p.y - q.y)).toBeLessThan(1e-9);
    }
    expect(path('fit')).toMatchObject({ readout: false, points: [{ x: 0, y: 0 }] });
    // The plot covers the start −y and the fit.
    const start = path('network').points[0];
    expect(plot.xDomain[0]).toBeLessThan(Math.min(0, start.x));
    expect(plot.xDomain[1]).toBeGreaterThan(Math.max(0, start.x));
    expect(plot.yDomain[0]).toBeLessThan(Math.min(0, start.y));
    expect(plot.yDomain[1]).toBeGreaterThan(Math.max(0, start.y));
  });

  it('cuts a diverging prediction where it leaves twice ‖r₀‖, and keeps the plot on what lies within', () => {
    const diverging = theoryAt(3 * initial.stabilityLimit);
    const cut = planePlot(diverging, comparePaths(diverging, records.slice(0, 1)), 200);
    const points = cut.paths.find((p) => p.id === 'linearised')!.points;
    const radius = points.map((p) => Math.hypot(p.x, p.y));
    expect(radius.at(-1)!).toBeGreaterThan(2 * diverging.r0Norm);
    expect(radius.slice(0, -1).every((r) => r <= 2 * diverging.r0Norm)).toBe(true);
    expect(cut.xDomain[1] - cut.xDomain[0]).toBeLessThan(5 * diverging.r0Norm);
  });
});

describe('the re-anchored linearisation', () => {
  // A checkpoint at step 9 with another kernel (2K₀: the step halves each mode's time) and the network's outputs there.
  const doubled = Float32Array.from(kernel.flat().map((k) => 2 * k));
  const checkpoint = { record: records[4], kernel: doubled };
  const theory = new FunctionSpaceTheory(initial.at(settings.lr), spectrum.dynamics(settings.lr), reanchoring(checkpoint, data.yTrain));

  it('is drawn from its checkpoint to the horizon, marked at the network’s later steps, in the plane and outside it', () => {
    const plot = planePlot(theory, comparePaths(theory, records), 100);
    const path = plot.paths.find((p) => p.id === 'reanchored')!;
    expect(path.label).toMatch(/re-anchored at step 9/);
    expect(path.points[0].t).toBe(9);
    expect(path.points.at(-1)!.t).toBe(100);
    expect(markedPoints(path).map((p) => p.t)).toEqual([9, 20]);
    // It starts where the network is at the checkpoint, and at step 20 it is GD with 2K₀ for 11 steps from there.
    const network = plot.paths.find((p) => p.id === 'network')!.points.find((p) => p.t === 9)!;
    expect(path.points[0].x).toBeCloseTo(network.x, 9);
    expect(path.points[0].y).toBeCloseTo(network.y, 9);
    const at20 = explicitGd(kernel.map((row) => row.map((k) => 2 * k)), data.yTrain, records[4].trainOutputs, settings.lr, 11).f.map((f, i) => f - data.yTrain[i]);
    const [v1, v2] = theory.linearised.theory.eigen.vectors;
    const dot = (a: number[], b: number[]) => a.reduce((s, ai, i) => s + ai * b[i], 0);
    const p20 = path.points.find((p) => p.t === 20)!;
    expect(p20.x).toBeCloseTo(dot(v1, at20), 6);
    expect(p20.y).toBeCloseTo(dot(v2, at20), 6);
    const outside = outsidePlot(theory, comparePaths(theory, records), 100).series.find((s) => s.id === 'reanchored')!;
    expect(outside.points[0].x).toBe(9);
  });

  it('is not drawn without a checkpoint', () => {
    const plain = theoryAt(settings.lr);
    expect(planePlot(plain, comparePaths(plain, records), 100).paths.map((p) => p.id)).not.toContain('reanchored');
    expect(outsidePlot(plain, comparePaths(plain, records), 100).series.map((s) => s.id)).not.toContain('reanchored');
  });
});

describe('outsidePlot', () => {
  it('gives the energy outside the plane as a share of ‖r₀‖², starting where the plane’s share leaves off', () => {
    const theory = theoryAt(settings.lr);
    const plot = outsidePlot(theory, comparePaths(theory, records), 100);
    const start = theory.linearisedAt(0);
    const share0 = 1 - (start.v1 ** 2 + start.v2 ** 2) / theory.r0Norm ** 2;
    for (const s of plot.series) expect(s.points[0]).toMatchObject({ x: 0 });
    expect(plot.series.find((s) => s.id === 'network')!.points[0].y).toBeCloseTo(share0, 9);
    expect(plot.series.find((s) => s.id === 'linearised')!.points[0].y).toBeCloseTo(share0, 9);
    expect(plot.yDomain[0]).toBe(0);
    expect(plot.yDomain[1]).toBeGreaterThanOrEqual(share0);
  });
});
