/**
 * Browser harness (test-only): drives the training worker exactly as the widgets do (src/engine,
 * one worker, RPC) on the backend named by ?backend=. It trains one run for ?steps= GD steps in
 * chunks of ?chunk=, recomputing the NTK every ?kernelEvery= steps, then resets it to another width
 * ?switches= times (create, a few steps, dispose), reading the worker's tf.memory() after every chunk
 * and every switch. The result lands in window.__memorySoak for tests/browser/robustness/memory-soak.spec.ts.
 */
import { getEngine } from '../../../src/engine/client';
import type { RunRequest } from '../../../src/engine/api';
import type { BackendName } from '../../../src/lib/nn';
import { circleFourier } from '../../../src/lib/ntk';

interface Memory {
  numTensors: number;
  numBytes: number;
}

export interface SoakResult {
  backend: string;
  /** GD steps the long run took. */
  steps: number;
  /** memory() before the long run, then after each of its chunks. */
  training: Memory[];
  /** memory() after the long run was disposed, then after each width switch. */
  switching: Memory[];
  seconds: { training: number; switching: number };
  error?: string;
}

const params = new URLSearchParams(location.search);
const number = (key: string, fallback: number) => Number(params.get(key) ?? fallback);

const data = circleFourier({ n: 16, modes: [{ k: 1, amp: 1 }, { k: 3, amp: 0.5 }], jitter: 0.05, seed: 1 });
/** Every eighth of the 256 test angles: a test set, as most widgets have, but a small one. */
const everyEighth = <T>(xs: T[]) => xs.filter((_, i) => i % 8 === 0);
const request = (width: number): RunRequest => ({
  network: { inputDim: 2, width, depth: 1, activation: 'relu', wStd: 1.4, bStd: 0.1, parameterization: 'ntk', seed: width },
  data: { xTrain: data.xTrain, yTrain: data.yTrain, xTest: everyEighth(data.xTest), yTest: everyEighth(data.yTest) },
  options: { lr: 0.5, kernelEvery: number('kernelEvery', 100) },
});

async function soak(): Promise<SoakResult> {
  const engine = getEngine();
  const backend = (params.get('backend') ?? 'cpu') as BackendName;
  const selection = await engine.init([backend]);
  const result: SoakResult = { backend: selection.backend, steps: 0, training: [], switching: [], seconds: { training: 0, switching: 0 } };

  let started = performance.now();
  result.training.push(await engine.memory());
  const run = await engine.createRun(request(32));
  const steps = number('steps', 10_000);
  const chunk = number('chunk', 100);
  while (result.steps < steps) {
    const { record } = await engine.stepRun(run.runId, { steps: Math.min(chunk, steps - result.steps) });
    result.steps = record.step;
    result.training.push(await engine.memory());
  }
  await engine.disposeRun(run.runId);
  result.seconds.training = (performance.now() - started) / 1000;

  // A reader dragging the width slider: every reset creates a run of another width and frees the last.
  started = performance.now();
  result.switching.push(await engine.memory());
  const widths = [24, 32, 40, 48];
  for (let i = 0; i < number('switches', 100); i++) {
    const next = await engine.createRun(request(widths[i % widths.length]));
    await engine.stepRun(next.runId, { steps: 2 });
    await engine.disposeRun(next.runId);
    result.switching.push(await engine.memory());
  }
  result.seconds.switching = (performance.now() - started) / 1000;
  return result;
}

declare global {
  interface Window {
    __memorySoak?: SoakResult;
  }
}

soak()
  .catch((err: unknown): SoakResult => ({ backend: 'none', steps: 0, training: [], switching: [], seconds: { training: 0, switching: 0 }, error: String(err) }))
  .then((result) => {
    window.__memorySoak = result;
    document.getElementById('status')!.textContent = 'done';
  });
