import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, it } from 'vitest';
import { analyticKernels, createRng, type Activation, type Matrix } from '../../../src/lib/ntk';
import { empiricalNtk, Mlp } from '../../../src/lib/nn';

const WIDTHS = [64, 128, 256, 512, 1024, 2048, 4096];
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];
const INPUT_DIM = 4;

function relativeFrobenius(a: Matrix, b: Matrix): number {
  const sq = (m: Matrix) => m.flat().reduce((s, v) => s + v * v, 0);
  return Math.sqrt(sq(a.map((row, i) => row.map((v, j) => v - b[i][j]))) / sq(b));
}

/** Least-squares slope of log(error) against log(width). */
function logLogSlope(widths: number[], errors: number[]): number {
  const xs = widths.map(Math.log);
  const ys = errors.map(Math.log);
  const mx = xs.reduce((a, b) => a + b) / xs.length;
  const my = ys.reduce((a, b) => a + b) / ys.length;
  const sxy = xs.reduce((s, x, i) => s + (x - mx) * (ys[i] - my), 0);
  return sxy / xs.reduce((s, x) => s + (x - mx) ** 2, 0);
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

it.each([
  ['relu', 1],
  ['erf', 2],
] as [Activation, number][])(
  'ntk parameterisation, %s, depth %i: the empirical NTK approaches the analytic one like width^(−1/2)',
  (activation, depth) => {
    const rng = createRng(77);
    const x = Array.from({ length: 5 }, () => Array.from({ length: INPUT_DIM }, () => rng.normal()));
    const spec = { depth, activation, wStd: 1.4, bStd: 0.3 };
    const analytic = analyticKernels(x, x, spec).ntk;
    const errors = WIDTHS.map((width) => {
      const perSeed = SEEDS.map((seed) => {
        const net = new Mlp({ ...spec, parameterization: 'ntk', inputDim: INPUT_DIM, width, seed });
        const error = relativeFrobenius(empiricalNtk(net, x), analytic);
        net.dispose();
        return error;
      });
      return perSeed.reduce((a, b) => a + b) / perSeed.length;
    });
    const slope = logLogSlope(WIDTHS, errors);
    console.info(`${activation} depth ${depth}: errors ${errors.map((e) => e.toExponential(2)).join(', ')}; slope ${slope.toFixed(3)}`);
    expect(slope).toBeGreaterThanOrEqual(-0.75);
    expect(slope).toBeLessThanOrEqual(-0.3);
    expect(errors[errors.length - 1]).toBeLessThan(0.05);
  },
);
