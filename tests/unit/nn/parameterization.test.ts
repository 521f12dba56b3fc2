import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { empiricalNtk, hasKernelLimit, layerScalings, Mlp, type LayerScaling, type Parameterization } from '../../../src/lib/nn';

// The numerical check that K₀ does converge under NTK and μP is tests/unit/widgets/lazy-vs-rich/regimes.test.ts.
describe('hasKernelLimit', () => {
  it('has an infinite-width kernel to compare with under NTK and μP, not under standard parameterisation', () => {
    expect(hasKernelLimit('ntk')).toBe(true);
    expect(hasKernelLimit('mup')).toBe(true);
    expect(hasKernelLimit('standard')).toBe(false);
  });
});

/**
 * μP for SGD as Yang et al. (2022, Tensor Programs V) Table 3 states it for weights used as they are
 * (no multipliers): initial variance 1/fan_in for input weights, hidden weights and biases, 1/fan_in²
 * for output weights; learning rate ×fan_out for input weights and all biases, ×1 for hidden weights,
 * ×1/fan_in for output weights. Our layers keep N(0, 1) storage with a multiplier m, so the weights
 * the forward pass uses have variance m²·initStd² and step with rate η·lrFactor·m². Only the width
 * exponents are fixed by μP (constants such as σ_w are free), so the check is how each quantity
 * scales when the width grows fourfold.
 */
describe('μP against the literature (Yang et al. 2022, Table 3)', () => {
  const spec = { depth: 2, activation: 'relu' as const, wStd: 1.4, bStd: 0.3 };
  const inputDim = 3;
  /** log₄ of (quantity at width 4n)/(quantity at width n), per layer: the width exponent. */
  function exponents(parameterization: Parameterization, quantity: (s: LayerScaling) => number): number[] {
    const narrow = layerScalings(parameterization, spec, inputDim, 256);
    const wide = layerScalings(parameterization, spec, inputDim, 1024);
    return narrow.map((s, l) => Math.log(quantity(wide[l]) / quantity(s)) / Math.log(4));
  }
  const weightVariance = (s: LayerScaling) => (s.weightMultiplier * s.weightInitStd) ** 2;
  const weightRate = (s: LayerScaling) => s.weightLrFactor * s.weightMultiplier ** 2;
  const biasRate = (s: LayerScaling) => s.biasLrFactor * s.biasMultiplier ** 2;
  const round = (xs: number[]) => xs.map((x) => Math.round(x * 1e9) / 1e9 + 0);

  it('initial variance: input ∝ 1, hidden ∝ 1/n, output ∝ 1/n²', () => {
    expect(round(exponents('mup', weightVariance))).toEqual([0, -1, -2]);
  });

  it('SGD learning rate of the weights the forward pass uses: input ∝ n, hidden ∝ 1, output ∝ 1/n', () => {
    expect(round(exponents('mup', weightRate))).toEqual([1, 0, -1]);
  });

  it('biases: hidden ∝ n (their fan-out), the output bias ∝ 1 (fan-out 1)', () => {
    expect(round(exponents('mup', biasRate))).toEqual([1, 1, 0]);
  });

  it('in our N(0, 1) storage that is the rate η·n for every weight matrix, input layer and readout included', () => {
    for (const width of [64, 1024]) {
      const layers = layerScalings('mup', spec, inputDim, width);
      expect(layers.map((s) => s.weightLrFactor)).toEqual([width, width, width]);
      expect(layers.map((s) => s.biasLrFactor)).toEqual([width, width, 1]);
    }
  });

  it('the NTK parameterisation differs in the readout’s variance (1/n, not 1/n²) and in the input and hidden rates (n times smaller)', () => {
    expect(round(exponents('ntk', weightVariance))).toEqual([0, -1, -1]);
    expect(round(exponents('ntk', weightRate))).toEqual([0, -1, -1]);
  });
});

describe('μP and the NTK parameterisation at initialisation', () => {
  it('have the same lr-weighted kernel JCJᵀ for the same seed: the rate n makes up for the readout’s 1/n, so outputs start moving alike', async () => {
    await tf.setBackend('cpu');
    const x = [
      [0.3, -1.1, 0.8],
      [1.2, 0.4, -0.2],
      [-0.7, 0.5, 1.5],
    ];
    for (const depth of [1, 3]) {
      const config = { depth, activation: 'erf' as const, wStd: 1.4, bStd: 0.3, inputDim: 3, width: 64, seed: 9 };
      const [ntk, mup] = (['ntk', 'mup'] as const).map((parameterization) => {
        const net = new Mlp({ ...config, parameterization });
        const kernel = empiricalNtk(net, x, undefined, 'lr');
        net.dispose();
        return kernel;
      });
      mup.forEach((row, i) => row.forEach((v, j) => expect(Math.abs(v - ntk[i][j])).toBeLessThan(1e-5 * ntk[i][i])));
    }
  });
});
