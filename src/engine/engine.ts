/**
 * The EngineApi implemented on top of src/lib/nn; runs inside the worker (or anywhere tfjs runs).
 *
 * The backend is chosen by src/lib/nn/backend.ts: the page's preferred backends if one works, else
 * the fastest of the others, timed once per page (the speeds are kept and reused). It changes in
 * two ways, and both drop every run: the backend is lost (its WebGPU device announces a loss: a
 * driver reset, the GPU process crashing; or a call fails and the backend no longer passes the
 * check it was selected with), and the next one is selected without it; or the page asks for
 * another backend (init with another request: the reader's menu), which is selected once the calls
 * in progress have finished. Calls that were in progress, or that name a dropped run, then answer
 * BACKEND_LOST or BACKEND_SWITCHED (./api.ts), and the page restarts its runs from there.
 */
import * as tf from '@tensorflow/tfjs';
import { errorMessage } from '../lib/errorMessage';
import {
  BACKENDS,
  Mlp,
  Trainer,
  empiricalNtkTensor,
  selectBackend,
  type BackendAttempt,
  type BackendName,
  type BackendOptions,
  type BackendSelection,
  verifyMatMul,
} from '../lib/nn';
import { analyticKernels, stabilityLimit, toRows } from '../lib/ntk';
import { BACKEND_LOST, BACKEND_SWITCHED, type EngineApi, type KernelSample, type RunStart, type StepResult } from './api';

async function readFloat32(t: tf.Tensor): Promise<Float32Array> {
  const data = (await t.data()) as Float32Array;
  t.dispose();
  return data;
}

/**
 * A copy of the first layer's effective weights (readFloat32 disposes what it reads). Not clone():
 * that shares the weights' storage, which the CPU backend's data() returns as is, and the result's
 * transfer to the page would detach it.
 */
function firstLayerWeights(trainer: Trainer): tf.Tensor {
  return tf.tidy(() => trainer.net.layers[0].w.mul(1));
}

/** Resolves with why once the current backend's GPU device is lost; never, for backends without one. */
function deviceLoss(): Promise<string> {
  const device = (tf.backend() as { device?: GPUDevice }).device;
  return device ? device.lost.then((info) => `its device was lost (${info.message || info.reason})`) : new Promise(() => {});
}

type Change = { kind: 'lost'; name: BackendName; reason: string } | { kind: 'switched' };

const sameRequest = (a: readonly BackendName[], b: readonly BackendName[]) => a.join(',') === b.join(',');

/** Where the engine may look (Node tests: only the CPU, WASM from node_modules, fake timings). */
export type EngineOptions = Pick<BackendOptions, 'candidates' | 'wasmPaths' | 'measure'>;

