/**
 * Picks the fastest tfjs backend that really works here. Each candidate is prepared (its module
 * imported lazily, so WebGPU and WASM are separate chunks), set with tf.setBackend, and then
 * checked on a small matmul against a plain-JS product; any failure is recorded with its reason and
 * the next candidate is tried.
 */
import * as tf from '@tensorflow/tfjs';
import { errorMessage } from '../errorMessage';

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

export const DEFAULT_BACKEND_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

export interface BackendAttempt {
  name: BackendName;
  ok: boolean;
  reason?: string;
  /** It was selected, then stopped working (its GPU device was lost); see src/engine/engine.ts. */
  lost?: true;
}

export interface BackendSelection {
  backend: BackendName;
  attempts: BackendAttempt[];
}

export interface BackendOptions {
  order?: readonly BackendName[];
  /**
   * Where the WASM binaries are: a directory prefix (ending in '/') or a map from each binary's file
   * name to its URL, as tfjs-backend-wasm's setWasmPaths takes. Defaults to the URLs Vite emits.
   */
  wasmPaths?: string | Record<string, string>;
}

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

async function tryBackend(name: BackendName, options: BackendOptions): Promise<void> {
  await PREPARE[name](options);
  if (!tf.findBackendFactory(name)) throw new Error(`the ${name} backend is not registered in this environment`);
  if (!(await tf.setBackend(name))) {
    throw new Error(`tf.setBackend('${name}') failed to initialise the backend (tfjs logged the cause)`);
  }
  await tf.ready();
  await verifyMatMul();
}


/** Tries the backends in order; throws only if every one of them fails. */
export async function selectBackend(options: BackendOptions = {}): Promise<BackendSelection> {
  const attempts: BackendAttempt[] = [];
  for (const name of options.order ?? DEFAULT_BACKEND_ORDER) {
    try {
      await tryBackend(name, options);
      attempts.push({ name, ok: true });
      return { backend: name, attempts };
    } catch (error) {
      attempts.push({ name, ok: false, reason: errorMessage(error) });
    }
  }
  throw new Error(`no tfjs backend works here: ${attempts.map((a) => `${a.name}: ${a.reason}`).join('; ')}`);
}
