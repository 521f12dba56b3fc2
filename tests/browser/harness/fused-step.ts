/**
 * Browser harness (test-only): on the backend named by ?backend=, runs the fused GD step
 * (src/lib/nn/fusedGdStep.ts) and the plain unfused one (tests/unit/nn/storedNetwork.ts) from the
 * same networks and reports, per tensor, how far apart they end relative to how far they moved.
 * WebGL and WebGPU take the fused matmul's full-shape bias there, which Node's backends check only
 * on the CPU. Reads are asynchronous (WebGPU has no synchronous read-back).
 */
import * as tf from '@tensorflow/tfjs';
import { createRng, type Activation } from '../../../src/lib/ntk';
import { FusedGdStep, Mlp, selectBackend, type BackendName, type MlpConfig, type Parameterization } from '../../../src/lib/nn';
import { StoredNetwork } from '../../unit/nn/storedNetwork';

export interface FusedStepCase {
  name: string;
  /** ‖fused − unfused‖ / ‖unfused − start‖ per tensor. */
  relative: number[];
}

export interface FusedStepResult {
  backend: string;
  cases: FusedStepCase[];
  error?: string;
}

declare global {
  interface Window {
    __fusedStep?: FusedStepResult;
  }
}

const STEPS = 3;

async function compare(config: MlpConfig, lr: number, momentum: number): Promise<number[]> {
  const rng = createRng(config.seed);
  // Odd counts (7 points, width 23 at depth 2) reach the padding of packed WebGL textures.
  const xs = Array.from({ length: 7 }, () => [rng.normal(), rng.normal()]);
  const net = new Mlp(config);
  const reference = new StoredNetwork(net);
  const start = net.layers.flatMap(({ w, b }) => [w.clone(), b.clone()]);
  const x = tf.tensor2d(xs);
  const y = tf.tensor1d(xs.map(([a, b]) => Math.sin(2 * a) - 0.5 * b));
  const target = y.reshape([-1, 1]) as tf.Tensor2D;
  const fused = new FusedGdStep(net, x, target, lr, momentum);
  for (let i = 0; i < STEPS; i++) {
    fused.step();
    reference.step(x, y, { lr, momentum });
  }
  const expected = reference.effective();
  const got = net.layers.flatMap(({ w, b }) => [w, b]);
  const norms = tf.tidy(() => tf.stack(expected.flatMap((e, i) => [tf.norm(got[i].sub(e)), tf.norm(e.sub(start[i]))])));
  const values = await norms.data();
  tf.dispose([norms, ...start, ...expected, x, y, target]);
  fused.dispose();
  reference.dispose();
  net.dispose();
  return expected.map((_, i) => values[2 * i] / values[2 * i + 1]);
}

async function run(): Promise<FusedStepResult> {
  const wanted = (new URLSearchParams(location.search).get('backend') ?? 'cpu') as BackendName;
  const { backend } = await selectBackend({ candidates: [wanted] });
  const configs: [Parameterization, Activation, number, number][] = [
    ['ntk', 'relu', 1, 0],
    ['ntk', 'relu', 3, 0.9],
    ['mup', 'erf', 2, 0],
    ['standard', 'tanh', 2, 0.5],
  ];
  const cases: FusedStepCase[] = [];
  for (const [parameterization, activation, depth, momentum] of configs) {
    const config: MlpConfig = { parameterization, activation, depth, inputDim: 2, width: 23 + (depth % 2), wStd: 1.4, bStd: 0.3, seed: depth };
    const relative = await compare(config, parameterization === 'mup' ? 0.05 : 0.3, momentum);
    cases.push({ name: `${parameterization} / ${activation} / depth ${depth} / μ ${momentum}`, relative });
  }
  return { backend, cases };
}

run()
  .catch((err: unknown): FusedStepResult => ({ backend: tf.getBackend() ?? 'none', cases: [], error: String(err) }))
  .then((result) => {
    window.__fusedStep = result;
    document.getElementById('status')!.textContent = 'done';
  });
