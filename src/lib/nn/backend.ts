/**
 * Picks the tfjs backend that trains fastest here. Each candidate is prepared (its module imported
 * lazily, so WebGPU and WASM are separate chunks), set with tf.setBackend, and checked on a small
 * matmul against a plain-JS product; any failure is recorded with its reason. Backends the page
 * names (`prefer`) are used as soon as one works. Otherwise every candidate that works is timed
 * on a short, warm training run (./speedProbe.ts) and the fastest wins; what the adapter says of
 * itself (a software or fallback adapter: SwiftShader, llvmpipe, WARP) is only a hint, used to
 * order the measurements and to break near-ties (chooseFastest), never to rule a backend out.
 */
import * as tf from '@tensorflow/tfjs';
import { errorMessage } from '../errorMessage';
import { BACKENDS, type BackendName } from './backendNames';
import { measureTrainingSpeed, PROBE_DESCRIPTION, type SpeedMeasurement } from './speedProbe';

export { BACKENDS, type BackendName };

export interface BackendAttempt {
  name: BackendName;
  ok: boolean;
  reason?: string;
  /** It was selected, then stopped working (its GPU device was lost); see src/engine/engine.ts. */
  lost?: true;
  /** The GPU API is implemented in software (its adapter or renderer says so). */
  software?: boolean;
  /** What the GPU adapter or WebGL renderer says it is (absent for WASM and the CPU). */
  adapter?: string;
  /** Warm full-batch GD steps per second of the probe (./speedProbe.ts), when it was timed. */
  stepsPerSecond?: number;
  /** How long the probe's warm-up (creation, shader compilation, a first step) took. */
  warmUpMs?: number;
  /** Why a working backend was not timed. */
  unmeasured?: string;
}

/** How the backend in use was chosen. */
export type SelectionRule = 'preferred' | 'fastest' | 'only';

export interface BackendSelection {
  backend: BackendName;
  chosenBy: SelectionRule;
  /** Every backend tried or measured, with what was found. */
  attempts: BackendAttempt[];
  /** The workload behind stepsPerSecond, in words. */
  probe: string;
}

/** Speeds measured earlier in this page: they are not measured again. */
export type KnownSpeeds = ReadonlyMap<BackendName, Pick<BackendAttempt, 'stepsPerSecond' | 'warmUpMs'>>;

export interface BackendOptions {
  /** Tried first, in this order; the first that works is used without timing anything. */
  prefer?: readonly BackendName[];
  /** The backends considered at all (default BACKENDS); a page leaves out those it lost. */
  candidates?: readonly BackendName[];
  /**
   * Where the WASM binaries are: a directory prefix (ending in '/') or a map from each binary's file
   * name to its URL, as tfjs-backend-wasm's setWasmPaths takes. Defaults to the URLs Vite emits.
   */
  wasmPaths?: string | Record<string, string>;
  /** Times the probe on backend `name`, the timed part within about budgetMs (default: measureTrainingSpeed there). */
  measure?: (name: BackendName, budgetMs: number) => Promise<SpeedMeasurement>;
  /** What the timed parts together may take, warm-ups (shader compilation) not counted. */
  budgetMs?: number;
  known?: KnownSpeeds;
}

export const MEASUREMENT_BUDGET_MS = 1500;

/**
 * A GPU API in software starts its measurement only while timing everything else (warm-ups
 * included) has taken less than this: its warm-up compiles shaders on the CPU, seconds on a busy
 * machine, for a backend that loses to WASM almost always.
 */
export const SOFTWARE_START_LIMIT_MS = 3000;

/** Backends within this factor of the fastest count as tied; the tie goes to the hint's order. */
export const TIE_FACTOR = 1.25;

/** Throws with a human-readable reason when the backend cannot be registered here. */
const PREPARE: Record<BackendName, (options: BackendOptions) => Promise<void>> = {
  async webgpu() {
    const gpu = typeof navigator === 'undefined' ? undefined : navigator.gpu;
    if (!gpu) throw new Error('navigator.gpu is not available (no WebGPU in this environment)');
    if (!(await gpu.requestAdapter())) throw new Error('navigator.gpu.requestAdapter() found no adapter');
    await import('@tensorflow/tfjs-backend-webgpu');
  },
  async webgl() {
    if (typeof document === 'undefined' && typeof OffscreenCanvas === 'undefined') {
      throw new Error('no WebGL: neither a DOM canvas nor OffscreenCanvas exists here');
    }
    // Packed textures hold 2×2 blocks, and tfjs 4.22's packed matmul sums the padding of a block
    // too, which ops such as a bias add leave non-zero: with an odd count of points (or an odd
    // width) a product over it is wrong by a few per cent (tests/browser/fused-step.spec.ts).
    tf.env().set('WEBGL_PACK', false);
  },
  async wasm(options) {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    // setWasmPaths throws once the backend has been initialised; paths are only needed before that.
    if (!tf.engine().registry.wasm) wasm.setWasmPaths(options.wasmPaths ?? (await bundledWasmUrls()));
  },
  async cpu() {},
};

