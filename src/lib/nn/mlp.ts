/**
 * Scalar-output MLP  x ∈ ℝ^d → Dense → φ → … → Dense → f(x) ∈ ℝ  whose layers are scaled as in
 * ./parameterization.ts, with a manual backward pass. All methods that return tensors allocate
 * them on the current backend; call them inside tf.tidy.
 *
 * The variables hold the effective parameters, W_l = m_l·θ_W and b_l = mb_l·θ_b, the ones the
 * forward pass multiplies by, so that a layer is one fused matmul (with its bias and, for relu, its
 * activation) and no multiplier is applied at run time. Gradient descent on the stored θ with rate
 * η·lrFactor is gradient descent on the effective parameters with rate η·lrFactor·m²
 * (effectiveLrFactors), exactly, so the parameterisations train as their table says.
 */
import * as tf from '@tensorflow/tfjs';
import { createRng, type MlpSpec } from '../ntk';
import { ACTIVATIONS, type ActivationOps } from './activations';
import { matMul } from './matmul';
import { layerScalings, type LayerScaling, type Parameterization } from './parameterization';

export interface MlpConfig extends MlpSpec {
  inputDim: number;
  /** Hidden width n, the same for every hidden layer. */
  width: number;
  parameterization: Parameterization;
  seed: number;
}

export interface DenseLayer {
  /** Effective weights m_l·θ_W, fan_in × fan_out. */
  w: tf.Variable<tf.Rank.R2>;
  /** Effective biases mb_l·θ_b, fan_out. */
  b: tf.Variable<tf.Rank.R1>;
  scaling: LayerScaling;
}

/** What the backward pass needs from the forward pass, batched over the n rows of x. */
export interface ForwardTrace {
  /** inputs[l] = A_{l−1}, the input of layer l (inputs[0] = x, inputs[l] = φ(z_{l−1}) after that). */
  inputs: tf.Tensor2D[];
  /** preActivations[l] = z_l of hidden layer l, kept only where φ′ needs it (erf); null otherwise. */
  preActivations: (tf.Tensor2D | null)[];
  /** f(x) as a column, n × 1. */
  output: tf.Tensor2D;
}

/** Learning-rate factors of the effective weights and biases of a layer: lrFactor·m². */
export function effectiveLrFactors(scaling: LayerScaling): { weight: number; bias: number } {
  return {
    weight: scaling.weightLrFactor * scaling.weightMultiplier ** 2,
    bias: scaling.biasLrFactor * scaling.biasMultiplier ** 2,
  };
}

/** a·w + b (then the activation), one kernel. */
function dense(a: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D, activation: 'relu' | 'linear' = 'linear'): tf.Tensor2D {
  return tf.fused.matMul({ a, b: w, bias: b, activation }) as tf.Tensor2D;
}

export class Mlp {
  readonly layers: DenseLayer[];
  readonly phi: ActivationOps;

  /**
   * Stored parameters are drawn on the CPU from createRng(seed), layer by layer, weights
   * (row-major) before biases, scaled by their multipliers and then uploaded, so a seed gives the
   * same network on every backend.
   */
  constructor(readonly config: MlpConfig) {
    const { inputDim, width, depth, parameterization, seed } = config;
    if (!Number.isInteger(depth) || depth < 1) throw new Error(`depth must be an integer ≥ 1, got ${depth}`);
    this.phi = ACTIVATIONS[config.activation];
    const rng = createRng(seed);
    const scaled = (values: Float32Array, multiplier: number) => values.map((v) => v * multiplier);
    this.layers = layerScalings(parameterization, config, inputDim, width).map((scaling, l) => {
      const fanIn = l === 0 ? inputDim : width;
      const fanOut = l === depth ? 1 : width;
      const w = rng.fillNormal(new Float32Array(fanIn * fanOut), scaling.weightInitStd);
      const b = rng.fillNormal(new Float32Array(fanOut), scaling.biasInitStd);
      return {
        w: tf.tidy(() => tf.variable(tf.tensor2d(scaled(w, scaling.weightMultiplier), [fanIn, fanOut]))),
        b: tf.tidy(() => tf.variable(tf.tensor1d(scaled(b, scaling.biasMultiplier)))),
        scaling,
      };
    });
  }

  get parameterCount(): number {
    return this.layers.reduce((sum, { w, b }) => sum + w.size + b.size, 0);
  }

  forward(x: tf.Tensor2D): tf.Tensor1D {
    return this.trace(x).output.reshape([-1]);
  }

  trace(x: tf.Tensor2D): ForwardTrace {
    const inputs: tf.Tensor2D[] = [];
    const preActivations: (tf.Tensor2D | null)[] = [];
    const last = this.layers.length - 1;
    let a = x;
    for (let l = 0; l < last; l++) {
      inputs.push(a);
      const { w, b } = this.layers[l];
      if (this.phi.fused) {
        a = dense(a, w, b, this.phi.fused);
        preActivations.push(null);
      } else {
        const z = dense(a, w, b);
        a = this.phi.apply(z);
        preActivations.push(this.phi.needsPreActivation ? z : null);
      }
    }
    inputs.push(a);
    const { w, b } = this.layers[last];
    return { inputs, preActivations, output: dense(a, w, b) };
  }

  /**
   * Backpropagates the output cotangent dOut (∂E/∂f(x_s) for some E; a column or a vector) and
   * returns G_l = ∂E/∂z_l (n × fan_out) for every layer. Samples do not interact, so with dOut = 1
   * row s of G_l is ∂f(x_s)/∂z_l(x_s).
   */
  backward(trace: ForwardTrace, dOut: tf.Tensor): tf.Tensor2D[] {
    const last = this.layers.length - 1;
    const signals: tf.Tensor2D[] = new Array(this.layers.length);
    signals[last] = dOut.reshape([-1, 1]);
    for (let l = last; l > 0; l--) signals[l - 1] = this.signalBelow(trace, l, signals[l]);
    return signals;
  }

  /** G_{l−1} = (G_l W_lᵀ) ⊙ φ′(z_{l−1}). */
  signalBelow(trace: ForwardTrace, l: number, signal: tf.Tensor2D): tf.Tensor2D {
    const { w } = this.layers[l];
    // Through the scalar output layer G_L W_Lᵀ is an outer product: a broadcast multiply, no matmul.
    const throughWeights = w.shape[1] === 1 ? signal.mul<tf.Tensor2D>(w.reshape([1, -1])) : matMul(signal, w, false, true);
    const slope = this.phi.derivative(trace.preActivations[l - 1], trace.inputs[l]);
    return slope ? throughWeights.mul(slope) : throughWeights;
  }

  /** ∂E/∂(effective W_l, b_l) from the signals of backward(): A_{l−1}ᵀ G_l and Σ_s G_l. */
  parameterGradients(trace: ForwardTrace, signals: tf.Tensor2D[]): { w: tf.Tensor2D; b: tf.Tensor1D }[] {
    return this.layers.map((_, l) => ({
      w: matMul(trace.inputs[l], signals[l], true, false),
      b: signals[l].sum(0),
    }));
  }

  dispose(): void {
    for (const { w, b } of this.layers) {
      w.dispose();
      b.dispose();
    }
  }
}
