/**
 * Floating-point operation counts, matmuls only (2mkn for an m×k by k×n product): the elementwise
 * ops add O(n·width) per layer, under 1% at every width measured here.
 */
import { layerDims, parameterCount, type Shape } from './workloads';

const weightSum = (shape: Shape, from = 0) =>
  layerDims(shape).slice(from).reduce((s, [fanIn, fanOut]) => s + fanIn * fanOut, 0);

/** Forward pass, backward pass of the signals, then per layer the two n×n Gram matrices (src/lib/nn/empiricalNtk.ts). */
export function structuredNtkFlops(shape: Shape): number {
  const { n } = shape;
  const grams = layerDims(shape).reduce((s, [fanIn, fanOut]) => s + 2 * n * n * (fanIn + fanOut), 0);
  return 2 * n * weightSum(shape) + 2 * n * weightSum(shape, 1) + grams;
}

/** Per-sample gradients (a forward and a backward pass of one row each, ≈ 3 matmul passes) and J Jᵀ. */
export function jacobianNtkFlops(shape: Shape): number {
  const { n } = shape;
  return n * (2 * weightSum(shape) + 2 * weightSum(shape, 1) + 2 * weightSum(shape)) + 2 * n * n * parameterCount(shape);
}

/** The part of jacobianNtkFlops done by the reference in plain JavaScript (float64 dot products). */
export function referenceJsMultiplyAdds(shape: Shape): number {
  return shape.n * shape.n * parameterCount(shape);
}

/** One full-batch GD step: forward, backward of the signals, and the weight gradients Aᵀ G. */
export function trainingStepFlops(shape: Shape): number {
  const { n } = shape;
  return 2 * n * weightSum(shape) + 2 * n * weightSum(shape, 1) + 2 * n * weightSum(shape);
}

/** The per-frame read-back: forward passes on the training points and the plotting grid. */
export function readbackFlops(shape: Shape, testPoints: number): number {
  return 2 * (shape.n + testPoints) * weightSum(shape);
}
