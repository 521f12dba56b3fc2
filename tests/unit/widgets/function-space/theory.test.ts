import { describe, expect, it } from 'vitest';
import type { RunStart } from '../../../../src/engine/api';
import { analyticKernels, type Matrix } from '../../../../src/lib/ntk';
import { defaults } from '../../../../src/lib/settings';
import { functionSpaceDataset, networkSpec } from '../../../../src/widgets/function-space/run';
import { schema } from '../../../../src/widgets/function-space/schema';
import { infiniteWidthOnPage } from '../../../../src/widgets/kit/functionFit';
import { comparePaths, FunctionSpaceTheory, reanchoring } from '../../../../src/widgets/function-space/theory';
import { InitialKernel } from '../../../../src/widgets/kit/linearisedRun';
import { explicitGd, record } from '../kit/circulantRun';

const settings = defaults(schema);
const data = functionSpaceDataset(settings);
const n = data.yTrain.length;
const lr = settings.lr;
const dot = (a: readonly number[], b: readonly number[]) => a.reduce((s, ai, i) => s + ai * b[i], 0);
const matVec = (m: Matrix, v: readonly number[]) => m.map((row) => dot(row, v));

/**
 * A stand-in for a run's K₀: the analytic NTK of a deeper erf network on the same inputs (so that
 * it differs from the infinite-width kernel of the settings), rounded to float32 as the worker sends
 * it; the centred run starts at g₀ = 0.
 */
const k0 = analyticKernels(data.xTrain, data.xTrain, { depth: 2, activation: 'erf', wStd: 1.2, bStd: 0.4 }).ntk.map((row) => row.map(Math.fround));
const zeros = new Array<number>(n).fill(0);
const start: RunStart = { runId: 1, lr, initial: record(0, zeros, data.yTrain), kernelTrain: Float32Array.from(k0.flat()) };
const initial = new InitialKernel(start, { xTrain: data.xTrain, yTrain: data.yTrain });
const infinite = infiniteWidthOnPage(data, networkSpec(settings))!;
const theory = new FunctionSpaceTheory(initial.at(lr), infinite.dynamics(lr));
const [v1, v2] = theory.linearised.theory.eigen.vectors;

