import { flushSync } from 'svelte';
import { beforeAll, describe, expect, it } from 'vitest';
import { announceCommit } from '../../../../src/controls/commits';
import { createEngine } from '../../../../src/engine/engine';
import { defaults } from '../../../../src/lib/settings';
import { FrozenKernelModel } from '../../../../src/widgets/frozen-kernel-dynamics/model.svelte';
import { schema } from '../../../../src/widgets/frozen-kernel-dynamics/schema';
import { RESTART_DELAY_MS } from '../../../../src/widgets/kit/settled.svelte';
import { withEffects } from '../../support/effects.svelte';
import { sleep, untilWithin } from '../../support/waiting';

// The model against the real engine (tfjs CPU backend in Node), its effects run as in a component.
const engine = createEngine();
beforeAll(async () => {
  await engine.init(['cpu']);
});

const until = untilWithin(20_000);

function createModel(overrides: Partial<ReturnType<typeof defaults<typeof schema>>> = {}) {
  const reported: unknown[] = [];
  const settings = { ...defaults(schema), width: 64, n: 12, steps: 30, ...overrides };
  const { value: model, destroy } = withEffects(() => new FrozenKernelModel(() => ({ settings, issues: [], onsettingschange: (v) => reported.push(v) }), engine));
  // As if on screen (nothing observes it in Node).
  model.visibility.onScreen = true;
  return { model, reported, destroy: () => (model.dispose(), destroy()) };
}

