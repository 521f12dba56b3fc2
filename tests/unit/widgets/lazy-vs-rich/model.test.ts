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

// The model against the real engine (tfjs CPU backend in Node), its effects run as in a component.
const engine = createEngine();
beforeAll(async () => {
  await engine.init(['cpu']);
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(condition: () => boolean, what: string, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}
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

  it('asks the worker for the infinite-width kernel only when n, depth or activation change', async () => {
    const { model, destroy } = createModel();
    await until(() => ready(model), 'the first run');
    const kernels = await calls('analyticKernels');
    const created = await calls('createRun');

    // Width, parameterisation and α: a new network, the same kernel.
    model.settings.values.width = 32;
    model.settings.values.alpha = 0.5;
    flushSync();
    await sleep(RESTART_DELAY_MS + 20);
    await until(() => model.neurons === 32 && ready(model), 'the width-32 network');
    expect(await calls('createRun')).toBe(created + 1);
    expect(await calls('analyticKernels')).toBe(kernels);

    // New labels: the infinite-width prediction is rebuilt on the page at once, from the same kernel.
    model.settings.values.modes = [3];
    flushSync();
    expect(model.infinite!.spectrum.yTrain).toEqual(model.data.yTrain);
    expect(model.data.yTrain[0]).toBeCloseTo(Math.cos(0), 12);
    await sleep(RESTART_DELAY_MS + 20);
    expect(await calls('analyticKernels')).toBe(kernels);

    // New inputs: no infinite-width prediction until their kernel is computed, once.
    model.settings.values.n = 10;
    flushSync();
    expect(model.infinite).toBeNull();
    await until(() => model.infinite !== null, 'the kernel for n = 10');
    expect(model.infinite!.n).toBe(10);
    expect(await calls('analyticKernels')).toBe(kernels + 1);

    // Standard parameterisation has no infinite-width limit at a fixed η; back to NTK needs no new kernel.
    model.settings.values.parameterization = 'standard';
    flushSync();
    expect(model.infinite).toBeNull();
    model.settings.values.parameterization = 'ntk';
    flushSync();
    expect(model.infinite).not.toBeNull();
    await sleep(RESTART_DELAY_MS + 20);
    expect(await calls('analyticKernels')).toBe(kernels + 1);
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
    const { model, destroy } = createModel({}, failing);
    await until(() => model.analytic.error !== null, 'the error');
    expect(model.analytic.error).toMatch(/infinite-width kernel could not be computed: quadrature failed/);
    await until(() => model.linearised !== null, 'the run');
    expect(model.infinite).toBeNull();
    expect(model.function!.series.map((s) => s.id)).toEqual(['data', 'network', 'linearised']);
    destroy();
  });
});
