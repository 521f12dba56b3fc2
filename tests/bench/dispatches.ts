/**
 * Counts what a piece of tfjs work dispatches: every kernel the engine runs (each op is one kernel
 * call into the backend) and, on WebGL and WebGPU, every shader program the backend launches
 * (a kernel may launch several, or none when it only reshapes).
 */
import * as tf from '@tensorflow/tfjs';

export interface DispatchCount {
  kernels: number;
  /** Of the kernels, reshapes: no data moves, no program (tf.fused.matMul adds three per call). */
  reshapes: number;
  /** null on backends without shader programs (cpu, wasm). */
  gpuPrograms: number | null;
}

const PROGRAM_RUNNERS = ['runWebGLProgram', 'runWebGPUProgram'];

type Method = (...args: unknown[]) => unknown;

/** Wraps obj[name] to call onCall (with the call's first argument) first; returns the undo. */
function countCalls(obj: object, name: string, onCall: (first: unknown) => void): () => void {
  const target = obj as Record<string, Method>;
  const own = Object.hasOwn(target, name);
  const original = target[name];
  target[name] = function (this: unknown, ...args: unknown[]) {
    onCall(args[0]);
    return original.apply(this, args);
  };
  return () => {
    if (own) target[name] = original;
    else delete target[name];
  };
}

export async function countDispatches(run: () => Promise<unknown>): Promise<DispatchCount> {
  let kernels = 0;
  let reshapes = 0;
  let programs = 0;
  const backend = tf.backend() as unknown as Record<string, unknown>;
  const runner = PROGRAM_RUNNERS.find((name) => typeof backend[name] === 'function');
  const undo = [
    countCalls(tf.engine(), 'runKernel', (name) => {
      kernels++;
      if (name === 'Reshape') reshapes++;
    }),
  ];
  if (runner) undo.push(countCalls(backend, runner, () => programs++));
  try {
    await run();
  } finally {
    for (const restore of undo) restore();
  }
  return { kernels, reshapes, gpuPrograms: runner ? programs : null };
}
