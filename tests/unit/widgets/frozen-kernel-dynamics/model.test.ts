import { flushSync } from 'svelte';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../../src/engine/engine';
import { defaults } from '../../../../src/lib/settings';
import { FrozenKernelModel } from '../../../../src/widgets/frozen-kernel-dynamics/model.svelte';
import { schema } from '../../../../src/widgets/frozen-kernel-dynamics/schema';
import { RESTART_DELAY_MS } from '../../../../src/widgets/kit/settled.svelte';
import { withEffects } from '../../support/effects.svelte';

// The model against the real engine (tfjs CPU backend in Node), its effects run as in a component.
const engine = createEngine();
beforeAll(async () => {
  await engine.init(['cpu']);
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(condition: () => boolean, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

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
});
