/**
 * One gradient step of a freshly initialised network on a single training point (x_a, y_a),
 * measured in the worker, together with the kernel that predicts it, on every input (so that the
 * gradient cosine of any pair is known).
 */
import type { EngineApi } from '../../engine/api';
import type { MlpConfig } from '../../lib/nn';
import { targets1d, toRows, type Target1d } from '../../lib/ntk';
import type { SettingsOf } from '../../lib/settings';
import type { schema } from './schema';

export type TangentSettings = SettingsOf<typeof schema>;

/** Where f, Δf and the kernel rows are drawn: 51 inputs from −1 to 1. */
export const GRID = Array.from({ length: 51 }, (_, i) => -1 + i / 25);

/** What the settings ask the worker to measure. */
export function oneStepRequest(v: TangentSettings): OneStepRequest {
  return {
    network: { inputDim: 1, width: v.width, depth: v.depth, activation: v.activation, wStd: v.wstd, bStd: v.bstd, parameterization: 'ntk', seed: v.seed },
    xa: v.xa,
    xb: v.xb,
    grid: GRID,
    target: v.target,
    lr: v.lr,
  };
}

export interface OneStepRequest {
  /** A scalar-input network (inputDim 1) in the NTK parameterisation. */
  network: MlpConfig;
  xa: number;
  xb: number;
  /** Where f, Δf and the kernel rows are evaluated. */
  grid: readonly number[];
  target: Target1d;
  lr: number;
}

export interface OneStepMeasurement {
  /** x_a, x_b, then the grid: the inputs every array below is indexed by. */
  inputs: number[];
  /** y(x) on the inputs; the training label is y_a = targets[0]. */
  targets: number[];
  /** f at initialisation and after one GD step on (x_a, y_a) with L = ½(f(x_a) − y_a)². */
  before: number[];
  after: number[];
  /** The network's own (lr-weighted) tangent kernel: the rows Θ̂(x_a, ·), Θ̂(x_b, ·), and Θ̂ on all the inputs. */
  kernel: { a: number[]; b: number[]; gram: number[][] };
  /** The same rows of the infinite-width kernel. */
  analytic: { a: number[]; b: number[] };
}

export async function measureOneStep(
  engine: Pick<EngineApi, 'sampleKernels' | 'analyticKernels' | 'createRun' | 'stepRun' | 'disposeRun'>,
  request: OneStepRequest,
): Promise<OneStepMeasurement> {
  const { network, xa, xb, lr } = request;
  const inputs = [xa, xb, ...request.grid];
  const x = inputs.map((v) => [v]);
  const targets = inputs.map(targets1d[request.target]);

  // The same config and seed give the same network in every call (Mlp draws from createRng(seed)).
  const [sample] = await engine.sampleKernels({ network, widths: [network.width], seeds: [network.seed], x1: x, weighting: 'lr' });
  const gram = toRows(sample.kernel, inputs.length);
  const { ntk } = await engine.analyticKernels([[xa], [xb]], x, network);

  const run = await engine.createRun({
    network,
    data: { xTrain: [[xa]], yTrain: [targets[0]], xTest: x, yTest: targets },
    options: { lr },
  });
  try {
    const { record } = await engine.stepRun(run.runId, { steps: 1 });
    return {
      inputs,
      targets,
      before: run.initial.testOutputs!,
      after: record.testOutputs!,
      kernel: { a: gram[0], b: gram[1], gram },
      analytic: { a: ntk[0], b: ntk[1] },
    };
  } finally {
    await engine.disposeRun(run.runId);
  }
}
