/**
 * The EngineApi implemented on top of src/lib/nn; runs inside the worker (or anywhere tfjs runs).
 *
 * When the backend is lost (its WebGPU device announces a loss: a driver reset, the GPU process
 * crashing; or a call fails and the backend no longer passes the check it was selected with), the
 * engine drops every run, selects the next backend of the page's order, and answers the calls that
 * were in progress or that name a dropped run with BACKEND_LOST (./api.ts); the page restarts its
 * runs from there.
 */
import * as tf from '@tensorflow/tfjs';
import { errorMessage } from '../lib/errorMessage';
import {
  DEFAULT_BACKEND_ORDER,
  Mlp,
  Trainer,
  empiricalNtkTensor,
  selectBackend,
  type BackendAttempt,
  type BackendName,
  type BackendSelection,
  verifyMatMul,
} from '../lib/nn';
import { analyticKernels, stabilityLimit, toRows } from '../lib/ntk';
import { BACKEND_LOST, type EngineApi, type KernelSample, type RunStart, type StepResult } from './api';

async function readFloat32(t: tf.Tensor): Promise<Float32Array> {
  const data = (await t.data()) as Float32Array;
  t.dispose();
  return data;
}

function firstLayerWeights(trainer: Trainer): tf.Tensor {
  const layer = trainer.net.layers[0];
  return tf.tidy(() => layer.w.mul(layer.scaling.weightMultiplier));
}

/** Resolves with why once the current backend's GPU device is lost; never, for backends without one. */
function deviceLoss(): Promise<string> {
  const device = (tf.backend() as { device?: GPUDevice }).device;
  return device ? device.lost.then((info) => `its device was lost (${info.message || info.reason})`) : new Promise(() => {});
}

export function createEngine(): EngineApi {
  let selection: Promise<BackendSelection> | null = null;
  let order: readonly BackendName[] = [];
  /** Backends that were selected and then lost, never tried again. */
  const lost: BackendAttempt[] = [];
  /** Counts losses: a call that began before the latest one answers BACKEND_LOST. */
  let epoch = 0;
  const runs = new Map<number, Trainer>();
  /** Runs dropped with a lost backend: calls on them answer BACKEND_LOST, not "no training run". */
  const dropped = new Set<number>();
  let nextRunId = 1;

  function lostError(): Error {
    const { name, reason } = lost[lost.length - 1];
    return Object.assign(new Error(`the ${name} backend stopped working: ${reason}`), { name: BACKEND_LOST });
  }

  /** Selects the first backend of `order` that was never lost, and watches it for a loss. */
  function select(): Promise<BackendSelection> {
    const current: Promise<BackendSelection> = selectBackend({ order: order.filter((name) => !lost.some((a) => a.name === name)) }).then(
      (chosen) => {
        void deviceLoss().then((reason) => {
          if (selection === current) lose(chosen.backend, reason);
        });
        return { backend: chosen.backend, attempts: [...lost, ...chosen.attempts] };
      },
    );
    selection = current;
    return current;
  }

  /** The backend in use stopped working: drops its runs and selects the next one. */
  function lose(name: BackendName, reason: string): void {
    epoch++;
    lost.push({ name, ok: false, reason, lost: true });
    for (const [runId, trainer] of runs) {
      trainer.dispose();
      dropped.add(runId);
    }
    runs.clear();
    // If no backend is left, every later call reports it through init().
    select().catch(() => undefined);
  }

  /**
   * Runs `work` (started at once, told the current epoch) on the current backend; answers
   * BACKEND_LOST if that backend is lost meanwhile.
   */
  async function onBackend<T>(work: (started: number) => Promise<T>): Promise<T> {
    const started = epoch;
    try {
      const result = await work(started);
      if (started === epoch) return result;
    } catch (err) {
      // A lost device fails calls before it announces the loss, so after a failure the backend is checked.
      const works = started === epoch && (await verifyMatMul().then(() => true, () => false));
      if (started === epoch && !works) lose(tf.getBackend() as BackendName, errorMessage(err));
      if (started === epoch) throw err;
    }
    throw lostError();
  }

  function trainerOf(runId: number): Trainer {
    const trainer = runs.get(runId);
    if (trainer) return trainer;
    if (dropped.has(runId)) throw lostError();
    throw new Error(`no training run ${runId} (it was reset or disposed)`);
  }

  const engine: EngineApi = {
    async init(requested?: BackendName[]) {
      // The other methods call init() bare: that must keep the page's choice (e.g. ?backend=wasm),
      // not re-select with the default order and silently move every run to another backend.
      if (selection && (requested === undefined || requested.join(',') === order.join(','))) return selection;
      order = requested ?? [...DEFAULT_BACKEND_ORDER];
      return select();
    },

    async sampleKernels(request) {
      await engine.init();
      return onBackend(async () => {
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
      });
    },

    async analyticKernels(x1, x2, spec) {
      return analyticKernels(x1, x2, spec);
    },

    async evaluate(network, x) {
      await engine.init();
      return onBackend(async () => {
        const net = new Mlp(network);
        try {
          return await readFloat32(tf.tidy(() => net.forward(tf.tensor2d(x))));
        } finally {
          net.dispose();
        }
      });
    },

    async createRun(request) {
      await engine.init();
      return onBackend(async (started) => {
        const trainer = await Trainer.create(request.network, request.data, request.options);
        if (started !== epoch) {
          trainer.dispose();
          throw lostError();
        }
        const runId = nextRunId++;
        runs.set(runId, trainer);
        const { xTrain, xTest } = request.data;
        const kernelTrain = await readFloat32(tf.tidy(() => empiricalNtkTensor(trainer.net, xTrain)));
        if (request.lrFraction !== undefined) trainer.restart(request.lrFraction * stabilityLimit(toRows(kernelTrain, xTrain.length)));
        const start: RunStart = { runId, lr: trainer.learningRate, initial: trainer.record, kernelTrain };
        if (xTest) start.kernelTestTrain = await readFloat32(tf.tidy(() => empiricalNtkTensor(trainer.net, xTest, xTrain)));
        return start;
      });
    },

    restartRun: (runId, lr) => onBackend(async () => trainerOf(runId).restart(lr)),

    stepRun: (runId, request) =>
      onBackend(async () => {
        const trainer = trainerOf(runId);
        const result: StepResult = { record: await trainer.step(request.steps) };
        if (request.withFirstLayer) result.firstLayer = await readFloat32(firstLayerWeights(trainer));
        if (request.withKernel) result.kernelTrain = await readFloat32(tf.tidy(() => trainer.trainKernel()));
        return result;
      }),

    firstLayer: (runId) => onBackend(() => readFloat32(firstLayerWeights(trainerOf(runId)))),

    async disposeRun(runId) {
      runs.get(runId)?.dispose();
      runs.delete(runId);
      dropped.delete(runId);
    },

    async callCounts() {
      return { ...counts };
    },

    async memory() {
      const { numTensors, numBytes } = tf.memory();
      return { numTensors, numBytes };
    },
  };
  const counts: Record<string, number> = {};
  for (const [name, method] of Object.entries(engine)) {
    engine[name] = (...args: never[]) => {
      counts[name] = (counts[name] ?? 0) + 1;
      return method(...args);
    };
  }
  return engine;
}

