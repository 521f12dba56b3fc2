/**
 * Browser harness (test-only): on the backend named by ?backend=, checks the structured empirical
 * NTK against per-sample autodiff JJᵀ, and its convergence to the analytic kernel with width.
 * The reference runs on the CPU backend with the same seed (hence the same weights): it reads
 * gradients synchronously, and synchronous reads are broken on WebGPU in Chromium.
 * The result lands in window.__ntkCheck for tests/browser/ntk-check.spec.ts.
 */
import * as tf from '@tensorflow/tfjs';
import { analyticKernels, createRng, type Activation, type Matrix } from '../../../src/lib/ntk';
import { empiricalNtkAsync, Mlp, PARAMETERIZATIONS, selectBackend, type BackendName } from '../../../src/lib/nn';
import { referenceNtk } from '../../unit/nn/referenceJacobian';

interface CheckResult {
  backend: string;
  attempts: unknown;
  cases: { name: string; relError: number }[];
  convergence: { width: number; relError: number }[];
  error?: string;
}

function relativeFrobenius(a: Matrix, b: Matrix): number {
  let diff = 0;
  let norm = 0;
  a.forEach((row, i) => row.forEach((x, j) => ((diff += (x - b[i][j]) ** 2), (norm += b[i][j] ** 2))));
  return Math.sqrt(diff / norm);
}

function randomInputs(rows: number, dim: number, seed: number): Matrix {
  const rng = createRng(seed);
  return Array.from({ length: rows }, () => Array.from({ length: dim }, () => rng.normal()));
}

async function run(): Promise<CheckResult> {
  const wanted = (new URLSearchParams(location.search).get('backend') ?? 'cpu') as BackendName;
  const selection = await selectBackend({ candidates: [wanted] });
  const result: CheckResult = { backend: selection.backend, attempts: selection.attempts, cases: [], convergence: [] };
  const x = randomInputs(5, 3, 1);
  const activations: Activation[] = ['relu', 'erf', 'tanh', 'linear'];
  const configs = PARAMETERIZATIONS.flatMap((parameterization) =>
    activations.flatMap((activation) =>
      (activation === 'relu' ? [1, 2, 3] : [2]).map((depth) => ({
        parameterization, activation, depth, inputDim: 3, width: 12, wStd: 1.2, bStd: 0.3, seed: depth,
      })),
    ),
  );
  const fast: Matrix[] = [];
  for (const config of configs) {
    const net = new Mlp(config);
    fast.push(await empiricalNtkAsync(net, x, undefined, 'lr'));
    net.dispose();
  }
  await tf.setBackend('cpu');
  configs.forEach((config, i) => {
    const net = new Mlp(config);
    const name = `${config.parameterization}/${config.activation}/depth ${config.depth}`;
    result.cases.push({ name, relError: relativeFrobenius(fast[i], referenceNtk(net, x, x, 'lr')) });
    net.dispose();
  });
  await tf.setBackend(selection.backend);

  const spec = { depth: 2, activation: 'relu' as const, wStd: 1.4, bStd: 0.1 };
  const points = randomInputs(6, 4, 2);
  const analytic = analyticKernels(points, points, spec).ntk;
  for (const width of [64, 256, 1024]) {
    let sum = 0;
    const seeds = [1, 2, 3];
    for (const seed of seeds) {
      const net = new Mlp({ ...spec, parameterization: 'ntk', inputDim: 4, width, seed });
      sum += relativeFrobenius(await empiricalNtkAsync(net, points, undefined, 'plain'), analytic);
      net.dispose();
    }
    result.convergence.push({ width, relError: sum / seeds.length });
  }
  return result;
}

declare global {
  interface Window { __ntkCheck?: CheckResult }
}

run()
  .catch((err: unknown): CheckResult => ({ backend: tf.getBackend() ?? 'none', attempts: [], cases: [], convergence: [], error: String(err) }))
  .then((result) => {
    window.__ntkCheck = result;
    document.getElementById('status')!.textContent = 'done';
  });