export function createEngine({ candidates = BACKENDS, ...selectionOptions }: EngineOptions = {}): EngineApi {
  let selection: Promise<BackendSelection> | null = null;
  /** The page's preferred backends, in order; empty: the fastest. */
  let request: BackendName[] = [];
  /** Backends that were selected and then lost, never tried again. */
  const lost: BackendAttempt[] = [];
  /** The latest attempt at each backend: whether it works, its speed, whether it is software. */
  const known = new Map<BackendName, BackendAttempt>();
  /** Every backend change so far; a call that began before one answers droppedError() for it. */
  const changes: Change[] = [];
  const runs = new Map<number, Trainer>();
  /** Runs dropped with a backend change: calls on them answer droppedError(), not "no training run". */
  const dropped = new Map<number, Change>();
  /** A switch in progress: calls wait for it before they start. */
  let switching: Promise<BackendSelection> | null = null;
  /** Calls running on the backend now; a switch waits for them. */
  const inFlight = new Set<Promise<unknown>>();
  let nextRunId = 1;

  function droppedError(change: Change): Error {
    if (change.kind === 'switched') {
      return Object.assign(new Error('the page switched to another backend; runs started before the switch were dropped'), { name: BACKEND_SWITCHED });
    }
    return Object.assign(new Error(`the ${change.name} backend stopped working: ${change.reason}`), { name: BACKEND_LOST });
  }

  /** The selection as the page sees it: lost backends first, then what this selection tried, then the rest known. */
  function report(chosen: BackendSelection): BackendSelection {
    for (const attempt of chosen.attempts) known.set(attempt.name, attempt);
    const tried = new Set(chosen.attempts.map((a) => a.name));
    const others = [...known.values()].filter((a) => !tried.has(a.name) && !lost.some((l) => l.name === a.name));
    return { ...chosen, attempts: [...lost, ...chosen.attempts, ...others] };
  }

  /** Selects by the current request among the backends never lost, and watches the choice for a loss. */
  function select(): Promise<BackendSelection> {
    const current: Promise<BackendSelection> = selectBackend({
      ...selectionOptions,
      prefer: request,
      candidates: candidates.filter((name) => !lost.some((a) => a.name === name)),
      known,
    }).then((chosen) => {
      void deviceLoss().then((reason) => {
        if (selection === current) lose(chosen.backend, reason);
      });
      return report(chosen);
    });
    selection = current;
    return current;
  }

  /** Every run goes: later calls on them answer droppedError(change). */
  function dropRuns(change: Change): Trainer[] {
    changes.push(change);
    const trainers = [...runs.values()];
    for (const runId of runs.keys()) dropped.set(runId, change);
    runs.clear();
    return trainers;
  }

  /** The backend in use stopped working: drops its runs and selects the next one. */
  function lose(name: BackendName, reason: string): void {
    lost.push({ name, ok: false, reason, lost: true });
    known.delete(name);
    for (const trainer of dropRuns({ kind: 'lost', name, reason })) trainer.dispose();
    // If no backend is left, every later call reports it through init().
    select().catch(() => undefined);
  }

  /** The page asked for another backend: once the calls in progress are done, drops the runs and selects. */
  function switchTo(requested: BackendName[]): Promise<BackendSelection> {
    request = requested;
    const trainers = dropRuns({ kind: 'switched' });
    const waiting = Promise.allSettled([...inFlight, selection]);
    const current = waiting.then(() => {
      for (const trainer of trainers) trainer.dispose();
      return select();
    });
    selection = current;
    switching = current;
    const settled = () => {
      if (switching === current) switching = null;
    };
    current.then(settled, settled);
    return current;
  }

  /**
   * Runs `work` (started at once, told the current epoch: the number of changes so far) on the
   * current backend; answers droppedError() if the backend changes meanwhile.
   */
  async function onBackend<T>(work: (started: number) => Promise<T>): Promise<T> {
    // Never alongside a switch, which waits for the calls in progress and then changes tfjs's
    // backend; otherwise the work starts at once, in the order the calls came.
    if (switching) await switching.catch(() => undefined);
    const started = changes.length;
    const running = work(started);
    inFlight.add(running);
    try {
      const result = await running;
      if (started === changes.length) return result;
    } catch (err) {
      // A lost device fails calls before it announces the loss, so after a failure the backend is checked.
      const works = started === changes.length && (await verifyMatMul().then(() => true, () => false));
      if (started === changes.length && !works) lose(tf.getBackend() as BackendName, errorMessage(err));
      if (started === changes.length) throw err;
    } finally {
      inFlight.delete(running);
    }
    throw droppedError(changes[started]);
  }

  function trainerOf(runId: number): Trainer {
    const trainer = runs.get(runId);
    if (trainer) return trainer;
    const change = dropped.get(runId);
    if (change) throw droppedError(change);
    throw new Error(`no training run ${runId} (it was reset or disposed)`);
  }

  const engine: EngineApi = {
    async init(requested?: BackendName[]) {
      // The other methods call init() bare: that keeps the page's choice (e.g. ?backend=wasm).
      if (selection === null) {
        request = requested ?? [];
        return select();
      }
      if (requested === undefined || sameRequest(requested, request)) return selection;
      return switchTo(requested);
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
        if (started !== changes.length) {
          trainer.dispose();
          throw droppedError(changes[started]);
        }
        const runId = nextRunId++;
        runs.set(runId, trainer);
        const { xTrain, xTest } = request.data;
        const kernelTrain = await readFloat32(tf.tidy(() => empiricalNtkTensor(trainer.net, xTrain)));
        if (request.lrFraction !== undefined) trainer.restart(request.lrFraction * stabilityLimit(toRows(kernelTrain, xTrain.length)));
        const start: RunStart = { runId, lr: trainer.learningRate, initial: trainer.record, kernelTrain };
        if (xTest) start.kernelTestTrain = await readFloat32(tf.tidy(() => empiricalNtkTensor(trainer.net, xTest, xTrain)));
        if (request.withFirstLayer) start.firstLayer = await readFloat32(firstLayerWeights(trainer));
        if (request.firstSteps) {
          start.first = { record: await trainer.step(request.firstSteps) };
          if (request.withFirstLayer) start.first.firstLayer = await readFloat32(firstLayerWeights(trainer));
        }
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

