import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng, type Activation, type Matrix } from '../../../src/lib/ntk';
import {
  empiricalNtk,
  empiricalNtkAsync,
  layerScalings,
  Mlp,
  PARAMETERIZATIONS,
  type MlpConfig,
  type Parameterization,
} from '../../../src/lib/nn';
import { referenceNtk } from './referenceJacobian';

const ACTIVATION_NAMES: Activation[] = ['relu', 'erf', 'tanh', 'linear'];
const erf = (z: number) => tf.tidy(() => tf.erf(tf.scalar(z)).dataSync()[0]);

function randomInputs(rows: number, dim: number, seed: number): Matrix {
  const rng = createRng(seed);
  return Array.from({ length: rows }, () => Array.from({ length: dim }, () => rng.normal()));
}

function relativeFrobenius(a: Matrix, b: Matrix): number {
  let diff = 0;
  let norm = 0;
  a.forEach((row, i) =>
    row.forEach((x, j) => {
      diff += (x - b[i][j]) ** 2;
      norm += b[i][j] ** 2;
    }),
  );
  return Math.sqrt(diff / norm);
}

function config(parameterization: Parameterization, activation: Activation, depth: number, seed: number): MlpConfig {
  return { parameterization, activation, depth, inputDim: 3, width: 7, wStd: 1.3, bStd: 0.4, seed };
}

/** The network's variables (effective weights as rows[fanIn][fanOut], and biases). */
function parameters(net: Mlp): { w: Matrix; b: number[] }[] {
  return net.layers.map(({ w, b }) => ({ w: w.arraySync(), b: Array.from(b.dataSync()) }));
}

/**
 * The stored parameters θ a config's seed gives, drawn here as Mlp documents it: createRng(seed),
 * layer by layer, the weights (row-major) and then the biases, each N(0, its init std²).
 */
