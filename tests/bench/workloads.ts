/**
 * What the bench measures: the networks and data, shared by Node and the browser harness so that
 * every backend runs exactly the same problems. Inputs are the circle data set (d = 2) the
 * widgets use; networks are ReLU MLPs in NTK parameterisation.
 */
import { makeDataset } from '../../src/lib/ntk';
import type { MlpConfig, TrainingData } from '../../src/lib/nn';

export interface Shape {
  /** Training points. */
  n: number;
  width: number;
  /** Hidden layers. */
  depth: number;
}

export const INPUT_DIM = 2;

export const shapeLabel = ({ n, width, depth }: Shape) => `n=${n} w=${width} d=${depth}`;

/** Empirical-NTK grid (issue 5, figure 1). */
export function ntkShapes(quick: boolean): Shape[] {
  const ns = quick ? [32, 128] : [32, 128, 256];
  const widths = quick ? [256, 1024] : [256, 1024, 4096];
  return [1, 3].flatMap((depth) => widths.flatMap((width) => ns.map((n) => ({ n, width, depth }))));
}

/** The widgets' training configurations (n = 64 … 256, width 64 … 4096, depth 1–3). */
export function trainingShapes(quick: boolean): Shape[] {
  const all: Shape[] = [
    { n: 64, width: 64, depth: 1 },
    { n: 64, width: 512, depth: 1 },
    { n: 128, width: 1024, depth: 1 },
    { n: 256, width: 4096, depth: 1 },
    { n: 128, width: 256, depth: 3 },
    { n: 128, width: 1024, depth: 3 },
    { n: 256, width: 4096, depth: 3 },
  ];
  return quick ? all.filter((s) => s.width <= 1024) : all;
}

export function benchNetwork({ width, depth }: Shape, seed = 1): MlpConfig {
  return { inputDim: INPUT_DIM, width, depth, activation: 'relu', wStd: 1.4, bStd: 0.1, parameterization: 'ntk', seed };
}

/** n points on the circle plus the 256-point plotting grid the plots read back every frame. */
export function benchData(n: number): TrainingData {
  const { xTrain, yTrain, xTest, yTest } = makeDataset('circleFourier', { n });
  return { xTrain, yTrain, xTest, yTest };
}

/** (fan_in, fan_out) of every Dense layer, input layer first. */
export function layerDims({ width, depth }: Shape): [number, number][] {
  return Array.from({ length: depth + 1 }, (_, l) => [l === 0 ? INPUT_DIM : width, l === depth ? 1 : width]);
}

export function parameterCount(shape: Shape): number {
  return layerDims(shape).reduce((p, [fanIn, fanOut]) => p + fanIn * fanOut + fanOut, 0);
}
