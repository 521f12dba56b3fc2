import { flushSync } from 'svelte';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../../src/engine/engine';
import { defaults } from '../../../../src/lib/settings';
import { KernelExplorerModel } from '../../../../src/widgets/kernel-explorer/model.svelte';
import { GRID } from '../../../../src/widgets/kernel-explorer/run';
import { schema } from '../../../../src/widgets/kernel-explorer/schema';
import { withEffects } from '../../support/effects.svelte';
import { untilWithin } from '../../support/waiting';

// The model against the real engine (tfjs CPU backend in Node), its effects run as in a component.
const engine = createEngine();
const backend = { start: () => engine.init(['cpu']), recover: async () => null };
beforeAll(async () => {
  await backend.start();
});

const until = untilWithin(60_000);

function createModel(overrides: Partial<ReturnType<typeof defaults<typeof schema>>> = {}) {
  const settings = { ...defaults(schema), ...overrides };
  const { value: model, destroy } = withEffects(() => new KernelExplorerModel(() => ({ settings, issues: [] }), engine, backend));
  return { model, destroy };
}

describe('KernelExplorerModel', () => {
  it('at the defaults, quadrupling the width roughly halves the mean deviation, as the chapter says (1/√m)', async () => {
    const { model, destroy } = createModel();
    await until(() => model.complete, 'the samples at width 256');
    const at256 = model.spread!;
    expect(model.status).toBe(`Sampled ${model.seeds} networks at each of 5 widths`);
    model.settings.values.width = 1024;
    flushSync();
    await until(() => model.width === 1024 && model.cloudComplete, 'the samples at width 1024', 120_000);
    const ratio = model.spread! / at256;
    // 1/√4 = 0.5; with 8 networks each the measured ratio scatters around it.
    expect(ratio).toBeGreaterThan(0.35);
    expect(ratio).toBeLessThan(0.7);
    destroy();
  });

  it('redraws the analytic kernel on every input event, before any network is sampled for it', async () => {
    const { model, destroy } = createModel({ width: 32, seeds: 2 });
    await until(() => model.complete, 'the first samples');
    const relu = model.analytic.ntk[GRID.centre];
    expect(relu).toBeCloseTo(1, 12);
    model.settings.values.activation = 'erf';
    flushSync();
    // For erf, σ_w = 1, σ_b = 0, x·x/d = 1: Θ(x, x) = (2/π)asin(2/3) + (4/π)/√5 (Williams 1997 and its derivative term).
    expect(model.analytic.ntk[GRID.centre]).toBeCloseTo((2 / Math.PI) * Math.asin(2 / 3) + 4 / Math.PI / Math.sqrt(5), 10);
    expect(model.request.pending).toBe(true);
    // The cloud of the old networks is not drawn against the new kernel.
    expect(model.profile.find((s) => s.id === 'sampled')!.points).toEqual([]);
    await until(() => !model.request.pending && model.complete, 'the erf samples');
    destroy();
  });

  it('draws the slope −1/2 guide apart from the fitted line', async () => {
    const { model, destroy } = createModel({ width: 64, seeds: 3 });
    await until(() => model.complete, 'the samples');
    const [guide] = model.guide;
    const fit = model.errors.find((s) => s.id === 'fit')!;
    expect(guide.points[0].x).toBe(fit.points[0].x);
    expect(guide.points[0].y / fit.points[0].y).toBeGreaterThan(1.4);
    destroy();
  });
});
