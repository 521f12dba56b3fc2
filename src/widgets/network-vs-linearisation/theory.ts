/**
 * The infinite-width prediction drawn beside a network and its linearisation: the analytic NTK of
 * the architecture (src/lib/ntk) on the training inputs and the plotting grid, started from f₀ = 0,
 * the mean of f₀ over initialisations. Pure: no DOM, no tfjs.
 *
 * It needs only the kernel and an n × n eigendecomposition, so it is recomputed on the page on every
 * pointer move while the reader drags a training point; the network restarts when the point is dropped.
 */
import { analyticKernels, KernelSpectrum, type Matrix, type MlpSpec } from '../../lib/ntk';

export interface KernelData {
  xTrain: Matrix;
  yTrain: number[];
  /** Where the prediction is drawn. */
  xTest: Matrix;
}

/**
 * Everything of the infinite-width prediction but η and t (`.dynamics(η).testPrediction(t, 'gd')`
 * then costs O(n · grid)). Null for tanh, whose kernel takes numerical quadrature, tens of
 * milliseconds per kernel row here: too slow to follow a drag.
 */
export function infiniteWidthSpectrum({ xTrain, yTrain, xTest }: KernelData, spec: MlpSpec): KernelSpectrum | null {
  if (spec.activation === 'tanh') return null;
  const { ntk } = analyticKernels([...xTrain, ...xTest], xTrain, spec);
  return new KernelSpectrum({ kTrain: ntk.slice(0, xTrain.length), yTrain, kTestTrain: ntk.slice(xTrain.length) });
}
