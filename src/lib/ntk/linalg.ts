/**
 * Small dense vector helpers on plain arrays. The dynamics evaluate many times per animation
 * frame, so these avoid the copies that wrapping every operand in an ml-matrix `Matrix` costs;
 * decompositions themselves go through ml-matrix.
 */
import type { Matrix } from './types';

export function dot(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}

/** A x. */
export function matVec(a: Matrix, x: readonly number[]): number[] {
  return a.map((row) => dot(row, x));
}

/** Aᵀ x = Σ_k x_k · a[k], i.e. the combination of A's rows with weights x. */
export function transposeMatVec(a: Matrix, x: readonly number[]): number[] {
  const out = new Array<number>(a[0]?.length ?? 0).fill(0);
  a.forEach((row, k) => {
    const w = x[k];
    for (let j = 0; j < row.length; j++) out[j] += w * row[j];
  });
  return out;
}

/** Row-major flat data (as the worker returns it) as rows of `cols` entries. */
export function toRows(flat: ArrayLike<number>, cols: number): number[][] {
  const rows: number[][] = [];
  for (let i = 0; i + cols <= flat.length; i += cols) rows.push(Array.from({ length: cols }, (_, j) => flat[i + j]));
  return rows;
}
