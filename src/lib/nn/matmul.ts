/**
 * tf.matMul(a, b, transposeA, transposeB) without tfjs-backend-wasm's slow path. Its BatchMatMul
 * (4.22, src/cc/batch_mat_mul_impl.cc) hands a product to XNNPACK only when neither operand is
 * transposed; with either flag it runs a scalar triple loop, 4–30× slower on the shapes of an MLP's
 * backward pass and kernel Gram matrices (tests/bench, README "Performance"). On wasm the product is
 * rewritten without flags through whichever of
 *
 *   op(a)·op(b)    or    (op(b)ᵀ·op(a)ᵀ)ᵀ
 *
 * sends fewer elements through explicit transposes (wasm's Transpose is itself no fast copy). A row
 * or column that becomes the left operand, or the result, is transposed for free by a reshape. The
 * right operand never is: wasm keys its cache of packed right operands by the tensor's data, which a
 * reshape shares, so the same data multiplied with another shape would reuse a stale packing.
 * Other backends read transposed operands natively, so they get tf.matMul unchanged.
 */
import * as tf from '@tensorflow/tfjs';

type Role = 'left' | 'right' | 'result';

const isVector = ([rows, cols]: number[]) => rows === 1 || cols === 1;

/** Elements an explicit transpose of a [rows, cols] matrix in `role` copies. */
const transposeCost = (shape: number[], role: Role) => (role !== 'right' && isVector(shape) ? 0 : shape[0] * shape[1]);

function transposed(t: tf.Tensor2D, role: Role): tf.Tensor2D {
  return role !== 'right' && isVector(t.shape) ? t.reshape([t.shape[1], t.shape[0]]) : tf.transpose(t);
}

export function matMul(a: tf.Tensor2D, b: tf.Tensor2D, transposeA = false, transposeB = false): tf.Tensor2D {
  if (!(transposeA || transposeB) || tf.getBackend() !== 'wasm') return tf.matMul(a, b, transposeA, transposeB);
  const outShape = [transposeA ? a.shape[1] : a.shape[0], transposeB ? b.shape[0] : b.shape[1]];
  const direct = (transposeA ? transposeCost(a.shape, 'left') : 0) + (transposeB ? transposeCost(b.shape, 'right') : 0);
  const swapped =
    (transposeA ? 0 : transposeCost(a.shape, 'right')) + (transposeB ? 0 : transposeCost(b.shape, 'left')) + transposeCost(outShape, 'result');
  if (direct <= swapped) return tf.matMul(transposeA ? transposed(a, 'left') : a, transposeB ? transposed(b, 'right') : b);
  // op(b)ᵀ is b itself when transposeB is set, and likewise op(a)ᵀ.
  return transposed(tf.matMul<tf.Tensor2D>(transposeB ? b : transposed(b, 'left'), transposeA ? a : transposed(a, 'right')), 'result');
}
