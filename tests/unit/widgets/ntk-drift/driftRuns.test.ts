/**
 * The widget's runs against the real engine (tfjs on the CPU in Node): learning rates, round-robin
 * stepping, the science the widget exists to show, and clean resets.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EngineApi, StepResult } from '../../../../src/engine/api';
import { createEngine } from '../../../../src/engine/engine';
import { defaults } from '../../../../src/lib/settings';
import { DriftRuns, type DriftEngine } from '../../../../src/widgets/ntk-drift/driftRuns.svelte';
import type { DriftSettings } from '../../../../src/widgets/ntk-drift/experiment';
import { schema } from '../../../../src/widgets/ntk-drift/schema';

let engine: EngineApi;

beforeAll(async () => {
  engine = createEngine();
  await engine.init(['cpu']);
  await tf.setBackend('cpu');
});

function settings(overrides: Partial<DriftSettings>): DriftSettings {
  return { ...defaults(schema), ...overrides };
}

async function train(runs: DriftRuns, s: DriftSettings): Promise<void> {
  while (await runs.advance(s));
}

const last = <T>(xs: readonly T[]): T => xs[xs.length - 1];

describe('DriftRuns', () => {
  it('gives each width the chosen fraction of the limit 2n/λ_max of its own K₀', async () => {
    const runs = new DriftRuns(engine);
    const s = settings({ widths: [16, 64], parameterization: 'standard', lrfraction: 0.4, steps: 10 });
    await runs.advance(s);
    for (const run of runs.runs) expect(run.lr / run.limit).toBeCloseTo(0.4, 5);
    // In the standard parameterisation K₀ grows with the width, so the limit shrinks.
    expect(runs.runs[1].limit).toBeLessThan(runs.runs[0].limit / 2);
    runs.reset();
  });

  it('steps every width alike and stops exactly at the requested step count', async () => {
    const runs = new DriftRuns(engine);
    // 135 steps in chunks of 2: the last chunk is a single step.
    const s = settings({ widths: [16, 32], steps: 135 });
    let chunks = 0;
    while (await runs.advance(s)) {
      chunks++;
      expect(runs.runs.map((r) => last(r.records).step)).toEqual([runs.step, runs.step]);
    }
    expect(chunks + 1).toBe(68);
    expect(runs.step).toBe(135);
    expect(runs.runs.map((r) => last(r.records).step)).toEqual([135, 135]);
    // Every record after the initial one measured the kernel.
    expect(runs.runs.every((r) => r.records.slice(1).every((x) => x.kernelChange !== undefined))).toBe(true);
    expect(await runs.advance(s)).toBe(false);
    expect(runs.step).toBe(135);
    runs.reset();
  });

  it('shows the kernel drift falling with width in the NTK parameterisation, and not under μP', async () => {
    const widths = [32, 128, 512];
    const drift: Record<string, number[]> = {};
    for (const parameterization of ['ntk', 'mup'] as const) {
      const runs = new DriftRuns(engine);
      await train(runs, settings({ widths, parameterization, steps: 200 }));
      drift[parameterization] = runs.runs.map((r) => last(r.records).kernelChange!);
      runs.reset();
    }
    // NTK: each 4× in width cuts the drift by more than 4^(1/2) = 2, i.e. a slope below −1/2.
    const [narrow, middle, wide] = drift.ntk;
    expect(middle).toBeLessThan(narrow / 2);
    expect(wide).toBeLessThan(middle / 2);
    // μP: the kernel moves by order one at every width.
    expect(Math.min(...drift.mup)).toBeGreaterThan(0.5);
    expect(drift.mup[2]).toBeGreaterThan(5 * wide);
  });

  it('refuses a fixed η above a width’s limit and names that limit', async () => {
    const runs = new DriftRuns(engine);
    const s = settings({ widths: [16, 256], parameterization: 'standard', lrmode: 'fixed', lr: 0.3 });
    expect(await runs.advance(s)).toBe(false);
    expect(runs.step).toBe(0);
    const wide = runs.runs[1];
    expect(runs.runs[0].limit).toBeGreaterThan(0.3);
    expect(wide.limit).toBeLessThan(0.3);
    expect(runs.error).toContain(`width 256: η = 0.3, limit ${Number(wide.limit.toPrecision(3))}`);
    expect(runs.error).not.toContain('width 16:');
    runs.reset();
    expect(runs.error).toBeNull();
  });

  it('frees every run on reset, including runs whose creation was in flight', async () => {
    const before = (await engine.memory()).numTensors;
    const runs = new DriftRuns(engine);
    const s = settings({ widths: [16, 32], steps: 20 });
    await runs.advance(s);
    const inFlight = runs.advance(s);
    runs.reset();
    expect(await inFlight).toBe(false);
    expect(runs.runs).toEqual([]);
    const creating = runs.advance(s);
    runs.reset();
    expect(await creating).toBe(false);
    expect(runs.runs).toEqual([]);
    // disposeRun calls are fire-and-forget; they run before this one in the engine's order.
    expect((await engine.memory()).numTensors).toBe(before);
  });

  it('stops on divergence, quoting η and the predicted limit', async () => {
    const real = engine;
    let diverge = false;
    const flaky: DriftEngine = {
      sampleKernels: (r) => real.sampleKernels(r),
      createRun: (r) => real.createRun(r),
      disposeRun: (id) => real.disposeRun(id),
      stepRun: async (id, r): Promise<StepResult> => {
        const result = await real.stepRun(id, r);
        return diverge ? { record: { ...result.record, diverged: true, divergedAtStep: 7 } } : result;
      },
    };
    const runs = new DriftRuns(flaky);
    const s = settings({ widths: [16], steps: 20 });
    expect(await runs.advance(s)).toBe(true);
    diverge = true;
    expect(await runs.advance(s)).toBe(false);
    const [run] = runs.runs;
    expect(runs.error).toContain(`diverged at width 16 near step 7: η = ${Number(run.lr.toPrecision(3))}`);
    expect(runs.error).toContain(`limit 2n/λ_max = ${Number(run.limit.toPrecision(3))}`);
    // The divergent record is not plotted.
    expect(run.records).toHaveLength(2);
    runs.reset();
  });
});
