import { flushSync } from 'svelte';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../../src/engine/engine';
import { defaults } from '../../../../src/lib/settings';
import { EigenmodeModel } from '../../../../src/widgets/eigenmode-decay/model.svelte';
import { schema } from '../../../../src/widgets/eigenmode-decay/schema';
import { RESTART_DELAY_MS } from '../../../../src/widgets/kit/settled.svelte';
import { withEffects } from '../../support/effects.svelte';
import { sleep, untilWithin } from '../../support/waiting';

// The model against the real engine (tfjs CPU backend in Node), its effects run as in a component.
const engine = createEngine();
beforeAll(async () => {
  await engine.init(['cpu']);
});

const until = untilWithin(30_000);

function createModel(overrides: Partial<ReturnType<typeof defaults<typeof schema>>> = {}) {
  const reported: unknown[] = [];
  const settings = { ...defaults(schema), width: 64, n: 16, steps: 30, ...overrides };
  const { value: model, destroy } = withEffects(() => new EigenmodeModel(() => ({ settings, issues: [], onsettingschange: (v) => reported.push(v) }), engine));
  model.visibility.onScreen = true;
  return { model, reported, destroy: () => (model.dispose(), destroy()) };
}

const readout = (model: EigenmodeModel, key: string) => [...model.readouts, ...model.moreReadouts].find((r) => r.key === key)!.value;

describe('EigenmodeModel', () => {
  it('loads at once; η changes retune the same network, the theory following at once', async () => {
    const { model, reported, destroy } = createModel();
    await until(() => model.theory !== null, 'the initial kernel');
    expect(readout(model, 'limit')).toBe(model.limit);
    // n/λ_max, where the top mode is gone in one step, is half the limit.
    expect(readout(model, 'one-step')).toBeCloseTo(16 / model.theory!.theory.eigen.values[0], 10);
    model.session.player.play();
    await until(() => model.session.step >= 30, 'the run to finish');
    expect(model.modeChart!.series.some((s) => s.kind === 'markers' && s.points.length > 0)).toBe(true);

    const created = (await engine.callCounts()).createRun;
    const curve = model.modeChart!.series.find((s) => s.id === 'predicted-1')!.points;
    model.settings.values.lr = 0.5;
    flushSync();
    expect(model.theory!.lr).toBe(0.5);
    expect(model.modeChart!.series.find((s) => s.id === 'predicted-1')!.points).not.toEqual(curve);
    expect(model.records.map((r) => r.step)).toEqual([0]);
    expect(model.live.pending).toBe(true);
    expect(reported.at(-1)).toMatchObject({ lr: 0.5 });

    await sleep(RESTART_DELAY_MS + 20);
    await until(() => model.session.step >= 30, 'the retuned run to finish');
    expect((await engine.callCounts()).createRun).toBe(created);
    destroy();
  });

  it('builds a new network when the width or the target changes, and picks the modes the new target lives in', async () => {
    const { model, destroy } = createModel({ target: 'low' });
    await until(() => model.theory !== null, 'the initial kernel');
    // cos θ: the top three modes (k = 0 and the k = 1 pair), then slower frequencies for contrast.
    expect(model.modes.slice(0, 3).map((m) => m.frequency).sort()).toEqual([0, 1, 1]);
    expect(model.modes.length).toBeGreaterThan(3);
    const created = (await engine.callCounts()).createRun;

    model.settings.values.target = 'high';
    flushSync();
    await sleep(RESTART_DELAY_MS + 20);
    await until(() => model.theory !== null && !model.live.pending, 'the new network');
    expect((await engine.callCounts()).createRun).toBe(created + 1);
    // cos 4θ is in view: both of its modes.
    expect(model.modes.filter((m) => m.frequency === 4)).toHaveLength(2);

    model.settings.values.width = 32;
    flushSync();
    await sleep(RESTART_DELAY_MS + 20);
    await until(() => model.theory !== null, 'the narrower network');
    expect((await engine.callCounts()).createRun).toBe(created + 2);
    destroy();
  });

  it('warns before training past the limit, and a diverging prediction leaves the measured markers in view', async () => {
    const { model, destroy } = createModel({ activation: 'linear', lr: 1, n: 32, width: 512, steps: 100 });
    await until(() => model.theory !== null, 'the initial kernel');
    // A linear network on the circle: K₀ has rank 3 and a large top eigenvalue, so η = 1 is past 2n/λ_max.
    expect(model.limit!).toBeLessThan(1);
    expect(model.notice).toMatch(/will diverge/);
    model.session.player.play();
    await until(() => model.session.finished, 'the run to end');
    // The prediction grows by |1 − ηλ_max/n| > 1 per step; the network may escape it by shrinking its
    // kernel or diverge too (then the message names the step the counter shows).
    if (model.session.error) expect(model.session.error).toContain(`step ${model.session.step}`);
    const markers = model.modeChart!.series.filter((s) => s.kind === 'markers').flatMap((s) => s.points);
    expect(markers.length).toBeGreaterThan(0);
    const [lo, hi] = model.modeChart!.yDomain!;
    const initial = model.theory!.theory.modeCoefficients();
    const top = Math.max(...markers.map((p) => p.y), ...model.modes.map(({ k }) => Math.abs(initial[k])));
    // The axis reaches the largest measured (or initial) residual and at most the next power of ten.
    expect(hi).toBeGreaterThanOrEqual(top);
    expect(hi).toBeLessThanOrEqual(10 * top);
    expect(markers.filter((p) => p.y >= lo && p.y <= hi).length).toBeGreaterThan(markers.length / 2);
    // The top mode's prediction grows past the axis and is cut where it leaves it.
    const predicted = model.modeChart!.series.find((s) => s.id === 'predicted-0')!.points;
    expect(predicted.at(-1)!.y).toBeGreaterThan(hi);
    predicted.slice(0, -1).forEach((p) => expect(p.y).toBeLessThanOrEqual(hi));
    destroy();
  });
});
