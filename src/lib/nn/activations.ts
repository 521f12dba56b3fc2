/**
 * The pointwise nonlinearities φ and their derivatives φ′ as tfjs ops. The derivatives are written
 * out (not taken by autodiff) so that the manual backward pass in ./mlp.ts is a handful of
 * elementwise ops and matmuls.
 */
import * as tf from '@tensorflow/tfjs';
import type { Activation } from '../ntk';

export interface ActivationOps {
  apply(z: tf.Tensor2D): tf.Tensor2D;
  derivative(z: tf.Tensor2D): tf.Tensor2D;
}

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

export const ACTIVATIONS: Record<Activation, ActivationOps> = {
  // φ′ = 1[z > 0], the same convention as tfjs's own ReLU gradient at z = 0.
  relu: { apply: (z) => tf.relu(z), derivative: (z) => tf.step(z) },
  // d/dz erf(z) = (2/√π) e^{−z²}.
  erf: { apply: (z) => tf.erf(z), derivative: (z) => tf.exp(tf.neg(tf.square(z))).mul(TWO_OVER_SQRT_PI) },
  // d/dz tanh(z) = 1 − tanh²(z).
  tanh: { apply: (z) => tf.tanh(z), derivative: (z) => tf.sub(1, tf.square(tf.tanh(z))) },
  linear: { apply: (z) => z, derivative: (z) => tf.onesLike(z) },
};
