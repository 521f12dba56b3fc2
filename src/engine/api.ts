/**
 * What the training worker does for the page. Every widget on a page talks to one worker, so all
 * widgets share one tfjs backend (one GPU device) and training never runs on the main thread.
 */
import type { Matrix, MlpSpec } from '../lib/ntk';
import type { BackendName, BackendSelection, KernelWeighting, MlpConfig, TrainerOptions, TrainingData, TrainRecord } from '../lib/nn';

export interface KernelSampleRequest {
  /** Network settings shared by every sample; width and seed vary. */
  network: Omit<MlpConfig, 'width' | 'seed'>;
  widths: number[];
  seeds: number[];
  x1: Matrix;
  /** Defaults to x1. */
  x2?: Matrix;
  weighting?: KernelWeighting;
}

export interface KernelSample {
  width: number;
  seed: number;
  /** Row-major x1.length × x2.length. */
  kernel: Float32Array;
}

export interface RunRequest {
  network: MlpConfig;
  data: TrainingData;
  options: TrainerOptions;
  /**
   * When set, the run trains at η = lrFraction · 2n/λ_max of its own lr-weighted K₀ (options.lr is
   * then ignored): the worker picks η from the kernel it computes anyway, in the same call.
   */
  lrFraction?: number;
  /**
   * GD steps to take once K₀ has been read, answered as RunStart.first: a widget that is playing gets
   * its new run's first trained record with the run, one round trip and one page render sooner.
   */
  firstSteps?: number;
  /** Also return the first layer's effective weights at θ₀ (and after the first steps, in `first`). */
  withFirstLayer?: boolean;
}

export interface RunStart {
  runId: number;
  /** The η the run trains with (options.lr, or the one lrFraction chose). */
  lr: number;
  initial: TrainRecord;
  /** The lr-weighted NTK at initialisation on train × train and test × train, row-major. */
  kernelTrain: Float32Array;
  kernelTestTrain?: Float32Array;
  /** The first layer at θ₀, when asked for (withFirstLayer). */
  firstLayer?: Float32Array;
  /** After RunRequest.firstSteps steps, when asked for. */
  first?: StepResult;
}

export interface StepRequest {
  steps: number;
  /** Also return the first layer's effective weights (fan_in × width, row-major), e.g. to draw neurons. */
  withFirstLayer?: boolean;
  /** Also return the lr-weighted NTK on the training inputs after the steps, e.g. to linearise again at a checkpoint. */
  withKernel?: boolean;
}

export interface StepResult {
  record: TrainRecord;
  firstLayer?: Float32Array;
  /** K_t on train × train, row-major, when asked for (withKernel). */
  kernelTrain?: Float32Array;
}

/**
 * The name of the error that answers a call when the backend it ran on was lost (its WebGPU device
 * went away): the engine has dropped every run and moved on to another backend, whose selection
 * init() now returns, with the lost backend among its attempts (flagged `lost`).
 */
export const BACKEND_LOST = 'BackendLostError';

/**
 * The name of the error that answers a call when the page asked for another backend meanwhile
 * (init with another request, e.g. the reader's choice in the backend menu): the engine has
 * dropped every run and selected the backend asked for, whose selection init() now returns.
 */
export const BACKEND_SWITCHED = 'BackendSwitchedError';

/** Whether `err` answers a call because the engine changed backend and dropped its runs: start the work again. */
export function isBackendChange(err: unknown): err is Error {
  return err instanceof Error && (err.name === BACKEND_LOST || err.name === BACKEND_SWITCHED);
}

export interface EngineApi {
  [method: string]: (...args: never[]) => Promise<unknown>;
  /**
   * Chooses the backend: the first of `prefer` that works, else the fastest of the others, timed
   * once per page (src/lib/nn/backend.ts); empty or absent means the fastest. Later calls without
   * `prefer`, or with the same, return the same report; another `prefer` switches (every run is
   * dropped: BACKEND_SWITCHED). After a loss (BACKEND_LOST) the next backend is selected by the
   * same request; a lost backend is never tried again.
   */
  init(prefer?: BackendName[]): Promise<BackendSelection>;
  sampleKernels(request: KernelSampleRequest): Promise<KernelSample[]>;
  /** Infinite-width NNGP and NTK (src/lib/ntk), off the main thread: tanh quadrature is slow on large grids. */
  analyticKernels(x1: Matrix, x2: Matrix, spec: MlpSpec): Promise<{ nngp: Matrix; ntk: Matrix }>;
  /** f(x) of a freshly initialised network (no training). */
  evaluate(network: MlpConfig, x: Matrix): Promise<Float32Array>;
  createRun(request: RunRequest): Promise<RunStart>;
  stepRun(runId: number, request: StepRequest): Promise<StepResult>;
  /**
   * Back to the run's initial parameters, to train again at learning rate `lr`: the same network and
   * K₀, no kernel computation. Resolves to the initial record.
   */
  restartRun(runId: number, lr: number): Promise<TrainRecord>;
  disposeRun(runId: number): Promise<void>;
  memory(): Promise<{ numTensors: number; numBytes: number }>;
  /** How often each method was called since the worker started (tests check what a change costs). */
  callCounts(): Promise<Record<string, number>>;
}