/** The three binaries as assets of the Vite build (loaded only when WASM is tried). */
async function bundledWasmUrls(): Promise<Record<string, string>> {
  const [plain, simd, threadedSimd] = await Promise.all([
    import('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url'),
    import('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url'),
    import('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url'),
  ]);
  return {
    'tfjs-backend-wasm.wasm': plain.default,
    'tfjs-backend-wasm-simd.wasm': simd.default,
    'tfjs-backend-wasm-threaded-simd.wasm': threadedSimd.default,
  };
}

const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|basic render|warp|lavapipe/i;

/** What the backend now set runs on, as its GPU adapter or WebGL renderer describes itself, and whether that is software. */
async function describeDevice(name: BackendName): Promise<{ software: boolean; adapter?: string }> {
  if (name === 'webgpu') {
    // The adapter tfjs asked for (tfjs-backend-webgpu requests the high-performance one).
    type Described = { isFallbackAdapter?: boolean; info?: Partial<GPUAdapterInfo> & { isFallbackAdapter?: boolean } };
    const gpuAdapter = (await navigator.gpu.requestAdapter({ powerPreference: 'high-performance' })) as Described | null;
    const info = gpuAdapter?.info;
    const adapter = [info?.vendor, info?.architecture, info?.device, info?.description].filter(Boolean).join(' ');
    const fallback = info?.isFallbackAdapter ?? gpuAdapter?.isFallbackAdapter ?? false;
    return { software: fallback || SOFTWARE_RENDERER.test(adapter), adapter };
  }
  if (name === 'webgl') {
    const gl = (tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext } }).gpgpu?.gl;
    if (!gl) return { software: false };
    const debug = gl.getExtension('WEBGL_debug_renderer_info');
    const adapter = String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    return { software: SOFTWARE_RENDERER.test(adapter), adapter };
  }
  return { software: false };
}

const CHECK_A = [
  [1.5, -2, 0.25],
  [3, 0.5, -1],
];
const CHECK_B = [
  [2, -1],
  [0.5, 4],
  [-3, 1.25],
];

/** Relative tolerance of the check; float16 textures (some mobile WebGL) stay well inside it. */
const CHECK_TOLERANCE = 1e-2;

/** Throws unless a small matmul on the current backend matches the plain-JS product. */
export async function verifyMatMul(): Promise<void> {
  const expected = CHECK_A.map((row) => CHECK_B[0].map((_, j) => row.reduce((s, a, k) => s + a * CHECK_B[k][j], 0)));
  const product = tf.tidy(() => tf.matMul(tf.tensor2d(CHECK_A), tf.tensor2d(CHECK_B)));
  let got: number[][];
  try {
    got = (await product.array()) as number[][];
  } finally {
    product.dispose();
  }
  const bad = expected.some((row, i) => row.some((e, j) => !(Math.abs(got[i][j] - e) <= CHECK_TOLERANCE * (1 + Math.abs(e)))));
  if (bad) throw new Error(`matmul check failed: expected ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`);
}

/** Sets `name` as the tfjs backend if it works here; throws why not. Returns what it runs on. */
async function useBackend(name: BackendName, options: BackendOptions): Promise<{ software: boolean; adapter?: string }> {
  await PREPARE[name](options);
  if (!tf.findBackendFactory(name)) throw new Error(`the ${name} backend is not registered in this environment`);
  if (!(await tf.setBackend(name))) {
    throw new Error(`tf.setBackend('${name}') failed to initialise the backend (tfjs logged the cause)`);
  }
  await tf.ready();
  await verifyMatMul();
  return describeDevice(name);
}

/** Hardware GPUs first, then WASM, the CPU, and GPU APIs in software last. */
function hintRank({ name, software }: Pick<BackendAttempt, 'name' | 'software'>): number {
  if (software) return 4 + BACKENDS.indexOf(name);
  return { webgpu: 0, webgl: 1, wasm: 2, cpu: 3 }[name];
}

/**
 * The backend to use among those measured: the fastest, except that one within TIE_FACTOR of it
 * that the hint ranks higher wins (a hardware GPU leaves the CPU to the page, WASM leaves the
 * rasteriser alone). Null when nothing was measured.
 */
