/**
 * Test-only reference for the empirical NTK: the full Jacobian J (one row per sample, one column per
 * stored parameter) built from per-sample autodiff gradients (tf.variableGrads of f(x_s)), and
 * K = J C J′ᵀ accumulated in float64, with C = diag(lr factors) when weighted. Slow by design: it
 * shares nothing with the factorised kernel in src/lib/nn/empiricalNtk.ts, not even the forward
 * pass (./storedNetwork.ts computes f from the stored parameters).
 */
import * as tf from '@tensorflow/tfjs';
import type { Matrix } from '../../../src/lib/ntk';
import type { KernelWeighting, Mlp } from '../../../src/lib/nn';
import { StoredNetwork } from './storedNetwork';

export interface Jacobian {
  /** rows[s][p] = ∂f(x_s)/∂θ_p. */
  rows: Float64Array[];
  /** lrFactors[p]: the learning-rate factor of parameter p. */
  lrFactors: Float64Array;
}

export function referenceJacobian(net: Mlp, x: Matrix): Jacobian {
  const reference = new StoredNetwork(net);
  const variables = reference.variables;
  const factors = reference.layers.flatMap(({ w, b, scaling }) => [
    new Float64Array(w.size).fill(scaling.weightLrFactor),
    new Float64Array(b.size).fill(scaling.biasLrFactor),
  ]);
  const lrFactors = concat(factors);
  const rows = x.map((sample) => {
    const { value, grads } = tf.variableGrads(() => reference.forward(tf.tensor2d([sample])).sum() as tf.Scalar, variables);
    const row = concat(variables.map((v) => Float64Array.from(grads[v.name].dataSync())));
    value.dispose();
    tf.dispose(grads);
    return row;
  });
  reference.dispose();
  return { rows, lrFactors };
}

/** J₁ C J₂ᵀ (C = I for 'plain'). */
export function referenceNtk(net: Mlp, x1: Matrix, x2: Matrix = x1, weighting: KernelWeighting = 'lr'): Matrix {
  const left = referenceJacobian(net, x1);
  const right = x2 === x1 ? left : referenceJacobian(net, x2);
  const c = left.lrFactors;
  return left.rows.map((a) =>
    right.rows.map((b) => {
      let sum = 0;
      for (let p = 0; p < a.length; p++) sum += (weighting === 'lr' ? c[p] : 1) * a[p] * b[p];
      return sum;
    }),
  );
}

function concat(parts: Float64Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
