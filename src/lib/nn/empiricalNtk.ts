/**
 * Empirical NTK of an Mlp without forming the n × p Jacobian J. For a Dense layer
 * z_l = m_l A_{l−1} W_l + mb_l b_l the per-sample gradients are ∂f(x)/∂W_l = m_l a_{l−1}(x) g_l(x)ᵀ
 * and ∂f(x)/∂b_l = mb_l g_l(x), with g_l = ∂f/∂z_l. Their inner products factorise, so
 *
 *   Θ(x, x′) = Σ_l c_l [ m_l² (g_l·g_l′)(a_{l−1}·a_{l−1}′) + mb_l² (g_l·g_l′) ],
 *
 * i.e. per layer one Hadamard product of two small Gram matrices. The A_{l−1} come from one
 * batched forward pass and the G_l from one backward pass of Σ_s f(x_s).
 *
 * Weighting 'plain': c_l = 1, the NTK JJᵀ with respect to the stored parameters.
 * Weighting 'lr': c_l = the layer's learning-rate factor, JCJᵀ. This is the kernel that governs
 * gradient descent, ḟ = −(η/n) JCJᵀ (f − y), so it is the one to use for kernel predictions and
 * the linearised dynamics. The two agree for 'ntk' and 'standard', whose factors are all 1.
 */
import * as tf from '@tensorflow/tfjs';
import type { Matrix } from '../ntk';
import { matMul } from './matmul';
import type { Mlp } from './mlp';

export type KernelWeighting = 'plain' | 'lr';

/** Inputs as rows of plain numbers or as a tensor already on the backend. */
export type Inputs = Matrix | tf.Tensor2D;

export function toTensor2D(x: Inputs): tf.Tensor2D {
  return x instanceof tf.Tensor ? x : tf.tensor2d(x);
}

function layerFeatures(net: Mlp, x: Inputs): { inputs: tf.Tensor2D[]; signals: tf.Tensor2D[] } {
  const trace = net.trace(toTensor2D(x));
  return { inputs: trace.inputs, signals: net.backward(trace, tf.onesLike(trace.output)) };
}

/** Θ(x1, x2) as a tensor on the backend (x2 defaults to x1). Call inside tf.tidy. */
export function empiricalNtkTensor(
  net: Mlp,
  x1: Inputs,
  x2?: Inputs,
  weighting: KernelWeighting = 'lr',
): tf.Tensor2D {
  const left = layerFeatures(net, x1);
  const right = x2 === undefined ? left : layerFeatures(net, x2);
  const terms = net.layers.map(({ scaling }, l): tf.Tensor2D => {
    const weightFactor = (weighting === 'lr' ? scaling.weightLrFactor : 1) * scaling.weightMultiplier ** 2;
    const biasFactor = (weighting === 'lr' ? scaling.biasLrFactor : 1) * scaling.biasMultiplier ** 2;
    const signalGram = matMul(left.signals[l], right.signals[l], false, true);
    const inputGram = matMul(left.inputs[l], right.inputs[l], false, true);
    return signalGram.mul(inputGram.mul(weightFactor).add<tf.Tensor2D>(biasFactor));
  });
  return tf.addN(terms);
}

/**
 * Θ(x1, x2) read back synchronously, for cpu, wasm and (blocking) webgl. WebGPU has no working
 * synchronous read-back (Chromium aborts the buffer map), so there this throws: use empiricalNtkAsync.
 */
export function empiricalNtk(net: Mlp, x1: Inputs, x2?: Inputs, weighting: KernelWeighting = 'lr'): Matrix {
  if (tf.getBackend() === 'webgpu') throw new Error('empiricalNtk reads back synchronously, which WebGPU cannot; use empiricalNtkAsync');
  const kernel = tf.tidy(() => empiricalNtkTensor(net, x1, x2, weighting));
  const rows = kernel.arraySync();
  kernel.dispose();
  return rows;
}

export async function empiricalNtkAsync(
  net: Mlp,
  x1: Inputs,
  x2?: Inputs,
  weighting: KernelWeighting = 'lr',
): Promise<Matrix> {
  const kernel = tf.tidy(() => empiricalNtkTensor(net, x1, x2, weighting));
  const rows = await kernel.array();
  kernel.dispose();
  return rows;
}
