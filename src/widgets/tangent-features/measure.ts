/**
 * One gradient step of a freshly initialised network on a single training point (x_a, y_a),
 * measured in the worker, together with the kernel rows that predict it.
 */
import type { EngineApi } from '../../engine/api';
import type { MlpConfig } from '../../lib/nn';
import type { Target1d } from '../../lib/ntk';
import { targets1d } from '../../lib/ntk';
import { toRows } from '../../lib/ntk';

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
  /** Rows of the network's own (lr-weighted) tangent kernel: Θ̂(x_a, ·) and Θ̂(x_b, ·). */
  kernel: { a: number[]; b: number[] };
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
  const [sample] = await engine.sampleKernels({
    network,
    widths: [network.width],
    seeds: [network.seed],
    x1: [[xa], [xb]],
    x2: x,
    weighting: 'lr',
  });
  const [kernelA, kernelB] = toRows(sample.kernel, inputs.length);
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
      kernel: { a: kernelA, b: kernelB },
      analytic: { a: ntk[0], b: ntk[1] },
    };
  } finally {
    await engine.disposeRun(run.runId);
  }
}
