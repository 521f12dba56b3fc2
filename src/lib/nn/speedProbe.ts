/**
 * How fast the current backend trains, measured the way the widgets train: the GD step they run
 * (./fusedGdStep.ts) on a network of their typical size (one hidden ReLU layer of width 512, NTK
 * parameterisation, 32 points on the circle), in chunks of CHUNK steps each ending in a read-back
 * that waits for the backend (a widget reads its record there). Building the network and a first
 * chunk compile every shader the step needs (the warm-up, not timed; only the step's shaders, so
 * that a backend that loses costs the reader little); then one step is timed, and CHUNK-step
 * chunks as long as they fit the budget.
 */
import * as tf from '@tensorflow/tfjs';
import { makeDataset } from '../ntk';
import { FusedGdStep } from './fusedGdStep';
import { Mlp, type MlpConfig } from './mlp';

export const PROBE_NETWORK: MlpConfig = {
  inputDim: 2,
  width: 512,
  depth: 1,
  activation: 'relu',
  wStd: 1.4,
  bStd: 0.1,
  parameterization: 'ntk',
  seed: 1,
};
export const PROBE_POINTS = 32;
/** Steps per read-back: the widgets' chunks are 1–125 steps, mostly under 20. */
export const CHUNK = 8;

export const PROBE_DESCRIPTION = `full-batch GD steps of a width-${PROBE_NETWORK.width} ReLU network on ${PROBE_POINTS} points, ${CHUNK} per read-back`;

/** Small enough for every backend to stay stable (η < 2n/λ_max) over a few hundred steps. */
const PROBE_LR = 0.05;

export interface SpeedMeasurement {
  stepsPerSecond: number;
  /** Creation, shader compilation and the first step. */
  warmUpMs: number;
  /** The timed part, which the budget bounds (it may overrun by one step and read-back). */
  timedMs: number;
}

function median(values: number[]): number {
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export async function measureTrainingSpeed(budgetMs: number, now: () => number = () => performance.now()): Promise<SpeedMeasurement> {
  const start = now();
  const { xTrain, yTrain } = makeDataset('circleFourier', { n: PROBE_POINTS });
  const net = new Mlp(PROBE_NETWORK);
  const x = tf.tensor2d(xTrain);
  const target = tf.tensor2d(yTrain, [yTrain.length, 1]);
  const gradientDescent = new FusedGdStep(net, x, target, PROBE_LR);
  /** k steps, then a read-back that waits for them. */
  const run = async (k: number) => {
    for (let i = 0; i < k; i++) gradientDescent.step();
    await net.layers[net.layers.length - 1].b.data();
  };
  try {
    await run(1);
    const warmUpMs = now() - start;
    const timedStart = now();
    await run(1);
    const single = now() - timedStart;
    const chunks: number[] = [];
    // A chunk is predicted to last as long as the last one (at first CHUNK single steps, an overestimate).
    while (now() - timedStart + (chunks.at(-1) ?? CHUNK * single) <= budgetMs) {
      const chunkStart = now();
      await run(CHUNK);
      chunks.push(now() - chunkStart);
    }
    const stepsPerSecond = chunks.length > 0 ? (1e3 * CHUNK) / median(chunks) : 1e3 / single;
    return { stepsPerSecond, warmUpMs, timedMs: now() - timedStart };
  } finally {
    gradientDescent.dispose();
    net.dispose();
    tf.dispose([x, target]);
  }
}
