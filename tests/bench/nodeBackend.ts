/** The tfjs backends Node can run (no GPU here): the plain-JS cpu backend and WASM (XNNPACK, SIMD, one thread). */
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { selectBackend, type BackendName } from '../../src/lib/nn';

export const NODE_BACKENDS: readonly BackendName[] = ['cpu', 'wasm'];

const WASM_DIR = fileURLToPath(new URL('../../node_modules/@tensorflow/tfjs-backend-wasm/dist/', import.meta.url));

/** Selects `name` through the app's own selectBackend (which checks a matmul); throws if it cannot start. */
export async function useNodeBackend(name: BackendName): Promise<string> {
  const { backend, attempts } = await selectBackend({ candidates: [name], wasmPaths: WASM_DIR });
  if (backend !== name) throw new Error(`${name} did not start: ${attempts.map((a) => a.reason).join('; ')}`);
  if (name !== 'wasm') return name;
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  const threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
  return `wasm (${simd ? 'SIMD' : 'no SIMD'}, ${threads ? 'threads' : 'one thread'})`;
}
