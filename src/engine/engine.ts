/** The EngineApi implemented on top of src/lib/nn; runs inside the worker (or anywhere tfjs runs). */
import * as tf from '@tensorflow/tfjs';
import { DEFAULT_BACKEND_ORDER, Mlp, Trainer, empiricalNtkTensor, selectBackend, type BackendName, type BackendSelection } from '../lib/nn';
import { analyticKernels } from '../lib/ntk';
import type { EngineApi, KernelSample, RunStart, StepResult } from './api';

async function readFloat32(t: tf.Tensor): Promise<Float32Array> {
  const data = (await t.data()) as Float32Array;
  t.dispose();
  return data;
}

function firstLayerWeights(trainer: Trainer): tf.Tensor {
  const layer = trainer.net.layers[0];
  return tf.tidy(() => layer.w.mul(layer.scaling.weightMultiplier));
}

export function createEngine(): EngineApi {
  let selection: Promise<BackendSelection> | null = null;
  let selectedOrder = '';
  const runs = new Map<number, Trainer>();
  let nextRunId = 1;

  function trainerOf(runId: number): Trainer {
    const trainer = runs.get(runId);
    if (!trainer) throw new Error(`no training run ${runId} (it was reset or disposed)`);
    return trainer;
  }

  const engine: EngineApi = {
    async init(order?: BackendName[]) {
      // The other methods call init() bare: that must keep the page's choice (e.g. ?backend=wasm),
      // not re-select with the default order and silently move every run to another backend.
      if (selection && (order === undefined || order.join(',') === selectedOrder)) return selection;
      const chosen = order ?? [...DEFAULT_BACKEND_ORDER];
      selectedOrder = chosen.join(',');
      selection = selectBackend({ order: chosen });
      return selection;
    },

    async sampleKernels(request) {
      await engine.init();
      const samples: KernelSample[] = [];
      for (const width of request.widths) {
        for (const seed of request.seeds) {
          const net = new Mlp({ ...request.network, width, seed });
          try {
            const kernel = tf.tidy(() => empiricalNtkTensor(net, request.x1, request.x2, request.weighting ?? 'plain'));
            samples.push({ width, seed, kernel: await readFloat32(kernel) });
          } finally {
            net.dispose();
          }
        }
      }
      return samples;
    },

    async analyticKernels(x1, x2, spec) {
      return analyticKernels(x1, x2, spec);
    },

    async evaluate(network, x) {
      await engine.init();
      const net = new Mlp(network);
      try {
        return await readFloat32(tf.tidy(() => net.forward(tf.tensor2d(x))));
      } finally {
        net.dispose();
      }
    },

    async createRun(request) {
      await engine.init();
      const trainer = await Trainer.create(request.network, request.data, request.options);
      const runId = nextRunId++;
      runs.set(runId, trainer);
      const { xTrain, xTest } = request.data;
      const start: RunStart = {
        runId,
        initial: trainer.record,
        kernelTrain: await readFloat32(tf.tidy(() => empiricalNtkTensor(trainer.net, xTrain))),
      };
      if (xTest) start.kernelTestTrain = await readFloat32(tf.tidy(() => empiricalNtkTensor(trainer.net, xTest, xTrain)));
      return start;
    },

    async stepRun(runId, request) {
      const trainer = trainerOf(runId);
      const result: StepResult = { record: await trainer.step(request.steps) };
      if (request.withFirstLayer) result.firstLayer = await readFloat32(firstLayerWeights(trainer));
      return result;
    },

    async firstLayer(runId) {
      return readFloat32(firstLayerWeights(trainerOf(runId)));
    },

    async disposeRun(runId) {
      runs.get(runId)?.dispose();
      runs.delete(runId);
    },

    async memory() {
      const { numTensors, numBytes } = tf.memory();
      return { numTensors, numBytes };
    },
  };
  return engine;
}
