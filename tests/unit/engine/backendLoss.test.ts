// Its own file (so its own tfjs): it breaks the CPU backend's reads for a while.
import * as tf from '@tensorflow/tfjs';
import { expect, it } from 'vitest';
import { BACKEND_LOST } from '../../../src/engine/api';
import { createEngine } from '../../../src/engine/engine';
import { circleFourier } from '../../../src/lib/ntk';
import type { MlpConfig } from '../../../src/lib/nn';

const network: MlpConfig = { inputDim: 2, width: 16, depth: 1, activation: 'relu', wStd: 1.5, bStd: 0.1, parameterization: 'ntk', seed: 4 };
const data = circleFourier({ n: 6, modes: [{ k: 1, amp: 1 }], jitter: 0, seed: 1 });

it('a call that fails on a backend that then fails its check answers BACKEND_LOST and drops every run', async () => {
  // Only the CPU here: Node has no other backend to fall back on.
  const engine = createEngine({ candidates: ['cpu'] });
  await engine.init(['cpu']);
  const before = tf.memory().numTensors;
  const [failing, idle] = [await engine.createRun({ network, data, options: { lr: 0.5 } }), await engine.createRun({ network, data, options: { lr: 0.5 } })];

  const backend = tf.backend();
  const read = backend.read;
  backend.read = () => Promise.reject(new Error('the device went away'));
  try {
    await expect(engine.stepRun(failing.runId, { steps: 1 })).rejects.toMatchObject({
      name: BACKEND_LOST,
      message: 'the cpu backend stopped working: the device went away',
    });
  } finally {
    backend.read = read;
  }
  // The idle run went with the backend, and both runs' tensors were freed, the failed read's included.
  await expect(engine.stepRun(idle.runId, { steps: 1 })).rejects.toMatchObject({ name: BACKEND_LOST });
  expect(tf.memory().numTensors).toBe(before);
  await engine.disposeRun(idle.runId);
  // The lost backend is never tried again, even when the page asks for it: nothing is left here.
  await expect(engine.init()).rejects.toThrow(/no tfjs backend works here/);
  await expect(engine.init(['cpu'])).rejects.toThrow(/no tfjs backend works here/);

  // An ordinary failure on a backend that still passes its check stays what it was.
  const healthy = createEngine({ candidates: ['cpu'] });
  await healthy.init(['cpu']);
  await expect(healthy.stepRun(12345, { steps: 1 })).rejects.toThrow(/no training run 12345/);
  const run = await healthy.createRun({ network, data, options: { lr: 0.5 } });
  await expect(healthy.stepRun(run.runId, { steps: 1 })).resolves.toMatchObject({ record: { step: 1 } });
});
