import { flushSync } from 'svelte';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../../src/engine/engine';
import { defaults } from '../../../../src/lib/settings';
import { TangentFeaturesModel } from '../../../../src/widgets/tangent-features/model.svelte';
import { schema } from '../../../../src/widgets/tangent-features/schema';
import { RESTART_DELAY_MS } from '../../../../src/widgets/kit/settled.svelte';
import { withEffects } from '../../support/effects.svelte';
import { sleep, untilWithin } from '../../support/waiting';

const engine = createEngine();
const backend = { start: () => engine.init(['cpu']), recover: async () => null };
beforeAll(async () => {
  await backend.start();
});

const until = untilWithin(60_000);

function createModel() {
  const settings = defaults(schema);
  const { value: model, destroy } = withEffects(() => new TangentFeaturesModel(() => ({ settings, issues: [] }), engine, backend));
  return { model, destroy };
}

const cosine = (model: TangentFeaturesModel) => model.readouts.find((r) => r.key === 'cosine')!.value as number;

describe('TangentFeaturesModel', () => {
  it('at the defaults, the button finds two inputs whose outputs agree and whose gradients are far less aligned than the default pair’s', async () => {
    const { model, destroy } = createModel();
    await until(() => model.analysis !== null && !model.busy, 'the first measurement');
    const before = cosine(model);
    model.findEqualOutputs();
    flushSync();
    expect(model.found).not.toBeNull();
    await until(() => model.measuredAtThisLr && model.measured!.request.xa === model.settings.values.xa && !model.busy, 'the measurement at the found pair');
    const m = model.measured!.measurement;
    const range = Math.max(...m.before.slice(2)) - Math.min(...m.before.slice(2));
    expect(Math.abs(m.before[0] - m.before[1])).toBeLessThanOrEqual(0.05 * range);
    expect(Math.abs(model.settings.values.xa - model.settings.values.xb)).toBeGreaterThanOrEqual(0.3);
    const after = cosine(model);
    expect(after).toBeLessThan(before / 2);
    expect(after).toBeCloseTo(model.found!.cosine, 4);
    destroy();
  });

  it('moves the infinite-width kernel row with x_a at once, and the predicted step with η, before the worker answers', async () => {
    const { model, destroy } = createModel();
    await until(() => model.analysis !== null && !model.busy, 'the first measurement');
    const row = () => model.kernels.find((s) => s.id === 'analytic-a')!.points.map((p) => p.y);
    const peakAt = () => { const r = row(); return model.kernels[0].points[r.indexOf(Math.max(...r))].x; };
    model.settings.values.xa = 0.8;
    flushSync();
    expect(peakAt()).toBeGreaterThan(0.5);
    // The network's own row is not drawn for an x_a it was not measured at.
    expect(model.kernels.some((s) => s.id === 'own-a')).toBe(false);

    await until(() => model.measuredAtThisLr && !model.busy, 'the measurement at x_a = 0.8');
    const predicted = () => model.steps.find((s) => s.id === 'predicted')!.points.map((p) => p.y);
    const atLr = predicted();
    const samplings = (await engine.callCounts()).sampleKernels;
    model.settings.values.lr = 2 * model.settings.values.lr;
    flushSync();
    predicted().forEach((y, i) => expect(y).toBeCloseTo(2 * atLr[i], 10));
    expect(model.steps.some((s) => s.id === 'measured')).toBe(false);
    expect((await engine.callCounts()).sampleKernels).toBe(samplings);
    destroy();
  });
});

describe('the probe handles', () => {
  it('dragging x_a moves its setting and the infinite-width row on every move; the worker measures on the drop', async () => {
    const { model, destroy } = createModel();
    await until(() => model.analysis !== null && !model.busy, 'the first measurement');
    const probes = model.kernelProbes!;
    expect(probes.points.map((p) => p.x)).toEqual([model.settings.values.xa, model.settings.values.xb]);
    expect(probes.lockAxis).toBe('x');
    expect(probes.onadd).toBeUndefined();
    expect(probes.onremove).toBeUndefined();
    // Each handle sits on its own row's diagonal Θ(x, x).
    expect(probes.points[0].y).toBe(model.analytic!.a[0]);
    expect(probes.points[1].y).toBe(model.analytic!.b[1]);
    const row = () => model.kernels.find((s) => s.id === 'analytic-a')!.points.map((p) => p.y);
    const before = row();
    const measured = model.measured;

    for (const x of [-0.2, 0.1, 0.456]) {
      probes.onmove!([{ x, y: probes.points[0].y }, probes.points[1]], 0);
      flushSync();
      expect(model.settings.values.xa).toBe(Number(x.toFixed(2)));
      expect(model.kernelProbes!.points[0].x).toBe(Number(x.toFixed(2)));
    }
    expect(row()).not.toEqual(before);
    // Resting mid-drag asks the worker nothing.
    await sleep(RESTART_DELAY_MS + 50);
    expect(model.request.pending).toBe(false);
    expect(model.busy).toBe(false);
    expect(model.measured).toBe(measured);

    probes.ondrop!([{ x: 0.46, y: 0 }, probes.points[1]], 0);
    flushSync();
    await until(() => model.measured !== measured && !model.busy, 'the measurement after the drop');
    expect(model.measured!.request.xa).toBe(0.46);
    // The output chart's handles sit on the measured f at x_a and x_b.
    const m = model.measured!.measurement;
    expect(model.outputProbes!.points.map((p) => p.y)).toEqual([m.before[0], m.before[1]]);
    destroy();
  });
});
