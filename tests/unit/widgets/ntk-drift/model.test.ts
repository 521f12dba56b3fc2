import { flushSync } from 'svelte';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../../src/engine/engine';
import { defaults } from '../../../../src/lib/settings';
import { RESTART_DELAY_MS } from '../../../../src/widgets/kit/settled.svelte';
import { DriftModel } from '../../../../src/widgets/ntk-drift/model.svelte';
import { schema } from '../../../../src/widgets/ntk-drift/schema';
import { MUP_FRACTION } from '../../../../src/widgets/ntk-drift/theory';
import { withEffects } from '../../support/effects.svelte';
import { sleep, untilWithin } from '../../support/waiting';

// The model against the real engine (tfjs CPU backend in Node), its effects run as in a component.
const engine = createEngine();
beforeAll(async () => {
  await engine.init(['cpu']);
});

const until = untilWithin(30_000);
const calls = async (name: string) => (await engine.callCounts())[name] ?? 0;

function createModel(overrides: Partial<ReturnType<typeof defaults<typeof schema>>> = {}) {
  const reported: unknown[] = [];
  const settings = { ...defaults(schema), widths: [16, 64], steps: 20, ...overrides };
  const { value: model, destroy } = withEffects(() => new DriftModel(() => ({ settings, issues: [], onsettingschange: (v) => reported.push(v) }), engine));
  // As if on screen (nothing observes it in Node).
  model.visibility.onScreen = true;
  return { model, reported, destroy: () => (model.dispose(), destroy()) };
}

const value = (model: DriftModel, key: string) => [...model.readouts, ...model.moreReadouts].find((r) => r.key === key)?.value;

describe('DriftModel', () => {
  it('builds its networks at once; each width’s η follows the fraction on every change, then the same networks retune and train on', async () => {
    const { model, reported, destroy } = createModel();
    await until(() => model.theories.length === 2, 'the networks');
    const limit = value(model, 'limit-64') as number;
    expect(value(model, 'lr-64')).toBeCloseTo(0.5 * limit, 5);
    model.session.player.play();
    await until(() => model.session.step >= 20, 'the runs to finish');
    expect(value(model, 'drift-64')).toBeGreaterThan(0);
    expect(value(model, 'slope-kernel')).toBeTypeOf('number');

    const [created, sampled] = [await calls('createRun'), await calls('sampleKernels')];
    model.settings.values.lrfraction = 0.3;
    flushSync();
    // Each width's η and frozen-kernel line at the new fraction at once; the records beyond step 0 are hidden.
    expect(value(model, 'lr-64')).toBeCloseTo(0.3 * limit, 5);
    expect(model.theories.every((t) => t.linearised.lr === t.lr)).toBe(true);
    expect(model.runs.every((run) => run.records.length === 1)).toBe(true);
    expect(value(model, 'drift-64')).toBeUndefined();
    expect(model.live.pending).toBe(true);
    expect(reported.at(-1)).toMatchObject({ lrfraction: 0.3 });

    await sleep(RESTART_DELAY_MS + 20);
    expect(model.live.pending).toBe(false);
    // Still playing: the same networks train again at the new rate, without another press.
    await until(() => model.session.step >= 20 && model.session.runs.every((run) => run.lr === model.theories.find((t) => t.width === run.width)!.lr), 'the retuned runs');
    expect(await calls('createRun')).toBe(created);
    expect(await calls('sampleKernels')).toBe(sampled);
    destroy();
  });

  it('switching to one η for all retunes the same networks; new widths build new ones; the step count only moves the horizon', async () => {
    const { model, destroy } = createModel();
    await until(() => model.theories.length === 2, 'the networks');
    const initials = model.session.runs.map((run) => run.initial);
    const created = await calls('createRun');
    expect(model.primary).toEqual(['parameterization', 'lrfraction']);
    // η is not read under the fraction rule, so no limit is offered for it.
    expect(model.limit).toBeNull();

    model.settings.values.lrmode = 'fixed';
    model.settings.values.lr = 0.5;
    flushSync();
    expect(model.primary).toEqual(['parameterization', 'lr']);
    expect(model.hidden).toEqual(['lrfraction']);
    expect(model.theories.map((t) => t.lr)).toEqual([0.5, 0.5]);
    expect(model.limit).toBe(Math.min(...model.theories.map((t) => t.limit)));
    await until(() => model.session.rule?.kind === 'fixed' && model.session.runs[0]?.lr === 0.5, 'the retune');
    expect(model.session.runs.map((run) => run.initial)).toEqual(initials);

    model.settings.values.steps = 40;
    flushSync();
    expect(model.session.horizon).toBe(40);
    await sleep(RESTART_DELAY_MS + 20);
    expect(await calls('createRun')).toBe(created);

    model.settings.values.widths = [16, 32, 64];
    flushSync();
    await sleep(RESTART_DELAY_MS + 20);
    await until(() => model.session.runs.length === 3, 'the new networks');
    expect(await calls('createRun')).toBe(created + 3);
    destroy();
  });

  it('warns before training when one η passes a width’s limit, and says why μP needs a smaller rate', async () => {
    const { model, destroy } = createModel({ parameterization: 'standard', widths: [16, 256] });
    await until(() => model.theories.length === 2, 'the networks');
    expect(model.notice).toBeNull();
    const [narrow, wide] = model.theories;
    model.settings.values.lrmode = 'fixed';
    model.settings.values.lr = Number((2 * wide.limit).toPrecision(3));
    flushSync();
    expect(model.notice).toMatch(/width 256 has the smallest limit/);
    expect(model.notice).toMatch(/will diverge/);
    model.settings.values.lr = Number((narrow.limit / 4).toPrecision(3));
    flushSync();
    expect(model.notice).toMatch(/will diverge/);
    model.settings.values.lr = Number((wide.limit / 4).toPrecision(3));
    flushSync();
    expect(model.notice).toBeNull();

    // μP at the default fraction, half the limit: it stalls (tests/unit/widgets/ntk-drift/driftSession.test.ts), and the widget says why.
    model.settings.values.lrmode = 'fraction';
    model.settings.values.parameterization = 'mup';
    flushSync();
    expect(model.notice).toMatch(/μP: the kernel grows during training/);
    expect(model.notice).toMatch(/0\.1 or less/);
    model.settings.values.lrfraction = MUP_FRACTION;
    flushSync();
    expect(model.notice).toBeNull();
    destroy();
  });
});
