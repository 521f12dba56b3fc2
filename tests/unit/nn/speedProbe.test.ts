/**
 * The speed probe (src/lib/nn/speedProbe.ts) on the CPU backend: it trains the probe network for
 * real, reports a rate that agrees with its own timed chunks, keeps to its budget, and frees every
 * tensor. The clock is fake, so nothing here depends on how fast the machine is.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, it } from 'vitest';
import { CHUNK, measureTrainingSpeed } from '../../../src/lib/nn';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A clock that moves `tick` ms each time it is read. */
function fakeClock(tick: number): () => number {
  let t = 0;
  return () => (t += tick);
}

it('times CHUNK-step chunks within the budget and reports their rate, leaving no tensor behind', async () => {
  const before = tf.memory().numTensors;
  // Each read of the clock is 1 ms: a chunk (two reads apart) lasts 1 ms, so CHUNK steps per ms.
  const measured = await measureTrainingSpeed(20, fakeClock(1));
  expect(measured.stepsPerSecond).toBe(CHUNK * 1000);
  expect(measured.warmUpMs).toBe(1);
  expect(measured.timedMs).toBeLessThanOrEqual(20 + 2);
  expect(tf.memory().numTensors).toBe(before);
});

it('when one step already overruns the budget, reports the rate of that one step', async () => {
  const measured = await measureTrainingSpeed(0.5, fakeClock(1));
  expect(measured.stepsPerSecond).toBe(1000);
});