export function chooseFastest(attempts: readonly BackendAttempt[]): BackendName | null {
  const measured = attempts.filter((a) => a.ok && a.stepsPerSecond !== undefined && a.stepsPerSecond > 0);
  if (measured.length === 0) return null;
  const best = Math.max(...measured.map((a) => a.stepsPerSecond!));
  const tied = measured.filter((a) => a.stepsPerSecond! * TIE_FACTOR >= best);
  return tied.reduce((winner, a) => (hintRank(a) < hintRank(winner) ? a : winner)).name;
}

/** The speed measured earlier for `name`, if it was. */
function knownSpeed(name: BackendName, known?: KnownSpeeds): Pick<BackendAttempt, 'stepsPerSecond' | 'warmUpMs'> | null {
  const entry = known?.get(name);
  return entry?.stepsPerSecond === undefined ? null : { stepsPerSecond: entry.stepsPerSecond, warmUpMs: entry.warmUpMs };
}

/** Tries `prefer`, then measures the rest; throws only if no candidate works. */
export async function selectBackend(options: BackendOptions = {}): Promise<BackendSelection> {
  const candidates = options.candidates ?? BACKENDS;
  const prefer = (options.prefer ?? []).filter((name) => candidates.includes(name));
  const attempts: BackendAttempt[] = [];
  const selection = (backend: BackendName, chosenBy: SelectionRule): BackendSelection => ({ backend, chosenBy, attempts, probe: PROBE_DESCRIPTION });

  for (const name of prefer) {
    try {
      attempts.push({ name, ok: true, ...(await useBackend(name, options)), ...knownSpeed(name, options.known) });
      return selection(name, 'preferred');
    } catch (error) {
      attempts.push({ name, ok: false, reason: errorMessage(error) });
    }
  }

  const working: BackendAttempt[] = [];
  for (const name of candidates.filter((n) => !prefer.includes(n))) {
    try {
      working.push({ name, ok: true, ...(await useBackend(name, options)) });
    } catch (error) {
      attempts.push({ name, ok: false, reason: errorMessage(error) });
    }
  }
  if (working.length === 0) {
    throw new Error(`no tfjs backend works here: ${attempts.map((a) => `${a.name}: ${a.reason}`).join('; ')}`);
  }
  if (working.length === 1) {
    attempts.push({ ...working[0], ...knownSpeed(working[0].name, options.known) });
    return selection(working[0].name, 'only');
  }

  await timeBackends(working.sort((a, b) => hintRank(a) - hintRank(b)), options);
  attempts.push(...working);
  const fastest = chooseFastest(working) ?? working.find((a) => a.ok)?.name;
  if (!fastest) throw new Error(`no tfjs backend works here: ${attempts.map((a) => `${a.name}: ${a.reason}`).join('; ')}`);
  if (tf.getBackend() !== fastest) await tf.setBackend(fastest);
  return selection(fastest, 'fastest');
}

async function measureOn(name: BackendName, budgetMs: number): Promise<SpeedMeasurement> {
  await tf.setBackend(name);
  return measureTrainingSpeed(budgetMs);
}

/**
 * Times each backend of `working` (working ones, in the hint's order) in turn, reusing known
 * speeds, sharing the budget between them; records each speed, or why it was not timed.
 */
export async function timeBackends(working: BackendAttempt[], options: Pick<BackendOptions, 'measure' | 'budgetMs' | 'known'>): Promise<void> {
  const measure = options.measure ?? measureOn;
  let left = options.budgetMs ?? MEASUREMENT_BUDGET_MS;
  const toMeasure: BackendAttempt[] = [];
  for (const attempt of working) {
    const known = knownSpeed(attempt.name, options.known);
    if (known) Object.assign(attempt, known);
    else toMeasure.push(attempt);
  }
  let spent = 0;
  for (const [i, attempt] of toMeasure.entries()) {
    if (left <= 0) {
      attempt.unmeasured = 'the time for measuring was spent on the others';
      continue;
    }
    if (attempt.software && spent >= SOFTWARE_START_LIMIT_MS) {
      attempt.unmeasured = `it runs in software, and timing the others had taken ${(spent / 1e3).toFixed(1)} s already`;
      continue;
    }
    try {
      const { stepsPerSecond, warmUpMs, timedMs } = await measure(attempt.name, left / (toMeasure.length - i));
      Object.assign(attempt, { stepsPerSecond, warmUpMs });
      left -= timedMs;
      spent += warmUpMs + timedMs;
    } catch (error) {
      Object.assign(attempt, { ok: false, reason: `it failed while being timed: ${errorMessage(error)}` });
    }
  }
}
