/**
 * Test fixtures: a run whose K₀ is circulant, K_ij = c_{(i−j) mod n} with c symmetric, so that its
 * eigenvalues are the DFT λ_m = Σ_j c_j cos(2πjm/n) and its eigenvectors Fourier vectors: closed
 * forms to check the widgets' theory against. And plain frozen-kernel GD by explicit iteration.
 */
import type { RunStart } from '../../../../src/engine/api';
import type { TrainRecord } from '../../../../src/lib/nn';
import type { Matrix } from '../../../../src/lib/ntk';
import { InitialKernel, type LinearisedRun } from '../../../../src/widgets/kit/linearisedRun';

/** Entries rounded to float32, as the worker sends K₀, so explicit GD on it matches the run exactly. */
export function circulant(c: readonly number[]): Matrix {
  const n = c.length;
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => Math.fround(c[(i - j + n) % n])));
}

export const dftEigenvalue = (c: readonly number[], m: number) =>
  c.reduce((s, cj, j) => s + cj * Math.cos((2 * Math.PI * j * m) / c.length), 0);

export function record(step: number, trainOutputs: number[], yTrain: readonly number[], extra: Partial<TrainRecord> = {}): TrainRecord {
  const trainLoss = trainOutputs.reduce((s, f, i) => s + (f - yTrain[i]) ** 2, 0) / (2 * trainOutputs.length);
  return { step, trainLoss, trainOutputs, paramChange: 0, layerWeightChange: [], diverged: false, ...extra };
}

export interface CirculantRunOptions {
  c: readonly number[];
  yTrain: number[];
  f0Train: number[];
  lr: number;
  test?: { kTestTrain: Matrix; yTest: number[]; f0Test: number[] };
}

export function circulantRun({ c, yTrain, f0Train, lr, test }: CirculantRunOptions): LinearisedRun {
  const kernel = circulant(c);
  const start: RunStart = {
    runId: 1,
    lr,
    initial: record(0, f0Train, yTrain, { testOutputs: test?.f0Test }),
    kernelTrain: Float32Array.from(kernel.flat()),
    kernelTestTrain: test && Float32Array.from(test.kTestTrain.flat()),
  };
  return new InitialKernel(start, { xTrain: kernel, yTrain, xTest: test?.kTestTrain, yTest: test?.yTest }).at(lr);
}

/** f ← f − (η/n) K (f − y) on the training set, and f* ← f* − (η/n) K(X*, X)(f − y) on test points. */
export function explicitGd(kernel: Matrix, yTrain: readonly number[], f0: readonly number[], lr: number, steps: number, test?: { kTestTrain: Matrix; f0Test: number[] }) {
  const n = yTrain.length;
  let f = f0.slice();
  let fTest = test?.f0Test.slice() ?? [];
  for (let t = 0; t < steps; t++) {
    const r = f.map((fi, i) => fi - yTrain[i]);
    const move = (row: readonly number[]) => (lr / n) * row.reduce((s, kij, j) => s + kij * r[j], 0);
    if (test) fTest = fTest.map((fi, i) => fi - move(test.kTestTrain[i]));
    f = f.map((fi, i) => fi - move(kernel[i]));
  }
  return { f, fTest };
}
