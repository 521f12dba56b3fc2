/**
 * The backend's matmul peak: a plain square product, the best case for every backend, taken as the
 * fastest of the timed runs (a peak, unlike the medians elsewhere: on a shared machine the median
 * of a long run mostly measures the neighbours).
 */
import * as tf from '@tensorflow/tfjs';
import { timeRuns, type RepeatSettings } from './stats';

export interface MatMulPeak {
  size: number;
  ms: number;
  gflops: number;
}

/** Reads back one element, which waits for the product without timing a large download. */
export async function measureMatMulPeak(size: number, settings: RepeatSettings): Promise<MatMulPeak> {
  const [a, b] = [1, 2].map((seed) => tf.randomNormal([size, size], 0, 1, 'float32', seed) as tf.Tensor2D);
  const timing = await timeRuns(async () => {
    const corner = tf.tidy(() => tf.matMul(a, b).slice([0, 0], [1, 1]));
    await corner.data();
    corner.dispose();
  }, settings);
  tf.dispose([a, b]);
  const ms = Math.min(...timing.samplesMs);
  return { size, ms, gflops: (2 * size ** 3) / (ms * 1e6) };
}

export const fasterPeak = (a: MatMulPeak, b: MatMulPeak) => (a.gflops >= b.gflops ? a : b);
