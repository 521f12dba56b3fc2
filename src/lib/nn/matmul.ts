/**
 * tf.matMul(a, b, transposeA, transposeB) without tfjs-backend-wasm's slow path. Its BatchMatMul
 * (4.22, src/cc/batch_mat_mul_impl.cc) hands a product to XNNPACK only when neither operand is
 * transposed; with either flag it runs a scalar triple loop, 4–30× slower on the shapes of an MLP's
 * backward pass and kernel Gram matrices (tests/bench, README "Performance"). On wasm the product is
 * rewritten without flags through whichever of
 *
 *   op(a)·op(b)    or    (op(b)ᵀ·op(a)ᵀ)ᵀ
 *
 * sends fewer elements through explicit transposes (wasm's Transpose is itself no fast copy).
 * Other backends read transposed operands natively, so they get tf.matMul unchanged.
 */
import * as tf from '@tensorflow/tfjs';

export function matMul(a: tf.Tensor2D, b: tf.Tensor2D, transposeA = false, transposeB = false): tf.Tensor2D {
  if (!(transposeA || transposeB) || tf.getBackend() !== 'wasm') return tf.matMul(a, b, transposeA, transposeB);
  const outSize = (transposeA ? a.shape[1] : a.shape[0]) * (transposeB ? b.shape[0] : b.shape[1]);
  const direct = (transposeA ? a.size : 0) + (transposeB ? b.size : 0);
  const swapped = (transposeA ? 0 : a.size) + (transposeB ? 0 : b.size) + outSize;
  if (direct <= swapped) return tf.matMul(transposeA ? tf.transpose(a) : a, transposeB ? tf.transpose(b) : b);
  // op(b)ᵀ is b itself when transposeB is set, and likewise op(a)ᵀ.
  return tf.transpose(tf.matMul<tf.Tensor2D>(transposeB ? b : tf.transpose(b), transposeA ? a : tf.transpose(a)));
}
