/**
 * Scalar-output MLP  x ∈ ℝ^d → Dense → φ → … → Dense → f(x) ∈ ℝ  whose layers are scaled as in
 * ./parameterization.ts, with a manual backward pass. All methods that return tensors allocate
 * them on the current backend; call them inside tf.tidy.
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
  /** Stored weights, fan_in × fan_out. */
  w: tf.Variable<tf.Rank.R2>;
  /** Stored biases, fan_out. */
  b: tf.Variable<tf.Rank.R1>;
  scaling: LayerScaling;
}

/** What the backward pass needs from the forward pass, batched over the n rows of x. */
export interface ForwardTrace {
  /** inputs[l] = A_{l−1}, the input of layer l (inputs[0] = x). */
  inputs: tf.Tensor2D[];
  /** preActivations[l] = z_l for the hidden layers. */
  preActivations: tf.Tensor2D[];
  /** f(x), one entry per row. */
  output: tf.Tensor1D;
}

export class Mlp {
  readonly layers: DenseLayer[];
  private readonly phi: ActivationOps;

  /**
   * Stored parameters are drawn on the CPU from createRng(seed), layer by layer, weights
   * (row-major) before biases, and then uploaded, so a seed gives the same network on every backend.
   */
  constructor(readonly config: MlpConfig) {
    const { inputDim, width, depth, parameterization, seed } = config;
    if (!Number.isInteger(depth) || depth < 1) throw new Error(`depth must be an integer ≥ 1, got ${depth}`);
    this.phi = ACTIVATIONS[config.activation];
    const rng = createRng(seed);
    this.layers = layerScalings(parameterization, config, inputDim, width).map((scaling, l) => {
      const fanIn = l === 0 ? inputDim : width;
      const fanOut = l === depth ? 1 : width;
      const w = rng.fillNormal(new Float32Array(fanIn * fanOut), scaling.weightInitStd);
      const b = rng.fillNormal(new Float32Array(fanOut), scaling.biasInitStd);
      return {
        w: tf.tidy(() => tf.variable(tf.tensor2d(w, [fanIn, fanOut]))),
        b: tf.tidy(() => tf.variable(tf.tensor1d(b))),
        scaling,
      };
    });
  }

  get parameterCount(): number {
    return this.layers.reduce((sum, { w, b }) => sum + w.size + b.size, 0);
  }

  forward(x: tf.Tensor2D): tf.Tensor1D {
    return this.trace(x).output;
  }

  trace(x: tf.Tensor2D): ForwardTrace {
    const inputs: tf.Tensor2D[] = [];
    const preActivations: tf.Tensor2D[] = [];
    let a = x;
    let z = x;
    this.layers.forEach(({ w, b, scaling }, l) => {
      inputs.push(a);
      z = tf.add(tf.matMul(a, w).mul(scaling.weightMultiplier), b.mul(scaling.biasMultiplier));
      if (l < this.layers.length - 1) {
        preActivations.push(z);
        a = this.phi.apply(z);
      }
    });
    return { inputs, preActivations, output: z.reshape([-1]) };
  }

  /**
   * Backpropagates the output cotangent dOut (∂E/∂f(x_s) for some E) and returns
   * G_l = ∂E/∂z_l (n × fan_out) for every layer. Samples do not interact, so with dOut = 1 row s
   * of G_l is ∂f(x_s)/∂z_l(x_s).
   */
  backward(trace: ForwardTrace, dOut: tf.Tensor1D): tf.Tensor2D[] {
    const last = this.layers.length - 1;
    const signals: tf.Tensor2D[] = new Array(this.layers.length);
    signals[last] = dOut.reshape([-1, 1]);
    for (let l = last; l > 0; l--) {
      const { w, scaling } = this.layers[l];
      const throughWeights = matMul(signals[l], w, false, true).mul(scaling.weightMultiplier);
      signals[l - 1] = throughWeights.mul(this.phi.derivative(trace.preActivations[l - 1]));
    }
    return signals;
  }

  /** ∂E/∂(stored W_l, b_l) from the signals of backward(): m_l A_{l−1}ᵀ G_l and mb_l Σ_s G_l. */
  parameterGradients(trace: ForwardTrace, signals: tf.Tensor2D[]): { w: tf.Tensor2D; b: tf.Tensor1D }[] {
    return this.layers.map(({ scaling }, l) => ({
      w: matMul(trace.inputs[l], signals[l], true, false).mul(scaling.weightMultiplier),
      b: signals[l].sum(0).mul(scaling.biasMultiplier),
    }));
  }

  dispose(): void {
    for (const { w, b } of this.layers) {
      w.dispose();
      b.dispose();
    }
  }
}
