import { safeLearningRate } from '../../../../src/widgets/kit/stability';
import { flushSync } from 'svelte';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../../src/engine/engine';
import { halfMeanSquaredError } from '../../../../src/lib/ntk';
import { defaults } from '../../../../src/lib/settings';
import { RESTART_DELAY_MS } from '../../../../src/widgets/kit/settled.svelte';
import { LazyVsRichModel, type LazyVsRichEngine } from '../../../../src/widgets/lazy-vs-rich/model.svelte';
import { PRESETS } from '../../../../src/widgets/lazy-vs-rich/presets';
import { schema } from '../../../../src/widgets/lazy-vs-rich/schema';
import { withEffects } from '../../support/effects.svelte';
import { sleep, untilWithin } from '../../support/waiting';

// The model against the real engine (tfjs CPU backend in Node), its effects run as in a component.
const engine = createEngine();
beforeAll(async () => {
  await engine.init(['cpu']);
});

const until = untilWithin(30_000);
const calls = async (method: string) => (await engine.callCounts())[method] ?? 0;

type Settings = ReturnType<typeof defaults<typeof schema>>;

function createModel(overrides: Partial<Settings> = {}, using: LazyVsRichEngine = engine) {
  const reported: Settings[] = [];
  const settings = { ...defaults(schema), width: 64, n: 8, steps: 20, ...overrides };
  const { value: model, destroy } = withEffects(
    () => new LazyVsRichModel(() => ({ settings, issues: [], onsettingschange: (v) => reported.push(v) }), using),
  );
  // As if on screen (nothing observes it in Node).
  model.visibility.onScreen = true;
  return { model, reported, destroy: () => (model.dispose(), destroy()) };
}

const ready = (model: LazyVsRichModel) => model.linearised !== null && model.infinite !== null && model.cloud !== null;

