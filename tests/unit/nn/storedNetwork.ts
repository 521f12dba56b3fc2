/**
 * Test-only reference: an Mlp written the plain way, on its stored parameters θ (Mlp itself holds
 * the effective W = m·θ), with the multipliers applied at run time and one tfjs op per term, and
 * the gradient-descent step exactly as src/lib/nn computed it before the fused step (issue 13;
 * 34 kernels for one hidden layer; transposed products through src/lib/nn/matmul.ts as then, so that
 * WASM avoids its slow path). It shares no code with src/lib/nn's forward, backward or step:
 * the fused step (src/lib/nn/fusedGdStep.ts) must equal this one to float32 tolerance, and
 * tests/bench times both.
 */
import * as tf from '@tensorflow/tfjs';
import type { Activation } from '../../../src/lib/ntk';
import type { LayerScaling, Mlp } from '../../../src/lib/nn';
import { matMul } from '../../../src/lib/nn/matmul';

interface StoredLayer {
  w: tf.Variable<tf.Rank.R2>;
  b: tf.Variable<tf.Rank.R1>;
  scaling: LayerScaling;
}

const PHI: Record<Activation, (z: tf.Tensor2D) => tf.Tensor2D> = {
  relu: (z) => tf.relu(z),
  erf: (z) => tf.erf(z),
  tanh: (z) => tf.tanh(z),
  linear: (z) => z,
};

const PHI_PRIME: Record<Activation, (z: tf.Tensor2D) => tf.Tensor2D> = {
  relu: (z) => tf.step(z),
  erf: (z) => tf.exp(tf.neg(tf.square(z))).mul<tf.Tensor2D>(2 / Math.sqrt(Math.PI)),
  tanh: (z) => tf.sub<tf.Tensor2D>(1, tf.square(tf.tanh(z))),
  linear: (z) => tf.onesLike(z),
};

/** θ = W/m, or 0 where the multiplier is 0 (a bias that b_std = 0 switches off). */
function stored(t: tf.Tensor, multiplier: number): tf.Tensor {
  return multiplier === 0 ? tf.zerosLike(t) : t.div(multiplier);
}

export interface StepOptions {
  lr: number;
  alpha?: number;
  /** f₀ on x, for the centred model g = α(f − f₀). */
  f0?: tf.Tensor1D;
  momentum?: number;
}

export class StoredNetwork {
  readonly layers: StoredLayer[];
  private velocity: tf.Variable[] | null = null;

  /** The stored parameters of `net` as it is now. */
  constructor(private readonly net: Mlp) {
    this.layers = net.layers.map(({ w, b, scaling }) => ({
      w: tf.tidy(() => tf.variable(stored(w, scaling.weightMultiplier) as tf.Tensor2D)),
      b: tf.tidy(() => tf.variable(stored(b, scaling.biasMultiplier) as tf.Tensor1D)),
      scaling,
    }));
  }

  get variables(): tf.Variable[] {
    return this.layers.flatMap(({ w, b }) => [w, b]);
  }

  /** m·θ, layer by layer (weights, then biases), to compare with an Mlp's variables. */
  effective(): tf.Tensor[] {
    return tf.tidy(() => this.layers.flatMap(({ w, b, scaling }) => [w.mul(scaling.weightMultiplier), b.mul(scaling.biasMultiplier)]));
  }

  private trace(x: tf.Tensor2D): { inputs: tf.Tensor2D[]; pre: tf.Tensor2D[]; output: tf.Tensor1D } {
    const inputs: tf.Tensor2D[] = [];
    const pre: tf.Tensor2D[] = [];
    let a = x;
    let z = x;
    this.layers.forEach(({ w, b, scaling }, l) => {
      inputs.push(a);
      z = tf.add(tf.matMul(a, w).mul(scaling.weightMultiplier), b.mul(scaling.biasMultiplier));
      if (l < this.layers.length - 1) {
        pre.push(z);
        a = PHI[this.net.config.activation](z);
      }
    });
    return { inputs, pre, output: z.reshape([-1]) };
  }

  forward(x: tf.Tensor2D): tf.Tensor1D {
    return this.trace(x).output;
  }

  /** One GD step (with heavy-ball momentum μ: v ← μv + ∇L, θ ← θ − η·lrFactor·v) on L = ‖g − y‖²/(2nα²). */
  step(x: tf.Tensor2D, y: tf.Tensor1D, { lr, alpha = 1, f0, momentum = 0 }: StepOptions): void {
    if (momentum !== 0) this.velocity ??= this.variables.map((v) => tf.tidy(() => tf.variable(tf.zerosLike(v), false)));
    const velocity = this.velocity;
    tf.tidy(() => {
      const trace = this.trace(x);
      const g = (f0 ? trace.output.sub(f0) : trace.output).mul(alpha);
      const last = this.layers.length - 1;
      const signals: tf.Tensor2D[] = new Array(this.layers.length);
      signals[last] = g.sub(y).div(y.size * alpha).reshape([-1, 1]);
      for (let l = last; l > 0; l--) {
        const { w, scaling } = this.layers[l];
        const throughWeights = matMul(signals[l], w, false, true).mul(scaling.weightMultiplier);
        signals[l - 1] = throughWeights.mul(PHI_PRIME[this.net.config.activation](trace.pre[l - 1]));
      }
      const updates = this.layers.flatMap(({ scaling }, l) => [
        { grad: matMul(trace.inputs[l], signals[l], true, false).mul(scaling.weightMultiplier), lrFactor: scaling.weightLrFactor },
        { grad: signals[l].sum(0).mul(scaling.biasMultiplier), lrFactor: scaling.biasLrFactor },
      ]);
      this.variables.forEach((param, i) => {
        let direction = updates[i].grad;
        if (velocity) {
          velocity[i].assign(velocity[i].mul(momentum).add(direction));
          direction = velocity[i];
        }
        param.assign(param.sub(direction.mul(lr * updates[i].lrFactor)));
      });
    });
  }

  dispose(): void {
    tf.dispose([...this.variables, ...(this.velocity ?? [])]);
  }
}
