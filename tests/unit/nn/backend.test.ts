/**
 * Backend selection in Node, where WebGPU and WebGL fail for real and WASM and the CPU work. The
 * timings are fake (an injected measure that answers per backend), so the choice, the budget and
 * the fallbacks are checked without timing anything; speedProbe.test.ts runs the real probe.
 */
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { chooseFastest, selectBackend, timeBackends, type BackendAttempt, type BackendName, type SpeedMeasurement } from '../../../src/lib/nn';

const WASM_DIR = fileURLToPath(new URL('../../../node_modules/@tensorflow/tfjs-backend-wasm/dist/', import.meta.url));

afterAll(async () => {
  await tf.setBackend('cpu');
});

/** A measure that reports `speeds[backend]` steps/s after a 50 ms warm-up and `timedMs` of (fake) timing. */
function fakeMeasure(speeds: Partial<Record<BackendName, number>>, timedMs = 100, warmUpMs = 50) {
  return vi.fn(async (name: BackendName, budgetMs: number): Promise<SpeedMeasurement> => {
    void budgetMs;
    const speed = speeds[name];
    if (speed === undefined) throw new Error(`no fake speed for ${name}`);
    return { stepsPerSecond: speed, warmUpMs, timedMs };
  });
}

const names = (attempts: BackendAttempt[]) => attempts.map((a) => [a.name, a.ok]);

describe('backend selection in Node', () => {
  it("'cpu' alone works, and is used without timing it", async () => {
    const measure = fakeMeasure({});
    const selection = await selectBackend({ candidates: ['cpu'], measure });
    expect(selection).toMatchObject({ backend: 'cpu', chosenBy: 'only', attempts: [{ name: 'cpu', ok: true, software: false }] });
    expect(measure).not.toHaveBeenCalled();
    expect(tf.getBackend()).toBe('cpu');
  });

  it('webgpu and webgl fail with a reason, and the one backend left is used', async () => {
    const { backend, attempts } = await selectBackend({ candidates: ['webgpu', 'webgl', 'cpu'] });
    expect(backend).toBe('cpu');
    expect(names(attempts)).toEqual([['webgpu', false], ['webgl', false], ['cpu', true]]);
    expect(attempts[0].reason).toMatch(/navigator\.gpu/);
    expect(attempts[1].reason).toMatch(/WebGL/);
  });

  it('times every backend that works and takes the fastest, whichever order they were tried in', async () => {
    for (const speeds of [{ wasm: 2900, cpu: 400 }, { wasm: 100, cpu: 900 }]) {
      const measure = fakeMeasure(speeds);
      const selection = await selectBackend({ wasmPaths: WASM_DIR, measure });
      const winner = speeds.wasm > speeds.cpu ? 'wasm' : 'cpu';
      expect(selection).toMatchObject({ backend: winner, chosenBy: 'fastest' });
      expect(tf.getBackend()).toBe(winner);
      expect(measure).toHaveBeenCalledTimes(2);
      expect(names(selection.attempts)).toEqual([['webgpu', false], ['webgl', false], ['wasm', true], ['cpu', true]]);
      expect(selection.attempts.slice(2).map((a) => a.stepsPerSecond)).toEqual([speeds.wasm, speeds.cpu]);
      expect(selection.attempts[2].warmUpMs).toBe(50);
    }
  });

  it('shares the budget among the backends still to time, and leaves the rest untimed once it is spent', async () => {
    const shared = fakeMeasure({ wasm: 2900, cpu: 400 }, 300);
    await selectBackend({ candidates: ['wasm', 'cpu'], wasmPaths: WASM_DIR, measure: shared, budgetMs: 1000 });
    expect(shared.mock.calls.map(([, budget]) => budget)).toEqual([500, 700]);

    // WASM overran the whole budget: the CPU is not timed, and the one measured wins.
    const overrun = fakeMeasure({ wasm: 50, cpu: 400 }, 1200);
    const selection = await selectBackend({ candidates: ['wasm', 'cpu'], wasmPaths: WASM_DIR, measure: overrun, budgetMs: 1000 });
    expect(overrun).toHaveBeenCalledTimes(1);
    expect(selection.backend).toBe('wasm');
    expect(selection.attempts[1]).toMatchObject({ name: 'cpu', ok: true, unmeasured: expect.stringMatching(/spent/) });
  });

  it('uses a preferred backend that works without timing anything; one that fails falls back to the fastest', async () => {
    const measure = fakeMeasure({ wasm: 2900, cpu: 400 });
    expect(await selectBackend({ prefer: ['cpu'], wasmPaths: WASM_DIR, measure })).toMatchObject({ backend: 'cpu', chosenBy: 'preferred' });
    expect(measure).not.toHaveBeenCalled();

    const fallback = await selectBackend({ prefer: ['webgpu', 'webgl'], wasmPaths: WASM_DIR, measure });
    expect(fallback).toMatchObject({ backend: 'wasm', chosenBy: 'fastest' });
    expect(names(fallback.attempts)).toEqual([['webgpu', false], ['webgl', false], ['wasm', true], ['cpu', true]]);
  });

  it('reuses speeds measured earlier in the page', async () => {
    const measure = fakeMeasure({ wasm: 1, cpu: 1 });
    const known = new Map([['wasm', { stepsPerSecond: 2900, warmUpMs: 40 }], ['cpu', { stepsPerSecond: 400 }]] as const);
    const selection = await selectBackend({ candidates: ['wasm', 'cpu'], wasmPaths: WASM_DIR, measure, known });
    expect(measure).not.toHaveBeenCalled();
    expect(selection.backend).toBe('wasm');
    expect(selection.attempts.map((a) => a.stepsPerSecond)).toEqual([2900, 400]);
  });

  it('a backend that fails while timed is left with the reason', async () => {
    const measure = fakeMeasure({ cpu: 400 });
    const selection = await selectBackend({ candidates: ['wasm', 'cpu'], wasmPaths: WASM_DIR, measure });
    expect(selection.backend).toBe('cpu');
    expect(selection.attempts[0]).toMatchObject({ name: 'wasm', ok: false, reason: expect.stringMatching(/while being timed: no fake speed/) });
  });

  it('throws listing every reason when nothing works', async () => {
    await expect(selectBackend({ candidates: ['webgpu', 'webgl'] })).rejects.toThrow(/webgpu: .*navigator\.gpu.*webgl: .*WebGL/);
  });
});