describe('LazyVsRichModel', () => {
  it('loads at once; both predictions follow η on every change, and η restarts the same network with its neurons back at the start', async () => {
    const { model, reported, destroy } = createModel();
    await until(() => ready(model), 'the run, its particles and the infinite-width kernel');
    expect(model.cloud!.points).toHaveLength(64);
    expect(model.particleMove).toBe(0);
    model.session.player.play();
    await until(() => model.session.step >= 20, 'the run to finish');
    const moved = model.particleMove!;
    expect(moved).toBeGreaterThan(0);
    expect(model.readouts.find((r) => r.key === 'particle-move')!.value).toBe(moved);

    const created = await calls('createRun');
    const kernels = await calls('analyticKernels');
    model.settings.values.lr = 0.5;
    flushSync();
    // Both predictions at the new η at once; the records and particles of the old η are hidden.
    expect(model.linearised!.lr).toBe(0.5);
    expect(model.infinite!.lr).toBe(0.5);
    expect(model.loss!.series.find((s) => s.id === 'inf-test')!.points.length).toBeGreaterThan(2);
    expect(model.records.map((r) => r.step)).toEqual([0]);
    expect(model.particleMove).toBe(0);
    expect(model.live.pending).toBe(true);
    expect(reported.at(-1)).toMatchObject({ lr: 0.5 });

    await sleep(RESTART_DELAY_MS + 20);
    expect(model.session.lr).toBe(0.5);
    // Still playing: the retuned run trains without another press, on the same network, from the same neurons.
    await until(() => model.session.step >= 20, 'the retuned run to finish');
    expect(await calls('createRun')).toBe(created);
    expect(await calls('restartRun')).toBeGreaterThan(0);
    expect(await calls('analyticKernels')).toBe(kernels);
    expect(model.particleMove).toBeGreaterThan(0);
    expect(model.particleMove).not.toBe(moved);
    destroy();
  });

  it('computes the infinite-width prediction on the page, and asks the worker for the kernel only for tanh, when its inputs change', async () => {
    const kernels = await calls('analyticKernels');
    const { model, destroy } = createModel();
    await until(() => ready(model), 'the first run');
    // ReLU: the analytic kernel is computed on the page, never in the worker.
    expect(await calls('analyticKernels')).toBe(kernels);
    const created = await calls('createRun');

    // New labels: the infinite-width prediction is rebuilt at once.
    model.settings.values.modes = [3];
    flushSync();
    expect(model.infinite!.spectrum.yTrain).toEqual(model.data.yTrain);
    expect(model.data.yTrain[0]).toBeCloseTo(Math.cos(0), 12);
    // New inputs: at once too.
    model.settings.values.n = 10;
    flushSync();
    expect(model.infinite!.n).toBe(10);

    // tanh: the worker computes the kernel once the input rests, once per inputs.
    model.settings.values.activation = 'tanh';
    flushSync();
    expect(model.infinite).toBeNull();
    await until(() => model.infinite !== null, 'the tanh kernel');
    expect(model.infinite!.n).toBe(10);
    expect(await calls('analyticKernels')).toBe(kernels + 1);

    // Width, parameterisation and α: a new network, the same kernel; standard parameterisation has no limit.
    model.settings.values.width = 32;
    model.settings.values.alpha = 0.5;
    model.settings.values.parameterization = 'standard';
    flushSync();
    expect(model.infinite).toBeNull();
    model.settings.values.parameterization = 'ntk';
    flushSync();
    expect(model.infinite).not.toBeNull();
    await until(() => model.neurons === 32 && ready(model), 'the width-32 network');
    expect(await calls('createRun')).toBeGreaterThan(created);
    expect(await calls('analyticKernels')).toBe(kernels + 1);
    destroy();
  });

  it('the drag: each move redraws the infinite-width prediction at once without a new network, the drop restarts it once', async () => {
    const { model, reported, destroy } = createModel();
    model.session.player.play();
    await until(() => ready(model) && model.session.step >= 20, 'the first run');
    const run = model.session.initial;
    const created = await calls('createRun');
    const infinite = () => model.function.find((s) => s.id === 'infinite')!.points.map((p) => p.y);
    const before = infinite();
    const network = model.function.find((s) => s.id === 'network')!.points;

    const moved = model.data.points.map((p, i) => (i === 2 ? { x: p.x + 0.3, y: p.y + 0.8 } : p));
    model.editor.drag(moved);
    flushSync();
    // The prediction for the moved point, from the settings: the edited points are the data (n unchanged), in the URL at once.
    expect(infinite()).not.toEqual(before);
    expect(model.data.points[2]).toEqual({ x: Number(moved[2].x.toFixed(2)), y: Number(moved[2].y.toFixed(2)) });
    expect(model.infinite!.spectrum.yTrain[2]).toBeCloseTo(moved[2].y, 2);
    expect(reported.at(-1)).toMatchObject({ n: 8, points: model.data.points });
    // Neither test labels nor measured test losses for points that follow no target.
    expect(model.data.yTest).toBeUndefined();
    // The network still shows its run on the old points, and no new one is built while the point is held.
    await sleep(RESTART_DELAY_MS + 50);
    expect(model.session.initial).toBe(run);
    expect(model.function.find((s) => s.id === 'network')!.points).toEqual(network);
    expect(await calls('createRun')).toBe(created);

    model.editor.commit(moved);
    flushSync();
    await until(() => model.session.initial !== null && model.session.initial !== run, 'the network on the moved point');
    expect(await calls('createRun')).toBe(created + 1);
    expect(model.session.initial!.yTrain[2]).toBeCloseTo(moved[2].y, 2);
    expect(model.session.initial!.yTest).toBeUndefined();
    // Still playing: the new network trains without a press.
    await until(() => model.session.step >= 20, 'the new run');
    expect(model.predictedTestLoss).toBeNull();
    expect(await calls('createRun')).toBe(created + 1);
    destroy();
  });

  it('n follows the edited points; moving n or the target goes back to generated points', async () => {
    const points = [0.5, 1.5, 2.5, 3.5, 4.5].map((x) => ({ x, y: Math.cos(x) }));
    const { model, destroy } = createModel({ n: 12, points });
    // Points from a link set n to their count.
    expect(model.settings.values.n).toBe(5);
    expect(model.data.points).toEqual(points);
    await until(() => model.session.initial?.n === 5, 'a run on the five points');
    // Removing a point (the chart's remove) keeps n in step.
    model.editor.commit(points.slice(1));
    flushSync();
    expect(model.settings.values.n).toBe(4);
    // A new n: n evenly spaced points of the target again.
    model.settings.values.n = 9;
    flushSync();
    expect(model.settings.values.points).toEqual([]);
    expect(model.data.points).toHaveLength(9);
    expect(model.data.yTest).toBeDefined();
    // A new target drops edited points too.
    model.editor.commit(points);
    flushSync();
    expect(model.settings.values.n).toBe(5);
    model.settings.values.modes = [3];
    flushSync();
    expect(model.settings.values.points).toEqual([]);
    expect(model.settings.values.n).toBe(5);
    expect(model.data.yTrain[0]).toBeCloseTo(1, 12);
    destroy();
  });

  // Issue 14: "setting α ≠ 1 with the slider leaves 'Subtract f₀' unchecked while the run is centred".
  it('shows the centring the run does: forced on while α ≠ 1, the reader’s choice at α = 1', async () => {
    const { model, reported, destroy } = createModel();
    await until(() => ready(model), 'the first run');
    expect(model.centered).toBe(false);
    expect(model.centeringForced).toBe(false);
    // Uncentred at α = 1: the network starts from its own random f₀.
    expect(model.session.records[0].trainOutputs.some((f) => Math.abs(f) > 1e-3)).toBe(true);

    const uncentred = model.session.initial;
    model.settings.values.alpha = 0.5;
    flushSync();
    expect(model.centeringForced).toBe(true);
    expect(model.centered).toBe(true);
    // The reader's own choice is kept (and reported) as it was: it comes back at α = 1.
    expect(reported.at(-1)).toMatchObject({ alpha: 0.5, centered: false });
    await sleep(RESTART_DELAY_MS + 20);
    await until(() => model.session.initial !== null && model.session.initial !== uncentred, 'the α = 0.5 run');
    // The run is centred: g₀ = α(f₀ − f₀) = 0, so the initial loss is that of the zero function.
    const initial = model.session.records[0];
    expect(initial.trainOutputs.every((g) => g === 0)).toBe(true);
    expect(initial.trainLoss).toBeCloseTo(halfMeanSquaredError(initial.trainOutputs, model.data.yTrain), 6);

    model.settings.values.alpha = 1;
    flushSync();
    expect(model.centeringForced).toBe(false);
    expect(model.centered).toBe(false);
    model.settings.values.centered = true;
    flushSync();
    expect(model.centered).toBe(true);
    destroy();
  });

  it('warns before training past the stability limit, offers half of it, and explains standard parameterisation and μP', async () => {
    const { model, destroy } = createModel({ parameterization: 'standard', width: 512 });
    await until(() => model.linearised !== null, 'the standard-parameterisation run');
    // K₀ grows like the width: η = 2 is past this network's limit.
    const limit = model.limit!;
    expect(limit).toBeLessThan(2);
    expect(model.notice).toMatch(/will diverge/);
    expect(model.notice).toMatch(/1\/width/);
    expect(model.infinite).toBeNull();
    model.settings.values.lr = safeLearningRate(limit);
    flushSync();
    expect(model.notice).not.toMatch(/will diverge/);

    Object.assign(model.settings.values, PRESETS.find((p) => p.id === 'mup')!.values);
    flushSync();
    expect(model.isPreset(PRESETS.find((p) => p.id === 'mup')!)).toBe(true);
    expect(model.notice).toMatch(/μP/);
    destroy();
  });

  it('says so when the infinite-width kernel cannot be computed, and still trains the network', async () => {
    const failing: LazyVsRichEngine = { ...engine, analyticKernels: () => Promise.reject(new Error('quadrature failed')) };
    const { model, destroy } = createModel({ activation: 'tanh' }, failing);
    await until(() => model.analytic.error !== null, 'the error');
    expect(model.analytic.error).toMatch(/infinite-width kernel could not be computed: quadrature failed/);
    await until(() => model.linearised !== null, 'the run');
    expect(model.infinite).toBeNull();
    expect(model.function.map((s) => s.id)).toEqual(['network', 'linearised']);
    destroy();
  });
});
