/**
 * How the page comes back from a lost backend (src/engine/engine.ts answers BACKEND_LOST): the
 * badge's state follows the worker's new selection, and the sessions start the same runs again
 * from initialisation with a notice. The engine is the real one (tfjs on the CPU in Node), with one
 * call answered as the worker answers after a loss.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { BACKEND_LOST, type RunRequest, type StepRequest } from '../../../src/engine/api';
import { createEngine } from '../../../src/engine/engine';
import { defaults } from '../../../src/lib/settings';
import { circleFourier } from '../../../src/lib/ntk';
import type { BackendSelection } from '../../../src/lib/nn';
import { BackendStatus } from '../../../src/engine/backendStatus.svelte';
import { LinearisedSession } from '../../../src/widgets/kit/linearisedSession.svelte';
import type { WorkerSession } from '../../../src/widgets/kit/workerSession.svelte';
import { DriftSession } from '../../../src/widgets/ntk-drift/driftSession.svelte';
import { driftRequest } from '../../../src/widgets/ntk-drift/run';
import { schema as driftSchema } from '../../../src/widgets/ntk-drift/schema';

const engine = createEngine();
beforeAll(async () => {
  await engine.init(['cpu']);
});

const lostError = () => Object.assign(new Error('the webgpu backend stopped working: its device was lost (test)'), { name: BACKEND_LOST });
const AFTER_LOSS: BackendSelection = {
  backend: 'cpu',
  chosenBy: 'only',
  probe: 'test',
  attempts: [{ name: 'webgpu', ok: false, reason: 'its device was lost (test)', lost: true }, { name: 'cpu', ok: true }],
};
const NOTICE = 'WebGPU stopped: its device was lost (test). Started again from initialisation on CPU, with the same settings.';

/** The badge's state, talking to a worker that has moved to the CPU after losing WebGPU. */
const statusAfterLoss = () => new BackendStatus(() => ({ init: async () => AFTER_LOSS }));

/**
 * The engine, as the worker answers when its backend is lost at the `nth` call (0-based) of
 * `method`: that call, and every later call for a run created before it, answer BACKEND_LOST.
 */
function losingAt(method: 'createRun' | 'stepRun', nth: number) {
  let calls = 0;
  let newest = 0;
  let dropped = 0;
  const lose = () => {
    dropped = newest;
    return Promise.reject(lostError());
  };
  const createRun = vi.fn(async (request: RunRequest) => {
    if (method === 'createRun' && calls++ === nth) return lose();
    const start = await engine.createRun(request);
    newest = start.runId;
    return start;
  });
  const stepRun = vi.fn(async (runId: number, request: StepRequest) => {
    if (runId <= dropped) throw lostError();
    if (method === 'stepRun' && calls++ === nth) return lose();
    return engine.stepRun(runId, request);
  });
  return { ...engine, createRun, stepRun };
}

describe('BackendStatus.recover', () => {
  it('shows the selection the worker moved to and words the notice; other errors are not its business', async () => {
    const status = statusAfterLoss();
    expect(await status.recover(new Error('no training run 3'))).toBeNull();
    expect(status.selection).toBeNull();
    expect(await status.recover(lostError())).toBe(NOTICE);
    expect(status.label).toBe('CPU');
    expect(status.fallbacks).toEqual(['WebGPU: its device was lost (test)']);
  });

  it('when no backend is left, says so in the badge and leaves the error to the widget', async () => {
    const status = new BackendStatus(() => ({ init: () => Promise.reject(new Error('no tfjs backend works here: wasm: …')) }));
    expect(await status.recover(lostError())).toBeNull();
    expect(status.label).toBe('no backend');
    expect(status.error).toMatch(/no tfjs backend works here/);
  });
});

const data = circleFourier({ n: 8, modes: [{ k: 1, amp: 1 }], jitter: 0, seed: 2 });
const request: RunRequest = {
  network: { inputDim: 2, width: 32, depth: 1, activation: 'relu', wStd: 1.4, bStd: 0.1, parameterization: 'ntk', seed: 5 },
  data: { xTrain: data.xTrain, yTrain: data.yTrain },
  options: { lr: 1 },
};

async function trainToEnd(session: WorkerSession): Promise<void> {
  session.player.play();
  await vi.waitFor(() => expect(session.finished).toBe(true), { timeout: 30_000, interval: 5 });
}

describe('after a loss', () => {
  it('a LinearisedSession starts the same run again from initialisation and trains on to the horizon', async () => {
    const losing = losingAt('stepRun', 3);
    const session = new LinearisedSession(losing, () => true, statusAfterLoss());
    session.horizon = 20;
    await session.load(request);
    const initial = session.records[0];
    await trainToEnd(session);
    expect(session.backendNotice).toBe(NOTICE);
    expect(session.error).toBeNull();
    expect(session.player.error).toBeNull();
    expect(losing.createRun).toHaveBeenCalledTimes(2);
    // The same request; the reload happens while playing, so it also asks for the first chunk's steps.
    const { firstSteps, ...reloaded } = losing.createRun.mock.calls[1][0];
    expect(reloaded).toEqual(request);
    expect(firstSteps).toBeGreaterThan(0);
    expect(session.records[0]).toEqual(initial);
    expect(session.step).toBe(20);
    void session.load(request);
    expect(session.backendNotice).toBeNull();
    session.dispose();
  });

  it('a LinearisedSession whose run could not be created tries again', async () => {
    const losing = losingAt('createRun', 0);
    const session = new LinearisedSession(losing, () => true, statusAfterLoss());
    session.horizon = 5;
    await session.load(request);
    await vi.waitFor(() => expect(session.initial).not.toBeNull());
    expect(losing.createRun).toHaveBeenCalledTimes(2);
    expect(losing.createRun.mock.calls[1][0]).toBe(request);
    expect(session.backendNotice).toBe(NOTICE);
    expect(session.error).toBeNull();
    session.dispose();
  });

  it('the drift session builds every width again from initialisation and trains on to the horizon', async () => {
    const losing = losingAt('stepRun', 2);
    const session = new DriftSession(losing, () => true, statusAfterLoss());
    session.horizon = 12;
    const drift = driftRequest({ ...defaults(driftSchema), widths: [16, 32] });
    await session.load(drift);
    const initial = session.runs.map((r) => r.records[0]);
    // Each chunk steps both widths; the first call of the second chunk is answered as lost.
    await trainToEnd(session);
    expect(session.backendNotice).toBe(NOTICE);
    expect(losing.createRun).toHaveBeenCalledTimes(4);
    expect(session.step).toBe(12);
    expect(session.runs.map((r) => r.records[0])).toEqual(initial);
    expect(session.error).toBeNull();
    expect(session.player.error).toBeNull();
    void session.load(drift);
    expect(session.backendNotice).toBeNull();
    session.dispose();
  });
});
