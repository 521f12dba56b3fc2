// Its own file (so its own module state): which backend the engine uses, how the page's choice
// survives the bare init() every other method makes, and how a switch drops the runs. WASM and
// the CPU are real; their speeds are fake (an injected measure), so nothing here is timed.
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { expect, it, vi } from 'vitest';
import { BACKEND_SWITCHED } from '../../../src/engine/api';
import { createEngine } from '../../../src/engine/engine';
import { circleFourier } from '../../../src/lib/ntk';
import type { BackendName, MlpConfig, SpeedMeasurement } from '../../../src/lib/nn';

const WASM_DIR = fileURLToPath(new URL('../../../node_modules/@tensorflow/tfjs-backend-wasm/dist/', import.meta.url));
const network: MlpConfig = { inputDim: 2, width: 16, depth: 1, activation: 'relu', wStd: 1.5, bStd: 0.1, parameterization: 'ntk', seed: 4 };
const data = circleFourier({ n: 6, modes: [{ k: 1, amp: 1 }], jitter: 0, seed: 1 });
const SPEEDS: Record<string, number> = { wasm: 2900, cpu: 400 };
const measure = vi.fn(async (name: BackendName): Promise<SpeedMeasurement> => ({ stepsPerSecond: SPEEDS[name], warmUpMs: 10, timedMs: 100 }));
const speedsOf = (attempts: { name: BackendName; stepsPerSecond?: number }[]) => Object.fromEntries(attempts.map((a) => [a.name, a.stepsPerSecond]));

it('measures once and trains on the fastest; the backend the page asks for then stays through every call', async () => {
  const engine = createEngine({ candidates: ['wasm', 'cpu'], wasmPaths: WASM_DIR, measure });
  const fastest = await engine.init();
  expect(fastest).toMatchObject({ backend: 'wasm', chosenBy: 'fastest' });
  expect(speedsOf(fastest.attempts)).toEqual({ wasm: 2900, cpu: 400 });

  const asked = await engine.init(['cpu']);
  expect(asked).toMatchObject({ backend: 'cpu', chosenBy: 'preferred' });
  // The speeds measured at first are still reported, not measured again.
  expect(speedsOf(asked.attempts)).toEqual({ wasm: 2900, cpu: 400 });
  expect(measure).toHaveBeenCalledTimes(2);

  await engine.sampleKernels({ network, widths: [16], seeds: [1], x1: data.xTrain });
  await engine.evaluate(network, data.xTrain);
  const run = await engine.createRun({ network, data, options: { lr: 0.5 } });
  await engine.stepRun(run.runId, { steps: 2 });
  expect(await engine.init()).toBe(await engine.init(['cpu']));
  expect(tf.getBackend()).toBe('cpu');
  await engine.disposeRun(run.runId);
});

it('a switch drops every run, in flight or idle, with BACKEND_SWITCHED, frees them, and selects what was asked for', async () => {
  const engine = createEngine({ candidates: ['wasm', 'cpu'], wasmPaths: WASM_DIR, measure });
  await engine.init();
  const before = tf.memory().numTensors;
  const [busy, idle] = [await engine.createRun({ network, data, options: { lr: 0.5 } }), await engine.createRun({ network, data, options: { lr: 0.5 } })];

  const inFlight = engine.stepRun(busy.runId, { steps: 50 });
  const switched = engine.init(['cpu']);
  await expect(inFlight).rejects.toMatchObject({ name: BACKEND_SWITCHED });
  expect(await switched).toMatchObject({ backend: 'cpu', chosenBy: 'preferred' });
  await expect(engine.stepRun(idle.runId, { steps: 1 })).rejects.toMatchObject({ name: BACKEND_SWITCHED });
  expect(tf.memory().numTensors).toBe(before);
  await engine.disposeRun(busy.runId);
  await engine.disposeRun(idle.runId);

  // New runs train on the new backend; asking for the fastest again goes back without measuring.
  const fresh = await engine.createRun({ network, data, options: { lr: 0.5 } });
  await expect(engine.stepRun(fresh.runId, { steps: 1 })).resolves.toMatchObject({ record: { step: 1 } });
  const measured = measure.mock.calls.length;
  expect(await engine.init([])).toMatchObject({ backend: 'wasm', chosenBy: 'fastest' });
  expect(measure).toHaveBeenCalledTimes(measured);
  await expect(engine.stepRun(fresh.runId, { steps: 1 })).rejects.toMatchObject({ name: BACKEND_SWITCHED });
});