describe('timeBackends', () => {
  const working = (): BackendAttempt[] => [
    { name: 'webgpu', ok: true, software: false },
    { name: 'wasm', ok: true, software: false },
    { name: 'cpu', ok: true, software: false },
    { name: 'webgl', ok: true, software: true },
  ];

  it('times a GPU API in software only while the others took under SOFTWARE_START_LIMIT_MS, warm-ups included', async () => {
    // A hardware WebGPU with a slow first shader compilation: 2.9 s of warm-up.
    const slow = fakeMeasure({ webgpu: 5000, wasm: 2900, cpu: 400, webgl: 80 }, 100, 2900);
    const attempts = working();
    await timeBackends(attempts, { measure: slow, budgetMs: 10_000 });
    expect(slow.mock.calls.map(([name]) => name)).toEqual(['webgpu', 'wasm', 'cpu']);
    expect(attempts[3]).toMatchObject({ name: 'webgl', unmeasured: expect.stringMatching(/runs in software, and timing the others had taken 9\.0 s/) });
    expect(attempts[0].stepsPerSecond).toBe(5000);

    const quick = fakeMeasure({ webgpu: 5000, wasm: 2900, cpu: 400, webgl: 80 });
    const timed = working();
    await timeBackends(timed, { measure: quick, budgetMs: 10_000 });
    expect(timed.map((a) => a.stepsPerSecond)).toEqual([5000, 2900, 400, 80]);
  });
});

describe('chooseFastest', () => {
  const at = (name: BackendName, stepsPerSecond: number, software = false): BackendAttempt => ({ name, ok: true, software, stepsPerSecond });

  it('takes the fastest: a software WebGPU at 90 steps/s loses to WASM at 2,900', () => {
    expect(chooseFastest([at('webgpu', 90, true), at('webgl', 60, true), at('wasm', 2900), at('cpu', 400)])).toBe('wasm');
  });

  it('within 25 % of the fastest the hint decides: hardware GPU, then WASM, then CPU, then software GPUs', () => {
    expect(chooseFastest([at('webgpu', 2500), at('wasm', 2900)])).toBe('webgpu');
    expect(chooseFastest([at('webgpu', 3200, true), at('wasm', 2900)])).toBe('wasm');
    expect(chooseFastest([at('wasm', 2000), at('cpu', 2400)])).toBe('wasm');
    expect(chooseFastest([at('webgpu', 2000), at('wasm', 3000)])).toBe('wasm');
  });

  it('the hint is not the only rule: a software GPU far faster than the rest wins', () => {
    expect(chooseFastest([at('webgpu', 5000, true), at('wasm', 2900)])).toBe('webgpu');
  });

  it('ignores backends that failed or were not timed; null when none was', () => {
    expect(chooseFastest([{ name: 'webgpu', ok: false, reason: 'x' }, { name: 'wasm', ok: true, unmeasured: 'budget' }, at('cpu', 10)])).toBe('cpu');
    expect(chooseFastest([{ name: 'wasm', ok: true }])).toBeNull();
  });
});
