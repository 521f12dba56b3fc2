/**
 * The fused GD step (src/lib/nn/fusedGdStep.ts) against the unfused step it replaced
 * (tests/unit/nn/storedNetwork.ts), on the current backend, in Node or a browser page: the same
 * network and data, timed in alternating rounds so that both see the same machine load. A round
 * is CHUNK steps and one read-back that waits for them, as the widgets run.
 */
import * as tf from '@tensorflow/tfjs';
import { CHUNK, FusedGdStep, Mlp } from '../../src/lib/nn';
import { StoredNetwork } from '../unit/nn/storedNetwork';
import { countDispatches, type DispatchCount } from './dispatches';
import { median } from './stats';
import { benchData, benchNetwork, type Shape } from './workloads';

export interface FusionMeasurement {
  shape: Shape;
  unfusedMs: number;
  fusedMs: number;
  unfused: DispatchCount;
  fused: DispatchCount;
}

const LEARNING_RATE = 0.05;

export async function measureFusion(shape: Shape, rounds: number): Promise<FusionMeasurement> {
  const data = benchData(shape.n);
  const net = new Mlp(benchNetwork(shape));
  const reference = new StoredNetwork(net);
  const x = tf.tensor2d(data.xTrain);
  const y = tf.tensor1d(data.yTrain);
  const target = y.reshape([-1, 1]) as tf.Tensor2D;
  const fused = new FusedGdStep(net, x, target, LEARNING_RATE);
  const steps = {
    unfused: { step: () => reference.step(x, y, { lr: LEARNING_RATE }), sync: () => reference.layers[0].b.data() },
    fused: { step: () => fused.step(), sync: () => net.layers[0].b.data() },
  };
  const chunkMs = async ({ step, sync }: (typeof steps)['fused']) => {
    const start = performance.now();
    for (let i = 0; i < CHUNK; i++) step();
    await sync();
    return (performance.now() - start) / CHUNK;
  };
  try {
    await chunkMs(steps.unfused);
    await chunkMs(steps.fused);
    const times = { unfused: [] as number[], fused: [] as number[] };
    for (let r = 0; r < rounds; r++) {
      times.unfused.push(await chunkMs(steps.unfused));
      times.fused.push(await chunkMs(steps.fused));
    }
    return {
      shape,
      unfusedMs: median(times.unfused),
      fusedMs: median(times.fused),
      unfused: await countDispatches(async () => steps.unfused.step()),
      fused: await countDispatches(async () => steps.fused.step()),
    };
  } finally {
    fused.dispose();
    reference.dispose();
    net.dispose();
    tf.dispose([x, y, target]);
  }
}

/** The widgets' sizes, and the probe the backend selection times. */
export const FUSION_SHAPES: Shape[] = [
  { n: 64, width: 64, depth: 1 },
  { n: 32, width: 512, depth: 1 },
  { n: 128, width: 1024, depth: 1 },
  { n: 128, width: 256, depth: 3 },
];
