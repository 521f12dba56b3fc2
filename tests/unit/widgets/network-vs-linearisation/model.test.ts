import { flushSync } from 'svelte';
import { beforeAll, describe, expect, it } from 'vitest';
import { firstLook } from '../../../../content/claims';
import { createEngine } from '../../../../src/engine/engine';
import { analyticKernels, kernelRegressionMean } from '../../../../src/lib/ntk';
import { defaults } from '../../../../src/lib/settings';
import { RESTART_DELAY_MS } from '../../../../src/widgets/kit/settled.svelte';
import { MOVE_TIMEOUT_MS } from '../../../../src/widgets/kit/moveHold.svelte';
import { NetworkVsLinearisationModel } from '../../../../src/widgets/network-vs-linearisation/model.svelte';
import { InitialKernel } from '../../../../src/widgets/kit/linearisedRun';
import { largestGap } from '../../../../src/widgets/kit/functionFit';
import { GRID, NETWORK, runRequest } from '../../../../src/widgets/network-vs-linearisation/run';
import { schema } from '../../../../src/widgets/network-vs-linearisation/schema';
import { withEffects } from '../../support/effects.svelte';
import { sleep, untilWithin } from '../../support/waiting';

// The model against the real engine (tfjs CPU backend in Node), its effects run as in a component.
const engine = createEngine();
beforeAll(async () => {
  await engine.init(['cpu']);
});

const until = untilWithin(60_000);
const creates = async () => (await engine.callCounts()).createRun ?? 0;

type Settings = ReturnType<typeof defaults<typeof schema>>;
function createModel(overrides: Partial<Settings> = {}, autoplay = true) {
  const reported: Settings[] = [];
  const settings = { ...defaults(schema), width: 64, steps: 40, ...overrides };
  const { value: model, destroy } = withEffects(
    () => new NetworkVsLinearisationModel(() => ({ settings, issues: [], onsettingschange: (v) => reported.push(v) }), engine, { autoplay }),
  );
  // As if on screen (nothing observes it in Node).
  model.visibility.onScreen = true;
  flushSync();
  return { model, reported, destroy: () => (model.dispose(), destroy()) };
}

