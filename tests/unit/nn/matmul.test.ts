// On the wasm backend, where src/lib/nn/matmul.ts rewrites transposed products (elsewhere it is tf.matMul).
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng, type Matrix } from '../../../src/lib/ntk';
import { empiricalNtk, Mlp, selectBackend } from '../../../src/lib/nn';
import { matMul } from '../../../src/lib/nn/matmul';
import { referenceNtk } from './referenceJacobian';

const WASM_DIR = fileURLToPath(new URL('../../../node_modules/@tensorflow/tfjs-backend-wasm/dist/', import.meta.url));

function randomMatrix(rows: number, cols: number, seed: number): Matrix {
  const rng = createRng(seed);
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => rng.normal()));
}

const transpose = (m: Matrix): Matrix => m[0].map((_, j) => m.map((row) => row[j]));

/** Plain float64 triple loop. */
function product(a: Matrix, b: Matrix): Matrix {
  return a.map((row) => b[0].map((_, j) => row.reduce((s, x, k) => s + x * b[k][j], 0)));
}

function maxRelativeError(got: Matrix, expected: Matrix): number {
  const scale = Math.max(...expected.flat().map(Math.abs));
  return Math.max(...got.flatMap((row, i) => row.map((g, j) => Math.abs(g - expected[i][j])))) / scale;
}

beforeAll(async () => {
  expect((await selectBackend({ candidates: ['wasm'], wasmPaths: WASM_DIR })).backend).toBe('wasm');
});

afterAll(async () => {
  await tf.setBackend('cpu');
});

describe('matMul on wasm', () => {
  // (rows of op(a), inner, cols of op(b)): a small op(a) against a large op(b) makes the rewrite
  // take (op(b)ᵀ op(a)ᵀ)ᵀ for a·bᵀ, and the direct form otherwise, so both branches run.
  const shapes = [
    [5, 40, 30],
    [30, 40, 5],
    [7, 3, 9],
  ] as const;
  const flags = [
    [false, false],
    [true, false],
    [false, true],
    [true, true],
  ] as const;

  it.each(shapes.flatMap((shape) => flags.map((f) => [...shape, ...f] as const)))(
    'op(a) %i×%i times op(b) %i cols, transposeA=%s transposeB=%s, equals the float64 product',
    (rows, inner, cols, transposeA, transposeB) => {
      const opA = randomMatrix(rows, inner, rows + inner);
      const opB = randomMatrix(inner, cols, inner + cols + 1);
      const a = tf.tensor2d(transposeA ? transpose(opA) : opA);
      const b = tf.tensor2d(transposeB ? transpose(opB) : opB);
      const got = tf.tidy(() => matMul(a, b, transposeA, transposeB).arraySync());
      expect(got.length).toBe(rows);
      expect(got[0].length).toBe(cols);
      expect(maxRelativeError(got, product(opA, opB))).toBeLessThan(1e-5);
      tf.dispose([a, b]);
    },
  );

  it('the empirical NTK on wasm equals per-sample autodiff JJᵀ on cpu for the same seed', async () => {
    const config = { parameterization: 'mup' as const, activation: 'tanh' as const, depth: 3, inputDim: 3, width: 24, wStd: 1.3, bStd: 0.4, seed: 4 };
    const x = randomMatrix(6, 3, 2);
    const xOther = randomMatrix(4, 3, 3);
    const net = new Mlp(config);
    const onWasm = [empiricalNtk(net, x), empiricalNtk(net, xOther, x)];
    net.dispose();
    await tf.setBackend('cpu');
    const reference = new Mlp(config);
    expect(maxRelativeError(onWasm[0], referenceNtk(reference, x, x, 'lr'))).toBeLessThan(1e-5);
    expect(maxRelativeError(onWasm[1], referenceNtk(reference, xOther, x, 'lr'))).toBeLessThan(1e-5);
    reference.dispose();
    await tf.setBackend('wasm');
  });
});
