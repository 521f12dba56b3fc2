/**
 * The widget's claims, checked by training real networks (tfjs CPU in Node) through the same
 * session, particle tracker and comparisons the component uses: at the defaults the network is
 * lazy; the rich presets leave the linearisation; each preset's η is stable for its own K₀; and the
 * infinite-width line uses the kernel that K₀ really tends to.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../../src/engine/engine';
import { defaults } from '../../../../src/lib/settings';
import type { Parameterization } from '../../../../src/lib/nn';
import { LinearisedSession } from '../../../../src/widgets/shared/linearisedSession.svelte';
import { particleDisplacement } from '../../../../src/widgets/lazy-vs-rich/measures';
import { ParticleTracker } from '../../../../src/widgets/lazy-vs-rich/particles.svelte';
import { makeDataset, PRESETS, runRequest, SPEC, type LazyVsRichSettings } from '../../../../src/widgets/lazy-vs-rich/problem';
import { schema } from '../../../../src/widgets/lazy-vs-rich/schema';
import { compareWithTheory, hasKernelLimit, infiniteWidthModel } from '../../../../src/widgets/lazy-vs-rich/theory';

const engine = createEngine();
beforeAll(async () => {
  await engine.init(['cpu']);
});

/** Smaller than the widget's 1024 to keep the test fast; still clearly lazy under NTK parameterisation. */
const WIDTH = 512;

interface Outcome {
  limit: number;
  gapLinear: number;
  gapInfinite: number | null;
  particleMove: number;
  kernelDrift: number;
  diverged: boolean;
}

async function train(settings: LazyVsRichSettings): Promise<Outcome> {
  const data = makeDataset(settings);
  const particles = new ParticleTracker(engine);
  const session = new LinearisedSession(particles.sessionEngine);
  await session.reset(runRequest(settings, data), settings.steps);
  while (session.step < settings.steps && !session.error) await session.player.step();
  const run = session.linearised!;
  let infinite = null;
  if (hasKernelLimit(settings.parameterization)) {
    const spec = { ...SPEC, activation: settings.activation };
    const [train, testTrain] = await Promise.all([
      engine.analyticKernels(data.xTrain, data.xTrain, spec),
      engine.analyticKernels(data.xTest, data.xTrain, spec),
    ]);
    infinite = infiniteWidthModel({ train: train.ntk, testTrain: testTrain.ntk }, data.yTrain, settings.lr);
  }
  const comparison = compareWithTheory(run, session.records, infinite)!;
  const latest = session.latest!;
  const outcome = {
    limit: run.stabilityLimit,
    gapLinear: comparison.gapLinear!,
    gapInfinite: comparison.gapInfinite,
    particleMove: particleDisplacement(particles.current!, particles.initial!, settings.width),
    kernelDrift: latest.kernelChange!,
    diverged: latest.diverged || session.error !== null,
  };
  console.log(JSON.stringify(settings.parameterization), settings.alpha, JSON.stringify(outcome));
  session.dispose();
  return outcome;
}

const base = defaults(schema);
const preset = (id: string): LazyVsRichSettings => ({ ...base, ...PRESETS.find((p) => p.id === id)!.values, width: WIDTH });

describe('lazy and rich training on the circle', () => {
  let lazy: Outcome;

  beforeAll(async () => {
    lazy = await train({ ...base, width: WIDTH });
  });

  it('at the defaults the network stays on its linearisation and near the infinite-width mean, and its neurons barely move', () => {
    expect(lazy.diverged).toBe(false);
    expect(base.lr).toBeLessThan(lazy.limit / 2);
    expect(lazy.gapLinear).toBeLessThan(0.03);
    expect(lazy.gapInfinite!).toBeLessThan(0.1);
    expect(lazy.particleMove).toBeLessThan(0.08);
    expect(lazy.kernelDrift).toBeLessThan(0.05);
  });

  it.each(['mup', 'small-alpha'])('the %s preset leaves the linearisation: a larger gap, travelling neurons, a moving kernel', async (id) => {
    const rich = await train(preset(id));
    expect(rich.diverged).toBe(false);
    expect(preset(id).lr).toBeLessThan(rich.limit);
    expect(rich.gapLinear).toBeGreaterThan(2 * lazy.gapLinear);
    expect(rich.particleMove).toBeGreaterThan(5 * lazy.particleMove);
    expect(rich.kernelDrift).toBeGreaterThan(10 * lazy.kernelDrift);
  });
});

describe("the network's K₀ against the analytic NTK", () => {
  const data = makeDataset({ n: 12, modes: [1, 2] });
  const network = (parameterization: Parameterization, width: number) => ({ ...SPEC, activation: 'relu' as const, inputDim: 2, width, parameterization, seed: 3 });
  const frobenius = (a: ArrayLike<number>) => Math.hypot(...Array.from(a));

  async function initialKernel(parameterization: Parameterization, width: number): Promise<Float32Array> {
    const start = await engine.createRun({ network: network(parameterization, width), data: { xTrain: data.xTrain, yTrain: data.yTrain }, options: { lr: 0 } });
    await engine.disposeRun(start.runId);
    return start.kernelTrain;
  }

  it('tends to it under NTK parameterisation and μP (the same lr-weighted kernel), which is what hasKernelLimit says', async () => {
    const analytic = (await engine.analyticKernels(data.xTrain, data.xTrain, { ...SPEC, activation: 'relu' })).ntk.flat();
    for (const parameterization of ['ntk', 'mup'] as const) {
      expect(hasKernelLimit(parameterization)).toBe(true);
      const k0 = await initialKernel(parameterization, 2048);
      // Relative fluctuation ~ width^(−1/2) ≈ 0.02 per entry.
      expect(frobenius(k0.map((k, i) => k - analytic[i])) / frobenius(analytic)).toBeLessThan(0.1);
    }
  });

  it('grows like the width under standard parameterisation, so there is no limit at a fixed η', async () => {
    expect(hasKernelLimit('standard')).toBe(false);
    const ratio = frobenius(await initialKernel('standard', 2048)) / frobenius(await initialKernel('standard', 256));
    expect(ratio).toBeGreaterThan(6);
    expect(ratio).toBeLessThan(9);
  });
});
