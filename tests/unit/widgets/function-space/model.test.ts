import { flushSync } from 'svelte';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../../src/engine/engine';
import { defaults } from '../../../../src/lib/settings';
import { FunctionSpaceModel } from '../../../../src/widgets/function-space/model.svelte';
import { schema } from '../../../../src/widgets/function-space/schema';
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
  const settings = { ...defaults(schema), width: 64, n: 10, steps: 30, ...overrides };
  const { value: model, destroy } = withEffects(() => new FunctionSpaceModel(() => ({ settings, issues: [], onsettingschange: (v) => reported.push(v) }), engine));
  model.visibility.onScreen = true;
  return { model, reported, destroy: () => (model.dispose(), destroy()) };
}

const readout = (model: FunctionSpaceModel, key: string) => [...model.readouts, ...model.moreReadouts].find((r) => r.key === key)!.value as number;
const pathPoints = (model: FunctionSpaceModel, id: string) => model.plane!.paths.find((p) => p.id === id)?.points;

describe('FunctionSpaceModel', () => {
  it('loads at once; the network, its linearisation and the infinite-width prediction all start at −y', async () => {
    const { model, destroy } = createModel();
    await until(() => model.theory !== null, 'the initial kernel');
    const [v1, v2] = model.theory!.linearised.theory.eigen.vectors;
    const y = model.data.yTrain;
    const minusY = (v: number[]) => -v.reduce((s, vi, i) => s + vi * y[i], 0);
    for (const path of ['network', 'linearised', 'infinite']) {
      expect(readout(model, `${path}-v1`)).toBeCloseTo(minusY(v1), 5);
      expect(readout(model, `${path}-v2`)).toBeCloseTo(minusY(v2), 5);
    }
    expect(pathPoints(model, 'linearised')!.length).toBeGreaterThan(10);
    expect(pathPoints(model, 'infinite')!.length).toBeGreaterThan(10);
    // The plane holds part of ‖y‖², the rest is outside it.
    const share = readout(model, 'plane-share');
    expect(share).toBeGreaterThan(0.2);
    expect(share).toBeLessThan(1);
    expect(readout(model, 'outside-linearised')).toBeCloseTo(1 - share, 6);
    destroy();
  });

  it('moves the paths while training, and retunes η at once: both predictions at the new η, the same network, no new kernel', async () => {
    const { model, reported, destroy } = createModel();
    await until(() => model.theory !== null, 'the initial kernel');
    model.session.player.play();
    await until(() => model.session.step >= 30, 'the run to finish');
    const network = pathPoints(model, 'network')!;
    expect(network.length).toBeGreaterThan(3);
    expect(Math.hypot(network.at(-1)!.x, network.at(-1)!.y)).toBeLessThan(0.5 * Math.hypot(network[0].x, network[0].y));
    expect(readout(model, 'network-v1')).toBe(network.at(-1)!.x);
    expect(readout(model, 'network-v2')).toBe(network.at(-1)!.y);
    expect(readout(model, 'distance')).toBeGreaterThan(0);
    expect(readout(model, 'angle')).toBeGreaterThanOrEqual(0);

    const calls = await engine.callCounts();
    const initial = model.session.initial;
    const infiniteKernel = model.theory!.infinite!.spectrum;
    const before = pathPoints(model, 'linearised')!.find((p) => p.t === 10)!;
    model.settings.values.lr = 0.5;
    flushSync();
    // Both predictions at the new η at once; the measured path waits for its run.
    expect(model.theory!.lr).toBe(0.5);
    expect(model.theory!.infinite!.lr).toBe(0.5);
    expect(pathPoints(model, 'linearised')!.find((p) => p.t === 10)).not.toEqual(before);
    expect(pathPoints(model, 'network')!.map((p) => p.t)).toEqual([0]);
    expect(model.live.pending).toBe(true);
    expect(reported.at(-1)).toMatchObject({ lr: 0.5 });

    await sleep(RESTART_DELAY_MS + 20);
    await until(() => model.session.step >= 30, 'the retuned run to finish');
    const after = await engine.callCounts();
    expect(after.createRun).toBe(calls.createRun);
    expect(after.restartRun).toBe((calls.restartRun ?? 0) + 1);
    expect(model.session.initial).toBe(initial);
    expect(model.theory!.infinite!.spectrum).toBe(infiniteKernel);
    destroy();
  });

  it('linearises again at a tenth of the steps with the kernel the worker measured there; a new η takes a new checkpoint', async () => {
    const { model, destroy } = createModel({ parameterization: 'mup', width: 32 });
    await until(() => model.theory !== null, 'the initial kernel');
    expect(pathPoints(model, 'reanchored')).toBeUndefined();
    model.session.player.play();
    await until(() => model.session.step >= 30, 'the run to finish');
    // The chunk that passed step 3 was split there: the run still ends at its horizon.
    expect(model.session.step).toBe(30);
    const checkpoint = model.checkpoints.checkpoint!;
    expect(checkpoint.record.step).toBe(3);
    expect(readout(model, 'anchor-step')).toBe(3);
    // K₃ has moved from K₀ (μP, width 32), but not far.
    const k0 = model.session.initial!.kernel.flat();
    const drift = Math.hypot(...checkpoint.kernel.map((k, i) => k - k0[i])) / Math.hypot(...k0);
    expect(drift).toBeGreaterThan(1e-4);
    expect(drift).toBeLessThan(0.5);
    const path = pathPoints(model, 'reanchored')!;
    expect(path[0].t).toBe(3);
    expect(path.at(-1)!.t).toBe(30);
    expect(readout(model, 'distance-reanchored')).toBeGreaterThanOrEqual(0);

    // Hidden by its setting, with no work in the worker.
    const calls = await engine.callCounts();
    model.settings.values.reanchor = false;
    flushSync();
    expect(pathPoints(model, 'reanchored')).toBeUndefined();
    expect(model.readouts.map((r) => r.key)).not.toContain('distance-reanchored');
    model.settings.values.reanchor = true;
    flushSync();
    expect(pathPoints(model, 'reanchored')![0].t).toBe(3);

    // A new η: the old checkpoint belongs to the old trajectory.
    model.settings.values.lr = 0.4;
    flushSync();
    expect(pathPoints(model, 'reanchored')).toBeUndefined();
    await sleep(RESTART_DELAY_MS + 20);
    await until(() => model.session.lr === 0.4 && model.session.step >= 30, 'the retuned run to finish');
    expect(model.checkpoints.checkpoint).not.toBe(checkpoint);
    expect(model.checkpoints.checkpoint!.record.step).toBe(3);
    expect(pathPoints(model, 'reanchored')![0].t).toBe(3);
    expect((await engine.callCounts()).createRun).toBe(calls.createRun);
    destroy();
  });

  it('builds a new network for a new width, keeping the infinite-width kernel; a new n hides that prediction until its run is built', async () => {
    const { model, destroy } = createModel();
    await until(() => model.theory !== null, 'the initial kernel');
    const first = model.session.initial;
    const infiniteKernel = model.theory!.infinite!.spectrum;
    const created = (await engine.callCounts()).createRun;

    model.settings.values.width = 32;
    flushSync();
    await sleep(RESTART_DELAY_MS + 20);
    await until(() => model.session.initial !== null && model.session.initial !== first, 'the new network');
    expect((await engine.callCounts()).createRun).toBe(created + 1);
    expect(model.theory!.infinite!.spectrum).toBe(infiniteKernel);

    const second = model.session.initial;
    model.settings.values.n = 12;
    flushSync();
    // The old run's K₀ is still shown, and the new labels do not belong to it.
    expect(model.theory!.infinite).toBeNull();
    await sleep(RESTART_DELAY_MS + 20);
    await until(() => model.session.initial !== null && model.session.initial !== second, 'the run on 12 points');
    expect(model.theory!.infinite).not.toBeNull();
    expect(model.theory!.linearised.n).toBe(12);
    destroy();
  });

  it('says when η is past the limit, draws no infinite-width path under standard parameterisation, and names μP', async () => {
    const { model, destroy } = createModel();
    await until(() => model.theory !== null, 'the initial kernel');
    expect(model.notice).toBeNull();
    model.settings.values.lr = 2 * model.limit!;
    flushSync();
    expect(model.notice).toMatch(/will diverge/);
    // A diverging prediction is cut where it leaves the plot, which still covers the start.
    const linearised = pathPoints(model, 'linearised')!;
    expect(linearised.length).toBeLessThan(30);
    expect(model.plane!.xDomain[1] - model.plane!.xDomain[0]).toBeLessThan(6 * model.theory!.r0Norm);

    model.settings.values.lr = 0.2;
    model.settings.values.parameterization = 'mup';
    flushSync();
    expect(model.notice).toMatch(/μP/);
    expect(pathPoints(model, 'infinite')).toBeDefined();

    model.settings.values.parameterization = 'standard';
    flushSync();
    expect(model.notice).toMatch(/no infinite-width kernel/);
    expect(pathPoints(model, 'infinite')).toBeUndefined();
    expect(model.outside!.series.map((s) => s.id)).toEqual(['linearised', 'network']);
    destroy();
  });
});
