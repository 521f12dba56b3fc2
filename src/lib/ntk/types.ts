/** Pointwise nonlinearity φ applied after every hidden Dense layer. */
export type Activation = 'relu' | 'erf' | 'tanh' | 'linear';

/**
 * Fully connected network Dense → φ → … → Dense → scalar, in the conventions of
 * neural-tangents `stax` with parameterization='ntk' (see ./kernels.ts for the full statement).
 * depth = number of hidden layers (≥ 1).
 */
export interface MlpSpec {
  depth: number;
  activation: Activation;
  wStd: number;
  bStd: number;
}

/** Row-major dense matrix; rows are samples unless stated otherwise. */
export type Matrix = number[][];

/** A point of a curve or a scatter, (x, y). */
export interface Point {
  x: number;
  y: number;
}