describe('FunctionSpaceTheory', () => {
  it('projects onto orthonormal eigenvectors of K₀ with the two largest eigenvalues', () => {
    for (const v of [v1, v2]) {
      const kv = matVec(k0, v);
      const lambda = dot(v, kv);
      expect(Math.hypot(...kv.map((x, i) => x - lambda * v[i]))).toBeLessThan(1e-9 * lambda);
      expect(dot(v, v)).toBeCloseTo(1, 12);
    }
    expect(dot(v1, v2)).toBeCloseTo(0, 12);
    expect(theory.eigenvalues[0]).toBeGreaterThan(theory.eigenvalues[1]);
    expect(theory.eigenvalues[1]).toBeGreaterThan(theory.eigenvalues[2]);
  });

  it('draws the linearised path as explicit frozen-kernel GD (I − ηK₀/n)ᵗr₀, projected, with the rest outside the plane', () => {
    for (const steps of [0, 1, 7, 60, 200]) {
      const r = explicitGd(k0, data.yTrain, zeros, lr, steps).f.map((f, i) => f - data.yTrain[i]);
      const p = theory.linearisedAt(steps);
      const scale = Math.hypot(...data.yTrain);
      expect(p.v1).toBeCloseTo(dot(v1, r), 9);
      expect(p.v2).toBeCloseTo(dot(v2, r), 9);
      expect(p.outside).toBeCloseTo(dot(r, r) - dot(v1, r) ** 2 - dot(v2, r) ** 2, 9);
      if (steps === 0) expect(Math.hypot(p.v1, p.v2) ** 2 + p.outside).toBeCloseTo(scale ** 2, 9);
    }
  });

  it('starts the infinite-width path at −y and moves it by explicit GD on the analytic NTK, seen in the K₀ basis', () => {
    const kInf = analyticKernels(data.xTrain, data.xTrain, networkSpec(settings)).ntk;
    for (const steps of [0, 5, 80]) {
      const r = explicitGd(kInf, data.yTrain, zeros, lr, steps).f.map((f, i) => f - data.yTrain[i]);
      const p = theory.infiniteAt(steps)!;
      expect(p.v1).toBeCloseTo(dot(v1, r), 9);
      expect(p.v2).toBeCloseTo(dot(v2, r), 9);
      expect(p.outside).toBeCloseTo(dot(r, r) - dot(v1, r) ** 2 - dot(v2, r) ** 2, 9);
    }
    expect(theory.infiniteAt(0)!.v1).toBeCloseTo(-dot(v1, data.yTrain), 12);
  });

  it('measures a network that follows its linearisation as on it, and one that is off by a known amount as that far', () => {
    const steps = [0, 2, 5, 20];
    const exact = steps.map((t) => record(t, explicitGd(k0, data.yTrain, zeros, lr, t).f, data.yTrain));
    const on = comparePaths(theory, exact);
    expect(on.largestDistance).toBeLessThan(1e-9);
    expect(on.largestFullDistance).toBeLessThan(1e-9);
    // Its steps are K₀'s steps: no angle between them.
    expect(on.angle!).toBeLessThan(1e-4);

    // The last record pushed by 0.1‖r₀‖ along v₂: that far in the plane and in the whole space.
    const r0 = Math.hypot(...data.yTrain);
    const pushed = exact.map((r, i) => (i === 3 ? record(r.step, r.trainOutputs.map((f, j) => f + 0.1 * r0 * v2[j]), data.yTrain) : r));
    const off = comparePaths(theory, pushed);
    expect(off.largestDistance).toBeCloseTo(0.1, 9);
    expect(off.distance).toBeCloseTo(0.1, 9);
    expect(off.largestFullDistance).toBeCloseTo(0.1, 9);
  });

  it('re-anchors the linearisation at a checkpoint: explicit GD with the kernel and outputs there, from there on', () => {
    // A checkpoint at step 12 with another kernel (the analytic one of the settings, in float32) and outputs off the K₀ path.
    const kc = analyticKernels(data.xTrain, data.xTrain, networkSpec(settings)).ntk.map((row) => row.map(Math.fround));
    const fc = explicitGd(k0, data.yTrain, zeros, lr, 12).f.map((f, i) => f + 0.05 * Math.sin(3 * i));
    const anchored = new FunctionSpaceTheory(initial.at(lr), null, reanchoring({ record: record(12, fc, data.yTrain), kernel: Float32Array.from(kc.flat()) }, data.yTrain));
    expect(anchored.anchorStep).toBe(12);
    expect(anchored.reanchoredAt(11)).toBeNull();
    for (const steps of [12, 13, 40, 200]) {
      const r = explicitGd(kc, data.yTrain, fc, lr, steps - 12).f.map((f, i) => f - data.yTrain[i]);
      const p = anchored.reanchoredAt(steps)!;
      expect(p.v1).toBeCloseTo(dot(v1, r), 9);
      expect(p.v2).toBeCloseTo(dot(v2, r), 9);
      expect(p.outside).toBeCloseTo(dot(r, r) - dot(v1, r) ** 2 - dot(v2, r) ** 2, 9);
    }
    // A network on the re-anchored path after the checkpoint is measured as on it, whatever it did before.
    const records = [record(0, zeros, data.yTrain), record(5, zeros.map(() => 0.3), data.yTrain), ...[12, 20, 50].map((t) => record(t, explicitGd(kc, data.yTrain, fc, lr, t - 12).f, data.yTrain))];
    const compared = comparePaths(anchored, records);
    expect(compared.largestReanchoredDistance).toBeLessThan(1e-9);
    expect(compared.largestDistance).toBeGreaterThan(0.01);
    expect(comparePaths(theory, records).largestReanchoredDistance).toBeNull();
  });

  it('gives the angle between the network step and the frozen-kernel step from the same residual', () => {
    const before = record(10, explicitGd(k0, data.yTrain, zeros, lr, 10).f, data.yTrain);
    const frozen = explicitGd(k0, data.yTrain, before.trainOutputs, lr, 5).f.map((f, i) => f - before.trainOutputs[i]);
    // Turn the frozen step by 30° towards a unit vector u orthogonal to it.
    const length = Math.hypot(...frozen);
    const e = frozen.map((x) => x / length);
    const w = data.xTrain.map(([x]) => x);
    const wPerp = w.map((x, i) => x - dot(w, e) * e[i]);
    const u = wPerp.map((x) => x / Math.hypot(...wPerp));
    const turned = e.map((x, i) => length * (Math.cos(Math.PI / 6) * x + Math.sin(Math.PI / 6) * u[i]));
    const after = record(15, before.trainOutputs.map((f, i) => f + turned[i]), data.yTrain);
    expect(theory.stepAngle(before, after)).toBeCloseTo(30, 6);
    expect(theory.stepAngle(before, before)).toBeNull();
  });
});
