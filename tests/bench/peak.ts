/** The backend's matmul peak: a plain square product, the best case for every backend. */
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
  return { size, ms: timing.medianMs, gflops: (2 * size ** 3) / (timing.medianMs * 1e6) };
}