describe('FrozenKernelModel', () => {
  it('loads its run at once, and the theory follows η on every change while the records wait for their run', async () => {
    const { model, reported, destroy } = createModel();
    await until(() => model.theory !== null, 'the initial kernel');
    const limit = model.limit!;
    expect(model.readouts.find((r) => r.key === 'limit')!.value).toBe(limit);
    model.session.player.play();
    await until(() => model.session.step >= 30, 'the run to finish');
    expect(model.records.length).toBeGreaterThan(3);

    const created = (await engine.callCounts()).createRun;
    model.settings.values.lr = 0.5;
    flushSync();
    // Theory at the new η at once; the measured records beyond step 0 belong to the old η and are hidden.
    expect(model.theory!.lr).toBe(0.5);
    expect(model.records.map((r) => r.step)).toEqual([0]);
    expect(model.live.pending).toBe(true);
    expect(reported.at(-1)).toMatchObject({ lr: 0.5 });

    await sleep(RESTART_DELAY_MS + 20);
    expect(model.live.pending).toBe(false);
    expect(model.session.lr).toBe(0.5);
    // Still playing: the retuned run trains without another press, on the same network.
    await until(() => model.session.step >= 30, 'the retuned run to finish');
    expect((await engine.callCounts()).createRun).toBe(created);
    expect(model.records.at(-1)!.step).toBe(30);
    destroy();
  });

  it('builds a new network when the width changes, and only moves the horizon when the step count does', async () => {
    const { model, destroy } = createModel();
    await until(() => model.theory !== null, 'the initial kernel');
    const first = model.session.initial;
    const created = (await engine.callCounts()).createRun;

    model.settings.values.steps = 40;
    flushSync();
    expect(model.session.horizon).toBe(40);
    await sleep(RESTART_DELAY_MS + 20);
    expect(model.session.initial).toBe(first);

    model.settings.values.width = 32;
    flushSync();
    await sleep(RESTART_DELAY_MS + 20);
    await until(() => model.session.initial !== null && model.session.initial !== first, 'the new network');
    expect((await engine.callCounts()).createRun).toBe(created + 1);
    destroy();
  });

  it('restarts at once on a committed change (a key press, a typed value), while a change mid-drag waits for the input to rest', async () => {
    const { model, destroy } = createModel();
    await until(() => model.theory !== null, 'the initial kernel');
    const first = model.session.initial;
    const created = (await engine.callCounts()).createRun;

    // As a control's event handler does: the value, then the commit, before any effect has run.
    model.settings.values.width = 32;
    announceCommit();
    flushSync();
    expect(model.live.pending).toBe(false);
    // The new network is already being built: the old K₀ is gone from the session.
    expect(model.session.initial).toBeNull();
    await until(() => model.session.initial !== null, 'the new network');
    expect((await engine.callCounts()).createRun).toBe(created + 1);
    const second = model.session.initial;

    model.settings.values.width = 48;
    flushSync();
    expect(model.live.pending).toBe(true);
    expect(model.session.initial).toBe(second);
    // The end of the drag (the slider's change event) takes the waiting value at once.
    announceCommit();
    flushSync();
    expect(model.live.pending).toBe(false);
    await until(() => model.session.initial !== null && model.session.initial !== second, 'the third network');
    expect((await engine.callCounts()).createRun).toBe(created + 2);
    expect(first).not.toBe(second);
    destroy();
  });

  it('warns before training when η is past or near the limit, and names the regime under μP', async () => {
    const { model, destroy } = createModel();
    await until(() => model.theory !== null, 'the initial kernel');
    expect(model.notice).toBeNull();
    model.settings.values.lr = 2 * model.limit!;
    flushSync();
    expect(model.notice).toMatch(/will diverge/);
    model.settings.values.lr = 0.95 * model.limit!;
    flushSync();
    expect(model.notice).toMatch(/within 10 %/);
    model.settings.values.lr = 0.1;
    model.settings.values.parameterization = 'mup';
    flushSync();
    expect(model.notice).toMatch(/μP/);
    destroy();
  });

  it('the drag: each move redraws the infinite-width prediction at once, the network restarts only on drop', async () => {
    const { model, reported, destroy } = createModel({ dataset: 'regression1d', n: 8 });
    model.session.player.play();
    await until(() => model.session.step >= 30, 'the first run');
    const run = model.session.initial;
    const created = (await engine.callCounts()).createRun;
    const infinite = () => model.fit.find((s) => s.id === 'infinite')!.points.map((p) => p.y);
    const before = infinite();

    const moved = model.data.points.map((p, i) => (i === 2 ? { x: p.x, y: p.y + 1 } : p));
    model.editor.drag(moved);
    flushSync();
    expect(infinite()).not.toEqual(before);
    expect(model.data.points[2].y).toBeCloseTo(moved[2].y, 2);
    // The edited points are now the data (n unchanged); the URL gets them at once.
    expect(reported.at(-1)).toMatchObject({ n: 8, points: expect.any(Array) });
    await sleep(RESTART_DELAY_MS + 50);
    expect(model.session.initial).toBe(run);
    expect((await engine.callCounts()).createRun).toBe(created);

    model.editor.commit(moved);
    flushSync();
    // The drop is final: no wait for the input to rest.
    expect(model.live.pending).toBe(false);
    await until(() => model.session.initial !== null && model.session.initial !== run, 'the network on the moved point');
    expect((await engine.callCounts()).createRun).toBe(created + 1);
    expect(model.session.initial!.yTrain[2]).toBeCloseTo(moved[2].y, 2);
    // Still playing: the new network trains without a press.
    await until(() => model.session.step >= 30, 'the new run');
    destroy();
  });

  it('n follows the edited points, and moving n goes back to generated data; each data set keeps its own points', async () => {
    const circlepoints = [0.5, 1.5, 2.5, 3.5, 4.5].map((x) => ({ x, y: Math.cos(x) }));
    const { model, destroy } = createModel({ n: 20, circlepoints });
    // Points from a link set n to their count.
    expect(model.settings.values.n).toBe(5);
    expect(model.data.points).toEqual(circlepoints);
    await until(() => model.session.initial?.n === 5, 'a run on the five points');

    // Removing a point (the chart's remove) keeps n in step.
    model.editor.commit(circlepoints.slice(1));
    flushSync();
    expect(model.settings.values.n).toBe(4);

    // The other data set has no edited points: n applies to its generated data.
    model.settings.values.dataset = 'regression1d';
    flushSync();
    expect(model.data.points).toHaveLength(4);
    model.settings.values.n = 10;
    flushSync();
    expect(model.data.points).toHaveLength(10);
    // Back on the circle its points return, and n with them; moving n then regenerates.
    model.settings.values.dataset = 'circle';
    flushSync();
    expect(model.settings.values.n).toBe(4);
    model.settings.values.n = 12;
    flushSync();
    expect(model.settings.values.circlepoints).toEqual([]);
    expect(model.data.points).toHaveLength(12);
    destroy();
  });

  it('draws no infinite-width curve where there is none (standard parameterisation)', async () => {
    const { model, destroy } = createModel({ parameterization: 'standard', lr: 0.01 });
    await until(() => model.theory !== null, 'the initial kernel');
    expect(model.fit.map((s) => s.id)).toEqual(['network', 'linearised']);
    destroy();
  });
});

