import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunRequest } from '../../../../src/engine/api';
import { createEngine } from '../../../../src/engine/engine';
import { circleFourier } from '../../../../src/lib/ntk';
import { LinearisedSession } from '../../../../src/widgets/kit/linearisedSession.svelte';
import { sleep } from '../../support/waiting';

// The engine itself, without the worker (tfjs on the CPU backend in Node).
const engine = createEngine();
beforeAll(async () => {
  await engine.init(['cpu']);
});

const data = circleFourier({ n: 10, modes: [{ k: 1, amp: 1 }, { k: 3, amp: 0.5 }], jitter: 0, seed: 3 });
const request = (lr: number, width = 512): RunRequest => ({
  network: { inputDim: 2, width, depth: 1, activation: 'relu', wStd: 1.4, bStd: 0.1, parameterization: 'ntk', seed: 5 },
  data: { xTrain: data.xTrain, yTrain: data.yTrain },
  options: { lr },
});


async function trainToEnd(session: LinearisedSession): Promise<void> {
  session.player.play();
  await sleep(0);
  while (session.player.working) await sleep(5);
}

function load(session: LinearisedSession, r: RunRequest, horizon: number): Promise<void> {
  session.horizon = horizon;
  return session.load(r);
}

describe('LinearisedSession', () => {
  it('shows the records at the slider η: all of them at the η they were trained at, else the initial one, the same array while only η moves', async () => {
    const session = new LinearisedSession(engine);
    await load(session, request(1, 64), 12);
    await trainToEnd(session);
    expect(session.recordsAt(1)).toBe(session.records);
    const away = session.recordsAt(0.5);
    expect(away).toEqual(session.records.slice(0, 1));
    expect(session.recordsAt(0.7)).toBe(away);
    await session.retune(0.5);
    expect(session.recordsAt(0.5)).toBe(session.records);
    expect(session.recordsAt(1)).not.toBe(away);
    session.dispose();
  });

  it('a new network arrives with its first trained record while playing (one call, not two), and without one while paused', async () => {
    const session = new LinearisedSession(engine);
    session.horizon = 40;
    await session.load(request(1, 64));
    expect(session.records.map((r) => r.step)).toEqual([0]);

    session.player.play();
    await session.load(request(1, 32));
    // The player's first chunk may already be on its way, but step 1 came with the network.
    expect(session.records.slice(0, 2).map((r) => r.step)).toEqual([0, 1]);
    session.dispose();
  });


  it('trains to the horizon in growing chunks, and the network follows explicit GD on its own frozen K₀', async () => {
    const session = new LinearisedSession(engine);
    const horizon = 60;
    await load(session, request(1), horizon);
    const linearised = session.linearised!;
    expect(session.records).toHaveLength(1);
    await trainToEnd(session);
    expect(session.player.error).toBeNull();
    expect(session.error).toBeNull();
    const steps = session.records.map((r) => r.step);
    expect(steps.slice(0, 4)).toEqual([0, 1, 2, 3]);
    expect(steps[steps.length - 1]).toBe(horizon);

    // Reference: f ← f − (η/n) K₀ (f − y) by plain iteration, independent of the eigendecomposition.
    const n = data.yTrain.length;
    let f = session.records[0].trainOutputs.slice();
    const r0 = Math.hypot(...f.map((fi, i) => fi - data.yTrain[i]));
    for (let t = 0; t < horizon; t++) {
      const r = f.map((fi, i) => fi - data.yTrain[i]);
      f = f.map((fi, i) => fi - (1 / n) * linearised.kernel[i].reduce((s, kij, j) => s + kij * r[j], 0));
    }
    const measured = session.latest!.trainOutputs;
    const gap = Math.hypot(...measured.map((fi, i) => fi - f[i]));
    expect(gap / r0).toBeLessThan(0.03);
    expect(session.latest!.trainLoss).toBeLessThan(session.records[0].trainLoss / 20);
    session.dispose();
  });

  it('stops cleanly when the trainer reports divergence, naming η and 2n/λ_max', async () => {
    const session = new LinearisedSession(engine);
    await load(session, request(1), 200);
    const limit = session.initial!.stabilityLimit;
    const lr = Number((20 * limit).toPrecision(3));
    await load(session, request(lr), 200);
    expect(session.linearised!.theory.diverges).toBe(true);
    await trainToEnd(session);
    expect(session.player.error).toBeNull();
    expect(session.error).toContain(`η = ${lr}`);
    expect(session.error).toContain(`2n/λ_max = ${Number(limit.toPrecision(3))}`);
    expect(session.step).toBeLessThan(200);
    // The counter shows the step the message names.
    expect(session.error).toContain(`step ${session.step}:`);
    expect(session.records.every((r) => Number.isFinite(r.trainLoss) && !r.diverged)).toBe(true);
    session.dispose();
  });

  it('keeps only the latest run when resets overlap, continues it when the horizon moves, and frees every run it created', async () => {
    const before = tf.memory().numTensors;
    const session = new LinearisedSession(engine);
    void load(session, request(0.5, 64), 10);
    void load(session, request(0.7, 64), 10);
    await load(session, request(0.9, 64), 10);
    expect(session.linearised!.lr).toBe(0.9);
    await trainToEnd(session);
    expect(session.step).toBe(10);
    // Moving the horizon continues the same run.
    const run = session.linearised;
    session.horizon = 16;
    await trainToEnd(session);
    expect(session.step).toBe(16);
    expect(session.linearised).toBe(run);
    session.dispose();
    await load(session, request(0.9, 64), 10);
    session.dispose();
    // Disposal is asynchronous: wait until the chain has run.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(tf.memory().numTensors).toBe(before);
  });

  it('runs speed × the usual steps per chunk, and a new speed continues the same run', async () => {
    const session = new LinearisedSession(engine);
    await load(session, request(0.5, 64), 40);
    const run = session.linearised;
    session.speed = 4;
    await session.player.step();
    await session.player.step();
    expect(session.records.map((r) => r.step)).toEqual([0, 4, 8]);
    session.speed = 0.25;
    await session.player.step();
    expect(session.step).toBe(9);
    expect(session.linearised).toBe(run);
    session.dispose();
  });

  it('retunes η on the same network: back to θ₀, no new run, the same records as a fresh run at that η, still playing', async () => {
    const session = new LinearisedSession(engine);
    await load(session, request(0.5, 64), 30);
    await trainToEnd(session);
    const initial = session.initial;
    const created = (await engine.callCounts()).createRun;
    await session.retune(0.8);
    expect(session.player.playing).toBe(true);
    expect(session.records.map((r) => r.step)).toEqual([0]);
    while (session.step < 30) await sleep(5);
    expect(session.initial).toBe(initial);
    expect((await engine.callCounts()).createRun).toBe(created);
    const retuned = session.latest!.trainOutputs;

    const fresh = new LinearisedSession(engine);
    await load(fresh, request(0.8, 64), 30);
    await trainToEnd(fresh);
    fresh.latest!.trainOutputs.forEach((f, i) => expect(retuned[i]).toBeCloseTo(f, 5));
    fresh.dispose();
    session.dispose();
  });

  it('a retune asked for while the network is being built trains that network at the new η', async () => {
    const session = new LinearisedSession(engine);
    session.horizon = 8;
    const created = (await engine.callCounts()).createRun ?? 0;
    const loading = session.load(request(0.5, 64));
    const retuning = session.retune(0.8);
    await Promise.all([loading, retuning]);
    expect(session.initial).not.toBeNull();
    expect(session.lr).toBe(0.8);
    expect((await engine.callCounts()).createRun).toBe(created + 1);
    await trainToEnd(session);
    expect(session.step).toBe(8);
    expect(session.linearised!.lr).toBe(0.8);
    session.dispose();
  });

  it('a new network while playing trains at once, without another play()', async () => {
    const session = new LinearisedSession(engine);
    await load(session, request(0.5, 64), 8);
    await trainToEnd(session);
    expect(session.finished).toBe(true);
    void session.load(request(0.5, 32));
    expect(session.records).toEqual([]);
    while (session.step < 8) await sleep(5);
    expect(session.player.playing).toBe(true);
    expect(session.error).toBeNull();
    session.dispose();
  });
});
