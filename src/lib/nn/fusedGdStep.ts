/**
 * One full-batch gradient-descent step of an Mlp on L = (1/2n)‖f(X) − t‖² in as few tfjs kernels
 * as tfjs allows (on WebGPU and WebGL every kernel is a dispatch; at the widgets' sizes dispatches,
 * not FLOPs, bound a step; README "Performance"). With G_L = (f − t)/n and
 * G_{l−1} = (G_l W_lᵀ) ⊙ φ′(z_{l−1}), layer l moves by
 *
 *   W_l ← W_l − ρ_l A_{l−1}ᵀ G_l,   b_l ← b_l − ρb_l 1ᵀ G_l,   ρ = η·lrFactor·m² (effectiveLrFactors).
 *
 * Every scalar is folded into something computed once: the signals are carried pre-multiplied,
 * Ĝ_l = −ρ_l G_l, so a hidden or output layer's weights move by A_{l−1}ᵀĜ_l, added by the matmul
 * itself (its "bias" is the old W_l) where the backend's fused matmul takes a full-shape bias; the
 * first layer's input is constant, so its factor lives in a precomputed Xᵀ; a bias moves by one
 * fused matmul of a constant row (its factor over n) with Ĝ_l. One hidden ReLU layer: 11 kernels
 * that compute (12 on wasm) and 6 reshapes, against 34 kernels before.
 *
 * Heavy-ball momentum keeps its velocity in the same pre-multiplied units: V ← μV + Δ, θ ← θ + V,
 * with Δ the plain step above, which is GD with momentum on the stored parameters exactly.
 */
import * as tf from '@tensorflow/tfjs';
import { matMul } from './matmul';
import { effectiveLrFactors, type ForwardTrace, type Mlp } from './mlp';

interface LayerPlan {
  /** Ĝ_l's factor relative to G_l. */
  signalScale: number;
  /** The bias update's constant row, −ρb_l/signalScale_l repeated n times; null when the bias cannot move (ρb = 0). */
  biasRow: tf.Tensor2D | null;
  velocity?: { w: tf.Variable; b: tf.Variable };
}

/**
 * base + op(a)·b, in base's shape: one kernel where the fused matmul takes a bias of any shape. On
 * wasm its bias must be a vector, and a vector it gets must not be a reshape of a matrix (wasm checks
 * the shape the data was created with), so there the sum is a separate add.
 */
function addProduct<T extends tf.Tensor>(base: T, a: tf.Tensor2D, b: tf.Tensor2D, transposeA = false): T {
  if (tf.getBackend() === 'wasm') return tf.add(base, matMul(a, b, transposeA).reshape(base.shape)) as T;
  return tf.fused.matMul({ a, b, transposeA, bias: base }).reshape(base.shape) as T;
}

export class FusedGdStep {
  private readonly plans: LayerPlan[];
  /** −(ρ_0/signalScale_0)·Xᵀ, d × n. */
  private readonly inputStep: tf.Tensor2D;

  /**
   * For `net` on inputs x (n × d) and targets t (n × 1), learning rate lr (≥ 0; 0 leaves the
   * network as it is) and momentum μ. Holds constants on the backend until dispose().
   */
  constructor(
    private readonly net: Mlp,
    private readonly x: tf.Tensor2D,
    private readonly target: tf.Tensor2D,
    private readonly lr: number,
    private readonly momentum = 0,
  ) {
    const n = x.shape[0];
    const rates = net.layers.map(({ scaling }) => effectiveLrFactors(scaling));
    // Ĝ_l = −ρ_l G_l for l ≥ 1; the first layer keeps the scale of the second (its input absorbs the ratio).
    const signalScale = rates.map((r, l) => -lr * (l === 0 ? rates[1].weight : r.weight));
    this.plans = net.layers.map(({ w, b }, l) => ({
      signalScale: signalScale[l],
      biasRow: rates[l].bias > 0 && lr > 0 ? tf.fill([1, n], (-lr * rates[l].bias) / signalScale[l]) : null,
      velocity:
        momentum === 0
          ? undefined
          : tf.tidy(() => ({ w: tf.variable(tf.zeros(w.shape), false), b: tf.variable(tf.zeros(b.shape), false) })),
    }));
    this.inputStep = tf.tidy(() => tf.transpose(x).mul((-lr * rates[0].weight) / signalScale[0]));
  }

  step(): void {
    if (this.lr === 0) return;
    const { layers } = this.net;
    const last = layers.length - 1;
    const updates: [tf.Variable, tf.Tensor][] = [];
    tf.tidy(() => {
      const trace = this.net.trace(this.x);
      let signal = tf.sub(trace.output, this.target).mul(this.plans[last].signalScale / this.x.shape[0]) as tf.Tensor2D;
      for (let l = last; l >= 0; l--) {
        const { w, b } = layers[l];
        const { biasRow, velocity } = this.plans[l];
        // The signal below is computed from the old W_l, before this layer moves.
        const below = l > 0 ? this.scaledSignalBelow(trace, l, signal) : null;
        const [input, transposeInput] = l === 0 ? [this.inputStep, false] : [trace.inputs[l], true];
        updates.push(...this.moves(w, (base) => addProduct(base, input, signal, transposeInput), velocity?.w));
        if (biasRow) updates.push(...this.moves(b, (base) => addProduct(base, biasRow, signal), velocity?.b));
        if (below) signal = below;
      }
      for (const [variable, value] of updates) variable.assign(value);
    });
  }

  /** Ĝ_{l−1} from Ĝ_l, rescaled from layer l's factor to layer l−1's. */
  private scaledSignalBelow(trace: ForwardTrace, l: number, signal: tf.Tensor2D): tf.Tensor2D {
    const below = this.net.signalBelow(trace, l, signal);
    const ratio = this.plans[l - 1].signalScale / this.plans[l].signalScale;
    return ratio === 1 ? below : below.mul(ratio);
  }

  /** The new value of `param` (and of its velocity), given `increment(base)` = base + Δ. */
  private moves(param: tf.Variable, increment: (base: tf.Tensor) => tf.Tensor, velocity?: tf.Variable): [tf.Variable, tf.Tensor][] {
    if (!velocity) return [[param, increment(param)]];
    const next = increment(velocity.mul(this.momentum));
    return [
      [velocity, next],
      [param, tf.add(param, next)],
    ];
  }

  dispose(): void {
    this.inputStep.dispose();
    for (const { biasRow, velocity } of this.plans) {
      biasRow?.dispose();
      velocity?.w.dispose();
      velocity?.b.dispose();
    }
  }
}