describe('NetworkVsLinearisationModel', () => {
  it('starts training by itself once on screen, and draws the network, its linearisation and the infinite-width prediction', async () => {
    const { model, destroy } = createModel();
    expect(model.session.player.playing).toBe(true);
    await until(() => model.session.step >= 40, 'the run to finish by itself');
    const ids = model.series.map((s) => s.id);
    expect(ids).toEqual(['network', 'linearised', 'infinite']);
    for (const s of model.series) expect(s.points).toHaveLength(GRID.length);
    // The infinite-width curve is the analytic-kernel prediction at the network's step: it has moved from f₀ = 0 towards the points.
    expect(Math.max(...model.curves.infinite!.map(Math.abs))).toBeGreaterThan(0.2);
    expect(model.gapLinearised).toBeGreaterThan(0);
    destroy();
  });

  it('waits for a press when asked not to start by itself (reduced motion)', async () => {
    const { model, destroy } = createModel({}, false);
    await until(() => model.session.ready, 'the run to be created');
    await sleep(300);
    expect(model.session.step).toBe(0);
    model.session.player.play();
    await until(() => model.session.step >= 40, 'the run to train after the press');
    destroy();
  });

  it('redraws the infinite-width prediction on every move of a point without touching the run, and restarts the network on drop', async () => {
    const { model, reported, destroy } = createModel({ steps: 20 });
    await until(() => model.session.step >= 20, 'the first run');
    const run = model.session.initial;
    const created = await creates();
    const before = model.curves.infinite!;

    const moved = model.points.map((p, i) => (i === 3 ? { x: 0.05, y: 1.2 } : p));
    model.editor.drag(moved);
    flushSync();
    // At once: the points and the infinite-width curve follow, the settings (URL) too …
    expect(model.points[3]).toEqual({ x: 0.05, y: 1.2 });
    expect(model.curves.infinite).not.toEqual(before);
    expect(reported.at(-1)!.points[3]).toEqual({ x: 0.05, y: 1.2 });
    // … and the network and its linearisation stay those of the run in the worker, which is not touched.
    await sleep(RESTART_DELAY_MS + 50);
    expect(model.live.pending).toBe(false);
    expect(model.session.initial).toBe(run);
    expect(await creates()).toBe(created);

    // The drawn prediction is the analytic-kernel one for the moved points (at a late step, the kernel regressor).
    const x = moved.map((p) => [p.x]);
    const { ntk } = analyticKernels([...GRID.map((g) => [g]), ...x], x, NETWORK);
    const interpolant = kernelRegressionMean(ntk.slice(0, GRID.length), ntk.slice(GRID.length), moved.map((p) => p.y));
    const late = model.infinite!.testPrediction(200_000, 'gd');
    late.forEach((f, i) => expect(f).toBeCloseTo(interpolant[i], 3));

    model.editor.commit(moved);
    flushSync();
    await until(() => model.session.initial !== null && model.session.initial !== run, 'the restarted network');
    expect(await creates()).toBe(created + 1);
    expect(model.session.initial!.yTrain[3]).toBe(1.2);
    // Still playing: the new run trains without a press.
    await until(() => model.session.step >= 20, 'the restarted run to train');
    destroy();
  });

  it('adding and removing points restart the network at once; a move that never ends counts as dropped', async () => {
    const { model, destroy } = createModel({ steps: 10 });
    await until(() => model.session.ready, 'the first run');
    let created = await creates();
    model.editor.commit([...model.points, { x: 0, y: 0 }]);
    flushSync();
    await until(() => model.session.initial?.n === 9, 'a run on nine points');
    expect(await creates()).toBe(created + 1);
    created += 1;

    model.editor.drag(model.points.map((p, i) => (i === 0 ? { x: -0.95, y: 0.5 } : p)));
    flushSync();
    await sleep(RESTART_DELAY_MS + 50);
    expect(await creates()).toBe(created);
    await sleep(MOVE_TIMEOUT_MS);
    flushSync();
    await until(() => model.session.initial?.yTrain[0] === 0.5, 'the run on the moved point');
    destroy();
  });

  it('keeps dragged points in range and rounded as the URL writes them', () => {
    const { model, destroy } = createModel();
    model.editor.drag(model.points.map((p, i) => (i === 0 ? { x: -1.7, y: 0.123456 } : p)));
    flushSync();
    expect(model.points[0]).toEqual({ x: -1, y: 0.12 });
    destroy();
  });

  it('rebuilds the network when the width changes, and only retunes it when η does', async () => {
    const { model, destroy } = createModel({ steps: 10 });
    await until(() => model.session.ready, 'the first run');
    const first = model.session.initial;
    const created = await creates();
    model.settings.values.lr = 0.5;
    flushSync();
    expect(model.linearised!.lr).toBe(0.5);
    await sleep(RESTART_DELAY_MS + 50);
    await until(() => model.session.lr === 0.5, 'the retuned run');
    expect(model.session.initial).toBe(first);
    expect(await creates()).toBe(created);

    model.settings.values.width = 32;
    flushSync();
    await until(() => model.session.initial !== null && model.session.initial !== first, 'the narrower network');
    expect(await creates()).toBe(created + 1);
    destroy();
  });
});

describe('the figure, as the essay describes it', () => {
  /**
   * The largest gap between the network and its linearisation over a run at the defaults but
   * `width` and `seed`, read every 25 steps (the widget reads more often; the gap grows with t).
   */
  async function largestGapAt(width: number, seed: number): Promise<number> {
    const settings = { ...defaults(schema), width, seed };
    const request = runRequest(settings);
    const start = await engine.createRun(request);
    const linearised = new InitialKernel(start, request.data).at(settings.lr);
    const records = [start.initial];
    while (records.at(-1)!.step < settings.steps) records.push((await engine.stepRun(start.runId, { steps: 25 })).record);
    await engine.disposeRun(start.runId);
    expect(records.some((r) => r.diverged)).toBe(false);
    return largestGap(linearised.theory, records)!;
  }

  it('"drag the width down to 16: the largest gap grows several times over" holds at the defaults', async () => {
    expect(firstLook.width).toBe(defaults(schema).width);
    for (const seed of [1, 2, 3]) {
      const wide = await largestGapAt(firstLook.width, seed);
      const narrow = await largestGapAt(firstLook.narrowWidth, seed);
      expect(wide, `seed ${seed}`).toBeLessThan(0.05);
      expect(narrow, `seed ${seed}`).toBeGreaterThan(2.5 * wide);
    }
  });
});
