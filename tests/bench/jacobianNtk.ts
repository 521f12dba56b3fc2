/**
 * The naive empirical NTK, done fairly on the backend: per-sample gradients by autodiff
 * (tf.variableGrads of f(x_s), one backward pass per sample) form the n × p Jacobian J, and
 * Θ = J Jᵀ = Σ_v J_v J_vᵀ, one matMul per parameter tensor v (the column blocks of J, so that
 * the transposed copy the wasm backend needs is one block, not all of J). It holds n·p floats,
 * 1.1 GB at n = 128, width 1024, depth 3.
 */
import * as tf from '@tensorflow/tfjs';
import type { Mlp } from '../../src/lib/nn';
import { matMul } from '../../src/lib/nn/matmul';

export async function jacobianNtk(net: Mlp, x: tf.Tensor2D): Promise<Float32Array> {
  const variables = net.layers.flatMap(({ w, b }) => [w, b]);
  const perSample: tf.Tensor1D[][] = [];
  for (let s = 0; s < x.shape[0]; s++) {
    perSample.push(
      tf.tidy(() => {
        const { grads } = tf.variableGrads(() => net.forward(x.slice([s, 0], [1, -1])).sum() as tf.Scalar, variables);
        return variables.map((v) => grads[v.name].reshape([-1]) as tf.Tensor1D);
      }),
    );
  }
  let kernel = tf.zeros([x.shape[0], x.shape[0]]) as tf.Tensor2D;
  variables.forEach((_, v) => {
    const next = tf.tidy(() => {
      const block = tf.stack(perSample.map((rows) => rows[v])) as tf.Tensor2D;
      tf.dispose(perSample.map((rows) => rows[v]));
      return kernel.add(matMul(block, block, false, true)) as tf.Tensor2D;
    });
    kernel.dispose();
    kernel = next;
  });
  const values = (await kernel.data()) as Float32Array;
  kernel.dispose();
  return values;
}
