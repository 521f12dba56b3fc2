// Its own file (so its own module state): the engine's backend choice must survive the bare
// init() that every other engine method makes.
import * as tf from '@tensorflow/tfjs';
import { expect, it } from 'vitest';
import { createEngine } from '../../../src/engine/engine';
import { circleFourier } from '../../../src/lib/ntk';
import type { MlpConfig } from '../../../src/lib/nn';

const network: MlpConfig = { inputDim: 2, width: 16, depth: 1, activation: 'relu', wStd: 1.5, bStd: 0.1, parameterization: 'ntk', seed: 4 };

it('the backend the page asked for stays selected through sampleKernels, evaluate and createRun', async () => {
  const engine = createEngine();
  const chosen = await engine.init(['cpu']);
  expect(chosen).toEqual({ backend: 'cpu', attempts: [{ name: 'cpu', ok: true }] });
  const data = circleFourier({ n: 6, modes: [{ k: 1, amp: 1 }], jitter: 0, seed: 1 });
  await engine.sampleKernels({ network, widths: [16], seeds: [1], x1: data.xTrain });
  await engine.evaluate(network, data.xTrain);
  const run = await engine.createRun({ network, data, options: { lr: 0.5 } });
  await engine.stepRun(run.runId, { steps: 2 });
  // Re-selecting with the default order would have tried (and reported) webgpu, webgl and wasm first.
  expect(await engine.init()).toEqual(chosen);
  expect(tf.getBackend()).toBe('cpu');
  await engine.disposeRun(run.runId);

  const reordered = await engine.init(['webgpu', 'cpu']);
  expect(reordered.attempts.map((a) => [a.name, a.ok])).toEqual([['webgpu', false], ['cpu', true]]);
});
