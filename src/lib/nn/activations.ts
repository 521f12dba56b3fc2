/**
 * The pointwise nonlinearities φ and their derivatives φ′ as tfjs ops. The derivatives are written
 * out (not taken by autodiff) so that the manual backward pass in ./mlp.ts is a handful of
 * elementwise ops and matmuls. Where φ′ is a function of the output a = φ(z) it is taken from a,
 * so that the forward pass can leave z inside a fused matmul (tf.fused.matMul applies relu itself).
 */
import * as tf from '@tensorflow/tfjs';
import type { Activation } from '../ntk';

export interface ActivationOps {
  /** The activation tf.fused.matMul can apply in the same kernel; absent when it cannot. */
  fused?: 'relu' | 'linear';
  apply(z: tf.Tensor2D): tf.Tensor2D;
  /** Whether derivative() needs z; when false it is passed null and works from a = φ(z). */
  needsPreActivation: boolean;
  /** φ′ elementwise; null where φ′ ≡ 1 (nothing to multiply by). */
  derivative(z: tf.Tensor2D | null, a: tf.Tensor2D): tf.Tensor2D | null;
}

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

export const ACTIVATIONS: Record<Activation, ActivationOps> = {
  // φ′ = 1[z > 0] = 1[a > 0], the same convention as tfjs's own ReLU gradient at z = 0.
  relu: { fused: 'relu', apply: (z) => tf.relu(z), needsPreActivation: false, derivative: (_, a) => tf.step(a) },
  // d/dz erf(z) = (2/√π) e^{−z²}.
  erf: {
    apply: (z) => tf.erf(z),
    needsPreActivation: true,
    derivative: (z) => tf.exp(tf.neg(tf.square(z!))).mul<tf.Tensor2D>(TWO_OVER_SQRT_PI),
  },
  // d/dz tanh(z) = 1 − tanh²(z) = 1 − a².
  tanh: { apply: (z) => tf.tanh(z), needsPreActivation: false, derivative: (_, a) => tf.sub<tf.Tensor2D>(1, tf.square(a)) },
  linear: { fused: 'linear', apply: (z) => z, needsPreActivation: false, derivative: () => null },
};