function storedLayers(c: MlpConfig): { w: Matrix; b: number[] }[] {
  const rng = createRng(c.seed);
  return layerScalings(c.parameterization, c, c.inputDim, c.width).map(({ weightInitStd, biasInitStd }, l) => {
    const [fanIn, fanOut] = [l === 0 ? c.inputDim : c.width, l === c.depth ? 1 : c.width];
    const w = rng.fillNormal(new Float32Array(fanIn * fanOut), weightInitStd);
    const b = rng.fillNormal(new Float32Array(fanOut), biasInitStd);
    return { w: Array.from({ length: fanIn }, (_, i) => Array.from(w.subarray(i * fanOut, (i + 1) * fanOut))), b: Array.from(b) };
  });
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('empirical NTK equals JJᵀ from per-sample autodiff', () => {
  const x = randomInputs(5, 3, 11);
  const xOther = randomInputs(3, 3, 12);
  const cases = PARAMETERIZATIONS.flatMap((p) => ACTIVATION_NAMES.flatMap((a) => [1, 2, 3].map((d) => [p, a, d] as const)));

  it.each(cases)('%s / %s / depth %i', (parameterization, activation, depth) => {
    const net = new Mlp(config(parameterization, activation, depth, 100 + depth));
    for (const weighting of ['plain', 'lr'] as const) {
      expect(relativeFrobenius(empiricalNtk(net, x, undefined, weighting), referenceNtk(net, x, x, weighting))).toBeLessThan(1e-5);
      expect(relativeFrobenius(empiricalNtk(net, xOther, x, weighting), referenceNtk(net, xOther, x, weighting))).toBeLessThan(1e-5);
    }
    net.dispose();
  });

  it('the async read-back gives the same kernel, and the μP lr weighting differs from the plain NTK', async () => {
    const net = new Mlp(config('mup', 'erf', 2, 5));
    const sync = empiricalNtk(net, x);
    expect(relativeFrobenius(await empiricalNtkAsync(net, x), sync)).toBe(0);
    // With factors n (= 7) on all but the output bias, the lr-weighted kernel is several times the plain one.
    expect(sync[0][0] / empiricalNtk(net, x, undefined, 'plain')[0][0]).toBeGreaterThan(3);
    net.dispose();
  });
});

describe('manual backward pass', () => {
  it.each(PARAMETERIZATIONS.flatMap((p) => ACTIVATION_NAMES.map((a) => [p, a] as const)))(
    'parameter gradients of Σ_s c_s f(x_s) match tf.variableGrads (%s / %s)',
    (parameterization, activation) => {
      const net = new Mlp(config(parameterization, activation, 3, 7));
      const x = tf.tensor2d(randomInputs(6, 3, 8));
      const cotangent = tf.tensor1d(randomInputs(1, 6, 9)[0]);
      const manual = tf.tidy(() => {
        const trace = net.trace(x);
        return net.parameterGradients(trace, net.backward(trace, cotangent)).flatMap(({ w, b }) => [w, b]);
      });
      const variables = net.layers.flatMap(({ w, b }) => [w, b]);
      const auto = tf.variableGrads(() => tf.sum(net.forward(x).mul(cotangent)) as tf.Scalar, variables);
      variables.forEach((v, i) => {
        const expected = auto.grads[v.name].dataSync();
        const got = manual[i].dataSync();
        const scale = Math.max(...Array.from(expected, Math.abs));
        const worst = Math.max(...Array.from(got, (g, k) => Math.abs(g - expected[k])));
        expect(worst).toBeLessThanOrEqual(1e-5 * scale);
      });
      tf.dispose([x, cotangent, auto.value, auto.grads, manual]);
      net.dispose();
    },
  );
});

describe('forward pass follows the parameterisation table', () => {
  const x = randomInputs(4, 3, 21);

  it('ntk: f = (W_std/√n) Σ v_i φ((W_std/√d) w_i·x + b_std b_i) + b_std c', () => {
    const net = new Mlp({ ...config('ntk', 'tanh', 1, 3), width: 50 });
    const [{ w, b }, { w: v, b: c }] = storedLayers(net.config);
    const expected = x.map((row) => {
      let f = 0.4 * c[0];
      for (let i = 0; i < 50; i++) {
        const pre = (1.3 / Math.sqrt(3)) * row.reduce((s, xj, j) => s + xj * w[j][i], 0) + 0.4 * b[i];
        f += (1.3 / Math.sqrt(50)) * v[i][0] * Math.tanh(pre);
      }
      return f;
    });
    const got = tf.tidy(() => net.forward(tf.tensor2d(x)).arraySync());
    got.forEach((f, s) => expect(f).toBeCloseTo(expected[s], 5));
    net.dispose();
  });

  it('standard has the same effective weights as ntk for the same seed, so the same function', () => {
    for (const activation of ACTIVATION_NAMES) {
      const outputs = (['ntk', 'standard'] as const).map((p) => {
        const net = new Mlp(config(p, activation, 3, 4));
        const f = tf.tidy(() => net.forward(tf.tensor2d(x)).arraySync());
        net.dispose();
        return f;
      });
      outputs[0].forEach((f, s) => expect(outputs[1][s]).toBeCloseTo(f, 5));
    }
  });

  it('mup with one hidden layer is the mean-field net (W_std/n) Σ a_i φ(W_std w_i·x/√d + b_std b_i) + b_std c', () => {
    const width = 40;
    const net = new Mlp({ ...config('mup', 'erf', 1, 6), width });
    const [{ w, b }, { w: a, b: c }] = storedLayers(net.config);
    const expected = x.map((row) => {
      let f = 0.4 * c[0];
      for (let i = 0; i < width; i++) {
        const pre = (1.3 / Math.sqrt(3)) * row.reduce((s, xj, j) => s + xj * w[j][i], 0) + 0.4 * b[i];
        f += (1.3 / width) * a[i][0] * erf(pre);
      }
      return f;
    });
    const got = tf.tidy(() => net.forward(tf.tensor2d(x)).arraySync());
    got.forEach((f, s) => expect(f).toBeCloseTo(expected[s], 5));
    expect(net.layers.map((l) => [l.scaling.weightLrFactor, l.scaling.biasLrFactor])).toEqual([
      [width, width],
      [width, 1],
    ]);
    net.dispose();
  });

  it('the same seed gives the same parameters; another seed does not', () => {
    const [p1, p2, p3] = [1, 1, 2].map((seed) => {
      const net = new Mlp(config('ntk', 'relu', 2, seed));
      const stored = parameters(net);
      net.dispose();
      return stored;
    });
    expect(p2).toEqual(p1);
    expect(p3[0].w).not.toEqual(p1[0].w);
  });
});
