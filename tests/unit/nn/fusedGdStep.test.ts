/**
 * The fused GD step (src/lib/nn/fusedGdStep.ts) against the plain, unfused step it replaced
 * (./storedNetwork.ts: stored parameters, multipliers at run time, one op per term), on the CPU and
 * WASM backends (WASM takes its own branch: its fused matmul has no full-shape bias and its
 * transposed matmuls are rewritten). Browsers' WebGL and WebGPU run the same comparison in
 * tests/browser/fused-step.spec.ts.
 */
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng, type Activation } from '../../../src/lib/ntk';
import { FusedGdStep, Mlp, PARAMETERIZATIONS, selectBackend, type MlpConfig } from '../../../src/lib/nn';
import { countDispatches } from '../../bench/dispatches';
import { StoredNetwork } from './storedNetwork';

const WASM_DIR = fileURLToPath(new URL('../../../node_modules/@tensorflow/tfjs-backend-wasm/dist/', import.meta.url));
const ACTIVATIONS: Activation[] = ['relu', 'erf', 'tanh', 'linear'];
const STEPS = 3;

function inputs(n: number, seed: number): { x: number[][]; y: number[] } {
  const rng = createRng(seed);
  const x = Array.from({ length: n }, () => [rng.normal(), rng.normal()]);
  return { x, y: x.map(([a, b]) => Math.sin(2 * a) - 0.5 * b) };
}

interface Case {
  config: MlpConfig;
  lr: number;
  alpha: number;
  centered: boolean;
  momentum: number;
}

/** Runs STEPS fused and STEPS unfused steps from the same network; returns the relative differences per tensor. */
function compare({ config, lr, alpha, centered, momentum }: Case): { relative: number[]; moved: number[] } {
  const { x: xs, y: ys } = inputs(7, config.seed + 100);
  const net = new Mlp(config);
  const reference = new StoredNetwork(net);
  const start = net.layers.flatMap(({ w, b }) => [w.clone(), b.clone()]);
  const x = tf.tensor2d(xs);
  const y = tf.tensor1d(ys);
  const f0 = centered ? reference.forward(x) : undefined;
  const target = tf.tidy(() => (f0 ? f0.add(y.div(alpha)) : y.div(alpha)).reshape([-1, 1]) as tf.Tensor2D);
  const fused = new FusedGdStep(net, x, target, lr, momentum);
  for (let i = 0; i < STEPS; i++) {
    fused.step();
    reference.step(x, y, { lr, alpha, f0, momentum });
  }
  const expected = reference.effective();
  const got = net.layers.flatMap(({ w, b }) => [w, b]);
  const [relative, moved] = tf.tidy(() => {
    const norm = (t: tf.Tensor) => tf.norm(t).dataSync()[0];
    const movedBy = expected.map((e, i) => norm(e.sub(start[i])));
    return [got.map((g, i) => norm(g.sub(expected[i])) / movedBy[i]), movedBy];
  });
  fused.dispose();
  reference.dispose();
  net.dispose();
  tf.dispose([...start, ...expected, x, y, target, f0]);
  return { relative, moved };
}

const cases: Case[] = PARAMETERIZATIONS.flatMap((parameterization) =>
  ACTIVATIONS.flatMap((activation) =>
    [1, 3].flatMap((depth) => [
      { lr: parameterization === 'mup' ? 0.05 : 0.3, alpha: 1, centered: false, momentum: 0 },
      { lr: parameterization === 'mup' ? 0.02 : 0.2, alpha: 2.5, centered: true, momentum: 0.9 },
    ].map((o) => ({ ...o, config: { parameterization, activation, depth, inputDim: 2, width: 9, wStd: 1.4, bStd: 0.3, seed: depth * 7 } }))),
  ),
);

const label = (c: Case) =>
  `${c.config.parameterization} / ${c.config.activation} / depth ${c.config.depth} / α ${c.alpha}${c.centered ? ' centred' : ''} / μ ${c.momentum}`;

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`on ${backend}`, () => {
    beforeAll(async () => {
      expect((await selectBackend({ candidates: [backend], wasmPaths: WASM_DIR })).backend).toBe(backend);
    });

    it.each(cases.map((c) => [label(c), c] as const))('a fused step equals the unfused step (%s)', (_, c) => {
      const { relative, moved } = compare(c);
      for (const m of moved) expect(m).toBeGreaterThan(0);
      // Float32 rounding, relative to how far each tensor moved in three steps.
      for (const r of relative) expect(r).toBeLessThan(2e-4);
    });

    it('with lr = 0 it leaves the network as it is, and it holds no tensors beyond its constants', () => {
      const config: MlpConfig = { parameterization: 'ntk', activation: 'relu', depth: 2, inputDim: 2, width: 8, wStd: 1, bStd: 0.2, seed: 3 };
      const net = new Mlp(config);
      const x = tf.tensor2d(inputs(5, 1).x);
      const target = tf.zeros([5, 1]) as tf.Tensor2D;
      const before = net.layers.map(({ w }) => w.dataSync().slice());
      const frozen = new FusedGdStep(net, x, target, 0);
      frozen.step();
      net.layers.forEach(({ w }, l) => expect(w.dataSync()).toEqual(before[l]));
      frozen.dispose();

      const held = tf.memory().numTensors;
      const moving = new FusedGdStep(net, x, target, 0.1, 0.5);
      const constants = tf.memory().numTensors - held;
      for (let i = 0; i < 20; i++) moving.step();
      expect(tf.memory().numTensors).toBe(held + constants);
      moving.dispose();
      expect(tf.memory().numTensors).toBe(held);
      net.dispose();
      tf.dispose([x, target]);
    });

    it('one step of a 1-hidden-layer ReLU network computes in under half the kernels of the unfused step', async () => {
      const config: MlpConfig = { parameterization: 'ntk', activation: 'relu', depth: 1, inputDim: 2, width: 32, wStd: 1.4, bStd: 0.1, seed: 1 };
      const net = new Mlp(config);
      const reference = new StoredNetwork(net);
      const { x: xs, y: ys } = inputs(16, 2);
      const [x, y] = [tf.tensor2d(xs), tf.tensor1d(ys)];
      const target = y.reshape([-1, 1]) as tf.Tensor2D;
      const fused = new FusedGdStep(net, x, target, 0.1);
      const fusedCount = await countDispatches(async () => fused.step());
      const unfusedCount = await countDispatches(async () => reference.step(x, y, { lr: 0.1 }));
      const computing = ({ kernels, reshapes }: { kernels: number; reshapes: number }) => kernels - reshapes;
      if (backend === 'cpu') expect(unfusedCount.kernels).toBe(34);
      expect(computing(fusedCount)).toBeLessThanOrEqual(computing(unfusedCount) / 2);
      fused.dispose();
      reference.dispose();
      net.dispose();
      tf.dispose([x, y, target]);
    });
  });
}

afterAll(async () => {
  await tf.setBackend('cpu');
});
