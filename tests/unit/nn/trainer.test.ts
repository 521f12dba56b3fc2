import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng, linearisedDynamics, type Matrix } from '../../../src/lib/ntk';
import { empiricalNtk, Mlp, PARAMETERIZATIONS, Trainer, type MlpConfig } from '../../../src/lib/nn';
import { referenceNtk } from './referenceJacobian';
import { StoredNetwork } from './storedNetwork';

function problem(n: number, seed: number): { x: Matrix; y: number[] } {
  const rng = createRng(seed);
  const x = Array.from({ length: n }, () => [rng.normal(), rng.normal(), rng.normal()]);
  return { x, y: x.map(([a, b]) => Math.sin(a) + 0.5 * b) };
}

const data = (() => {
  const train = problem(6, 1);
  const test = problem(4, 2);
  return { xTrain: train.x, yTrain: train.y, xTest: test.x, yTest: test.y };
})();

function network(overrides: Partial<MlpConfig> = {}): MlpConfig {
  return { parameterization: 'ntk', activation: 'tanh', depth: 2, inputDim: 3, width: 12, wStd: 1.2, bStd: 0.3, seed: 9, ...overrides };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('GD steps', () => {
  const settings = PARAMETERIZATIONS.flatMap((parameterization) => [
    { parameterization, alpha: 1, centered: false, momentum: 0 },
    { parameterization, alpha: 3, centered: true, momentum: 0.8 },
  ]);

  it.each(settings)(
    'match GD on tf.variableGrads of L = ‖g − y‖²/(2nα²) ($parameterization, α=$alpha, centered=$centered, μ=$momentum)',
    async ({ parameterization, alpha, centered, momentum }) => {
      const lr = parameterization === 'mup' ? 0.02 : 0.2;
      const config = network({ parameterization });
      const trainer = await Trainer.create(config, data, { lr, alpha, centered, momentum });
      await trainer.step(5);

      // Reference: the same network on its stored parameters, trained by autodiff of the α-model loss.
      const initial = new Mlp(config);
      const reference = new StoredNetwork(initial);
      const variables = reference.variables;
      const lrFactors = reference.layers.flatMap(({ scaling }) => [scaling.weightLrFactor, scaling.biasLrFactor]);
      const x = tf.tensor2d(data.xTrain);
      const y = tf.tensor1d(data.yTrain);
      const f0 = centered ? reference.forward(x) : tf.zerosLike(y);
      const velocity: tf.Tensor[] = variables.map((v) => tf.zerosLike(v));
      for (let step = 0; step < 5; step++) {
        const { value, grads } = tf.variableGrads(
          () => tf.sum(tf.square(reference.forward(x).sub(f0).mul(alpha).sub(y))).div(2 * y.size * alpha ** 2) as tf.Scalar,
          variables,
        );
        variables.forEach((v, i) => {
          const next = velocity[i].mul(momentum).add(grads[v.name]);
          velocity[i].dispose();
          velocity[i] = next;
          v.assign(v.sub(next.mul(lr * lrFactors[i])));
        });
        tf.dispose([value, grads]);
      }

      // Effective parameters agree to float32 accuracy relative to how far they moved.
      const expected = reference.effective();
      const got = trainer.net.layers.flatMap(({ w, b }) => [w, b]);
      const start = initial.layers.flatMap(({ w, b }) => [w, b]);
      got.forEach((value, i) => {
        const [diff, moved] = tf.tidy(() => [tf.norm(value.sub(expected[i])), tf.norm(expected[i].sub(start[i]))].map((t) => t.dataSync()[0]));
        expect(moved).toBeGreaterThan(0);
        expect(diff).toBeLessThanOrEqual(1e-4 * moved);
      });
      initial.dispose();
      tf.dispose([x, y, f0, velocity, expected]);
      reference.dispose();
      trainer.dispose();
    },
  );
});

describe('records', () => {
  it('report α-scaled outputs, the half-MSE of them, parameter movement and kernel drift on schedule', async () => {
    const alpha = 2;
    const trainer = await Trainer.create(network(), data, { lr: 0.2, alpha, kernelEvery: 10 });
    const start = trainer.record;
    expect(start.step).toBe(0);
    expect(start.paramChange).toBe(0);
    expect(start.kernelChange).toBeUndefined();
    const f0 = tf.tidy(() => trainer.net.forward(tf.tensor2d(data.xTest)).arraySync());
    start.testOutputs!.forEach((g, i) => expect(g).toBeCloseTo(alpha * f0[i], 6));
    const halfMse = (g: number[], y: number[]) => g.reduce((s, gi, i) => s + (gi - y[i]) ** 2, 0) / (2 * g.length);
    expect(start.trainLoss).toBeCloseTo(halfMse(start.trainOutputs, data.yTrain), 12);
    expect(start.testLoss).toBeCloseTo(halfMse(start.testOutputs!, data.yTest), 12);

    const seen = [];
    for (const k of [4, 4, 4, 20]) seen.push(await trainer.step(k));
    expect(seen.map((r) => r.step)).toEqual([4, 8, 12, 32]);
    expect(seen.map((r) => r.kernelChange !== undefined)).toEqual([false, false, true, true]);
    expect(seen[3].trainLoss).toBeLessThan(start.trainLoss);

    // ‖θ_t − θ₀‖/‖θ₀‖ over effective parameters (what Mlp holds), recomputed here.
    const initial = new Mlp(network());
    const [moved, norm] = tf.tidy(() => {
      const terms = trainer.net.layers.flatMap(({ w, b }, l) => [
        [w.sub(initial.layers[l].w), initial.layers[l].w],
        [b.sub(initial.layers[l].b), initial.layers[l].b],
      ]);
      return [0, 1].map((k) => Math.sqrt(terms.reduce((s, t) => s + tf.sum(tf.square(t[k])).dataSync()[0], 0)));
    });
    expect(seen[3].paramChange).toBeCloseTo(moved / norm, 6);
    expect(seen[3].layerWeightChange).toHaveLength(3);
    initial.dispose();

    // K drift, recomputed from the public kernel.
    const fresh = new Mlp(network());
    const k0 = empiricalNtk(fresh, data.xTrain);
    fresh.dispose();
    const kt = empiricalNtk(trainer.net, data.xTrain);
    const frob = (m: Matrix) => Math.sqrt(m.flat().reduce((s, v) => s + v * v, 0));
    expect(seen[3].kernelChange).toBeCloseTo(frob(kt.map((row, i) => row.map((v, j) => v - k0[i][j]))) / frob(k0), 4);
    trainer.dispose();
  });

  it('report outputs on test inputs given without labels (a plotting grid), and no test loss', async () => {
    const { yTest: _, ...unlabelled } = data;
    const trainer = await Trainer.create(network(), unlabelled, { lr: 0.2 });
    const labelled = await Trainer.create(network(), data, { lr: 0.2 });
    const [a, b] = [await trainer.step(3), await labelled.step(3)];
    expect(a.testLoss).toBeUndefined();
    expect(a.testOutputs).toHaveLength(data.xTest.length);
    a.testOutputs!.forEach((g, i) => expect(g).toBe(b.testOutputs![i]));
    expect(a.trainOutputs).toEqual(b.trainOutputs);
    trainer.dispose();
    labelled.dispose();
    await expect(Trainer.create(network(), { ...unlabelled, xTest: [] }, { lr: 0.2 })).rejects.toThrow(/xTest is empty/);
  });

  it('divergence above the GD stability limit is reported without NaN and freezes the trainer', async () => {
    const config = network({ parameterization: 'ntk', activation: 'relu', width: 64 });
    const probe = new Mlp(config);
    const maxStableLr = linearisedDynamics({ kTrain: empiricalNtk(probe, data.xTrain), yTrain: data.yTrain, lr: 1 }).maxStableLr();
    probe.dispose();
    const trainer = await Trainer.create(config, data, { lr: 20 * maxStableLr });
    let record = trainer.record;
    for (let i = 0; i < 100 && !record.diverged; i++) record = await trainer.step(20);
    expect(record.diverged).toBe(true);
    expect(record.divergedAtStep).toBeGreaterThan(0);
    expect(record.step).toBeLessThan(record.divergedAtStep!);
    const numbers = [record.trainLoss, record.testLoss!, record.paramChange, ...record.trainOutputs, ...record.testOutputs!];
    expect(numbers.every(Number.isFinite)).toBe(true);
    expect(await trainer.step(5)).toBe(record);
    trainer.dispose();

    const stable = await Trainer.create(config, data, { lr: 0.5 * maxStableLr });
    expect((await stable.step(400)).diverged).toBe(false);
    stable.dispose();
  });
});

describe('kernel–target alignment', () => {
  /** yᵀKy/(‖K‖_F‖y‖²) in float64. */
  function alignment(k: Matrix, y: number[]): number {
    const quadratic = k.reduce((sum, row, i) => sum + y[i] * row.reduce((s, kij, j) => s + kij * y[j], 0), 0);
    return quadratic / (Math.hypot(...k.flat()) * y.reduce((sum, yi) => sum + yi * yi, 0));
  }

  it('is yᵀKy/(‖K‖_F‖y‖²) of the lr-weighted kernel, K₀ on the initial record and K_t where the kernel was recomputed', async () => {
    // μP, so that the lr-weighted kernel JCJᵀ differs from the plain JJᵀ; both built from the Jacobian.
    const config = network({ parameterization: 'mup' });
    const fresh = new Mlp(config);
    const initial = alignment(referenceNtk(fresh, data.xTrain), data.yTrain);
    expect(Math.abs(alignment(referenceNtk(fresh, data.xTrain, data.xTrain, 'plain'), data.yTrain) - initial)).toBeGreaterThan(1e-3);
    fresh.dispose();

    const trainer = await Trainer.create(config, data, { lr: 0.5, kernelEvery: 10 });
    expect(trainer.record.kernelAlignment).toBeCloseTo(initial, 5);
    expect((await trainer.step(5)).kernelAlignment).toBeUndefined();
    const trained = await trainer.step(40);
    const now = alignment(referenceNtk(trainer.net, data.xTrain), data.yTrain);
    expect(Math.abs(now - initial)).toBeGreaterThan(1e-3);
    expect(trained.kernelAlignment).toBeCloseTo(now, 5);
    trainer.dispose();
  });

  it('is absent when the kernel is never computed', async () => {
    const trainer = await Trainer.create(network(), data, { lr: 0.2 });
    expect(trainer.record.kernelAlignment).toBeUndefined();
    expect((await trainer.step(3)).kernelAlignment).toBeUndefined();
    trainer.dispose();
  });
});

describe('memory', () => {
  it('numTensors stays flat across 2000 steps with kernel recomputation, and dispose releases everything', async () => {
    const before = tf.memory().numTensors;
    const trainer = await Trainer.create(network({ parameterization: 'mup' }), data, {
      lr: 0.01,
      momentum: 0.5,
      centered: true,
      kernelEvery: 50,
    });
    await trainer.step(100);
    const held = tf.memory().numTensors;
    for (let i = 0; i < 19; i++) {
      await trainer.step(100);
      expect(tf.memory().numTensors).toBe(held);
    }
    expect(trainer.stepCount).toBe(2000);
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('restart', () => {
  it('goes back to θ₀ and trains at the new rate exactly like a fresh trainer, without leaking tensors', async () => {
    const config = network({ parameterization: 'ntk' });
    const options = { lr: 0.2, momentum: 0.5, kernelEvery: 2 };
    const reused = await Trainer.create(config, data, options);
    await reused.step(4);
    const before = tf.memory().numTensors;
    const initial = reused.restart(0.05);
    expect(tf.memory().numTensors).toBe(before);
    expect(initial.step).toBe(0);
    expect(reused.stepCount).toBe(0);
    expect(reused.learningRate).toBe(0.05);
    const again = await reused.step(3);

    const fresh = await Trainer.create(config, data, { ...options, lr: 0.05 });
    expect(initial.trainOutputs).toEqual(fresh.record.trainOutputs);
    const reference = await fresh.step(3);
    expect(again.step).toBe(3);
    again.trainOutputs.forEach((f, i) => expect(f).toBeCloseTo(reference.trainOutputs[i], 6));
    expect(again.kernelChange).toBeCloseTo(reference.kernelChange!, 6);
    expect(again.paramChange).toBeCloseTo(reference.paramChange, 6);
    reused.dispose();
    fresh.dispose();
  });

  it('rejects a non-finite rate', async () => {
    const trainer = await Trainer.create(network(), data, { lr: 0.1 });
    expect(() => trainer.restart(Number.NaN)).toThrow(RangeError);
    trainer.dispose();
  });
});
