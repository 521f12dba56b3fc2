import { flushSync } from 'svelte';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../../src/engine/engine';
import { formatReadout } from '../../../../src/lib/format';
import { defaults } from '../../../../src/lib/settings';
import { DataGeometryModel } from '../../../../src/widgets/data-geometry/model.svelte';
import { schema } from '../../../../src/widgets/data-geometry/schema';
import type { Readout } from '../../../../src/widgets/kit/ReadoutGrid.svelte';
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
  const settings = { ...defaults(schema), width: 128, steps: 60, ...overrides };
  const { value: model, destroy } = withEffects(() => new DataGeometryModel(() => ({ settings, issues: [] }), engine));
  model.visibility.onScreen = true;
  return { model, destroy: () => (model.dispose(), destroy()) };
}

const all = (model: DataGeometryModel) => [...model.readouts, ...model.moreReadouts];
const value = (model: DataGeometryModel, key: string) => all(model).find((r) => r.key === key)!.value as number;
/** What the readout grid prints (ReadoutGrid: the readout's own format, else formatReadout). */
const text = (r: Readout) => (typeof r.value === 'number' && r.format ? r.format(r.value) : formatReadout(r.value as number | null | undefined));

describe('DataGeometryModel', () => {
  it('has the infinite-width norms at once, follows the spread on every input, and restarts the network once it rests', async () => {
    const { model, destroy } = createModel();
    // Computed on the page: there before any network exists.
    const noisy = value(model, 'rkhs-noisy');
    const clean = value(model, 'rkhs-clean');
    expect(noisy).toBeGreaterThan(10 * clean);
    await until(() => model.theory !== null, 'the initial kernel');
    expect(value(model, 'lr-limit')).toBe(model.limit);
    const created = (await engine.callCounts()).createRun;

    model.settings.values.spread = 0.02;
    flushSync();
    // The norms follow at once; the network waits for the input to rest.
    expect(value(model, 'rkhs-noisy')).toBeGreaterThan(5 * noisy);
    expect(value(model, 'rkhs-clean')).toBeLessThan(clean);
    expect(model.live.pending).toBe(true);
    await sleep(RESTART_DELAY_MS + 20);
    await until(() => model.theory !== null && !model.live.pending, 'the new network');
    expect((await engine.callCounts()).createRun).toBe(created + 1);
    destroy();
  });

  it('retunes η on the same network, the prediction and best step following at once', async () => {
    const { model, destroy } = createModel();
    await until(() => model.theory !== null, 'the initial kernel');
    model.session.player.play();
    await until(() => model.session.step >= 60, 'the run to finish');
    expect(value(model, 'best-step')).toBeGreaterThan(0);
    const created = (await engine.callCounts()).createRun;
    const best = value(model, 'best-step-predicted');

    model.settings.values.lr = 1;
    flushSync();
    expect(model.theory!.lr).toBe(1);
    // Half the rate: the same filter needs about twice the steps.
    expect(value(model, 'best-step-predicted') / best).toBeGreaterThan(1.5);
    expect(model.records).toHaveLength(1);
    await sleep(RESTART_DELAY_MS + 20);
    await until(() => model.session.step >= 60, 'the retuned run to finish');
    expect((await engine.callCounts()).createRun).toBe(created);
    destroy();
  });

  // Issue 14: with erf, or ReLU at spread 0.005, the readouts showed "Infinity" and "0" (yᵀK₀⁻¹y,
  // λ_min, slowest e-fold): eigenvalues of the float32 K₀ below its round-off.
  it.each([
    { activation: 'erf' as const, spread: 0.2 },
    { activation: 'relu' as const, spread: 0.005 },
  ])('$activation at spread $spread: K₀’s lost eigenvalues read as bounds, never Infinity or 0', async ({ activation, spread }) => {
    const { model, destroy } = createModel({ activation, spread, width: 512 });
    await until(() => model.measured !== undefined, 'the initial kernel');
    const measured = model.measured!;
    expect(measured.resolved).toBeLessThan(20);
    for (const r of all(model)) {
      const shown = text(r);
      expect(shown, r.key).not.toMatch(/Infinity|∞|not a number/);
      if (typeof r.value === 'number') expect(Number.isFinite(r.value), r.key).toBe(true);
    }
    const lambdaMin = all(model).find((r) => r.key === 'k0-lambda-min')!;
    expect(text(lambdaMin)).toBe(`< ${formatReadout(measured.floor)}`);
    expect(text(all(model).find((r) => r.key === 'rkhs-noisy-k0')!)).toMatch(/^≥ /);
    expect(text(all(model).find((r) => r.key === 'slowest-steps')!)).toMatch(/^> /);
    // The bound is 20/(η·floor) steps.
    expect(value(model, 'slowest-steps')).toBeCloseTo(20 / (2 * measured.floor), 6);
    destroy();
  });

  it('says why the best test step can be 1 when η is above n/λ_max (erf at η = 2)', async () => {
    const { model, destroy } = createModel({ activation: 'erf', width: 512 });
    await until(() => model.theory !== null, 'the initial kernel');
    // erf's K₀ has λ_max ≈ 13 here: n/λ_max ≈ 1.5 < η = 2 < 2n/λ_max ≈ 3.
    expect(model.limit! / 2).toBeLessThan(2);
    expect(model.limit!).toBeGreaterThan(2 / 0.9);
    expect(model.notice).toMatch(/overshoots/);
    model.settings.values.lr = 1;
    flushSync();
    expect(model.notice).toBeNull();
    destroy();
  });
});
