import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import type { EngineApi } from '../../../src/engine/api';
import { createEngine } from '../../../src/engine/engine';
import { connect, serve } from '../../../src/engine/rpc';
import { circleFourier, linearisedDynamics } from '../../../src/lib/ntk';
import { empiricalNtk, Mlp, type MlpConfig } from '../../../src/lib/nn';

// The engine served over a real MessageChannel, exactly as the page talks to the worker.
const channel = new MessageChannel();
serve(createEngine(), channel.port1 as unknown as Parameters<typeof serve>[1]);
const engine = connect<EngineApi>(channel.port2 as unknown as Parameters<typeof connect>[0]);
afterAll(() => {
  channel.port1.close();
  channel.port2.close();
});

const network: MlpConfig = { inputDim: 2, width: 512, depth: 1, activation: 'relu', wStd: 1.5, bStd: 0.1, parameterization: 'ntk', seed: 4 };

describe('engine over RPC', () => {
  it('selects the CPU backend in Node and reports the failed attempts', async () => {
    const selection = await engine.init(['webgpu', 'cpu']);
    expect(selection.backend).toBe('cpu');
    expect(selection.attempts[0]).toMatchObject({ name: 'webgpu', ok: false });
  });

  it('samples kernels equal to the library computation, as transferred Float32Arrays', async () => {
    const x = [[1, 0], [0.6, 0.8], [-1, 0]];
    const [sample] = await engine.sampleKernels({ network, widths: [64], seeds: [3], x1: x, weighting: 'plain' });
    expect(sample.kernel).toBeInstanceOf(Float32Array);
    const direct = empiricalNtk(new Mlp({ ...network, width: 64, seed: 3 }), x, undefined, 'plain');
    expect(Array.from(sample.kernel)).toEqual(direct.flat().map((v) => Math.fround(v)));
  });

  it('trains a run whose loss follows the linearised prediction from its own K₀, without leaking tensors', async () => {
    const data = circleFourier({ n: 12, modes: [{ k: 1, amp: 1 }], jitter: 0, seed: 2 });
    const start = await engine.createRun({
      network,
      data: { xTrain: data.xTrain, yTrain: data.yTrain },
      options: { lr: 1, kernelEvery: 10 },
    });
    const n = data.xTrain.length;
    const k0 = Array.from({ length: n }, (_, i) => Array.from(start.kernelTrain.subarray(i * n, (i + 1) * n)));
    const theory = linearisedDynamics({ kTrain: k0, yTrain: data.yTrain, f0Train: start.initial.trainOutputs, lr: 1 });
    const before = (await engine.memory()).numTensors;
    let record = start.initial;
    for (let i = 0; i < 5; i++) record = (await engine.stepRun(start.runId, { steps: 20 })).record;
    expect(record.step).toBe(100);
    // The loss falls ~3000×, so compare outputs: the gap to the linearised model, relative to the initial residual.
    const predicted = theory.trainPrediction(100, 'gd');
    const gap = Math.hypot(...record.trainOutputs.map((f, i) => f - predicted[i]));
    const initialResidual = Math.hypot(...start.initial.trainOutputs.map((f, i) => f - data.yTrain[i]));
    expect(record.trainLoss).toBeLessThan(start.initial.trainLoss / 100);
    expect(gap / initialResidual).toBeLessThan(0.05);
    expect((await engine.memory()).numTensors).toBe(before);
    const { firstLayer } = await engine.stepRun(start.runId, { steps: 1, withFirstLayer: true });
    expect(firstLayer).toHaveLength(2 * network.width);
    // K_t after training, asked for with the steps: its drift matches the trainer's own measure of it (kernelEvery = 10).
    // Training on after the first layer was read (and transferred) also checks that the read did not take the weights with it.
    const { record: at110, kernelTrain } = await engine.stepRun(start.runId, { steps: 9, withKernel: true });
    expect(at110.step).toBe(110);
    const drift = Math.hypot(...kernelTrain!.map((k, i) => k - start.kernelTrain[i])) / Math.hypot(...start.kernelTrain);
    expect(drift).toBeGreaterThan(0);
    expect(drift).toBeCloseTo(at110.kernelChange!, 4);
    expect((await engine.memory()).numTensors).toBe(before);
    await engine.disposeRun(start.runId);
    await expect(engine.stepRun(start.runId, { steps: 1 })).rejects.toThrow(/no training run/);
  });

  it('picks η from the run\'s own K₀ when asked for a fraction of the limit, and restarts from θ₀ at a new η without a kernel computation', async () => {
    const data = circleFourier({ n: 10, modes: [{ k: 2, amp: 1 }], jitter: 0, seed: 5 });
    const start = await engine.createRun({ network, data: { xTrain: data.xTrain, yTrain: data.yTrain }, options: { lr: 123 }, lrFraction: 0.4 });
    const n = data.xTrain.length;
    // Independent of the engine's own path: λ_max by power iteration on the reported K₀.
    const k0 = Array.from({ length: n }, (_, i) => Array.from(start.kernelTrain.subarray(i * n, (i + 1) * n)));
    let v = k0.map(() => 1);
    let lambdaMax = 0;
    for (let i = 0; i < 500; i++) {
      const w = k0.map((row) => row.reduce((s, kij, j) => s + kij * v[j], 0));
      lambdaMax = Math.hypot(...w);
      v = w.map((x) => x / lambdaMax);
    }
    expect(start.lr).toBeCloseTo((0.4 * 2 * n) / lambdaMax, 4);

    const first = (await engine.stepRun(start.runId, { steps: 7 })).record;
    const counts = await engine.callCounts();
    const before = (await engine.memory()).numTensors;
    const initial = await engine.restartRun(start.runId, start.lr);
    expect(initial.step).toBe(0);
    expect(initial.trainOutputs).toEqual(start.initial.trainOutputs);
    const again = (await engine.stepRun(start.runId, { steps: 7 })).record;
    expect(again.trainOutputs).toEqual(first.trainOutputs);
    expect((await engine.memory()).numTensors).toBe(before);
    const after = await engine.callCounts();
    expect(after.restartRun).toBe((counts.restartRun ?? 0) + 1);
    expect(after.createRun).toBe(counts.createRun);
    expect(after.sampleKernels).toBe(counts.sampleKernels);
    await engine.disposeRun(start.runId);
  });

  it('takes the first steps in the create call when asked: the same record and weights as stepping the run afterwards, K₀ and the first layer read before them', async () => {
    const data = circleFourier({ n: 8, modes: [{ k: 2, amp: 1 }], jitter: 0, seed: 6 });
    const request = { network, data: { xTrain: data.xTrain, yTrain: data.yTrain }, options: { lr: 0.8 }, withFirstLayer: true };
    const before = await engine.callCounts();
    const together = await engine.createRun({ ...request, firstSteps: 3 });
    const counts = await engine.callCounts();
    expect(counts.stepRun ?? 0).toBe(before.stepRun ?? 0);
    const apart = await engine.createRun(request);
    expect(apart.first).toBeUndefined();
    const stepped = await engine.stepRun(apart.runId, { steps: 3, withFirstLayer: true });
    expect(together.first!.record.step).toBe(3);
    expect(together.first!.record.trainOutputs).toEqual(stepped.record.trainOutputs);
    expect(together.first!.record.trainLoss).toBeLessThan(together.initial.trainLoss);
    expect(Array.from(together.first!.firstLayer!)).toEqual(Array.from(stepped.firstLayer!));
    // The kernel and the first layer of RunStart belong to θ₀, as without first steps.
    expect(Array.from(together.kernelTrain)).toEqual(Array.from(apart.kernelTrain));
    expect(together.firstLayer).toHaveLength(2 * network.width);
    expect(Array.from(together.firstLayer!)).toEqual(Array.from(apart.firstLayer!));
    expect(Array.from(together.firstLayer!)).not.toEqual(Array.from(together.first!.firstLayer!));
    await engine.disposeRun(together.runId);
    await engine.disposeRun(apart.runId);
  });

  it('rejects unknown methods with a message', async () => {
    await expect((engine as unknown as Record<string, () => Promise<unknown>>).nope()).rejects.toThrow(/unknown engine method "nope"/);
  });

  it('leaves no tensors behind after evaluate', async () => {
    const before = tf.memory().numTensors;
    const f = await engine.evaluate(network, [[1, 0], [0, 1]]);
    expect(f).toHaveLength(2);
    expect(tf.memory().numTensors).toBe(before);
  });
});
