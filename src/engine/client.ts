/**
 * The page's handle on the training engine: one per page, started on first use, so the essay's
 * text renders before tfjs is even downloaded. It runs in a Web Worker; where no worker can start
 * (see ./workerStart.ts), the same engine runs on the page itself (./pageEngine.ts), behind the same
 * interface, so a widget never knows which it got.
 */
import type { EngineApi } from './api';
import { connect, type Remote } from './rpc';
import { startWorker } from './workerStart';
import workerUrl from './worker.ts?worker&url';

let engine: Remote<EngineApi> | null = null;

export function getEngine(): Remote<EngineApi> {
  if (!engine) {
    const started = startEngine();
    engine = new Proxy({} as Remote<EngineApi>, {
      get: (_, method: string) => (...args: unknown[]) => started.then(({ remote }) => (remote[method] as (...a: unknown[]) => Promise<unknown>)(...args)),
    });
    // For browser tests, which count the engine's calls (EngineApi.callCounts); a symbol key, so no host page sees a new global name.
    Object.defineProperty(globalThis, Symbol.for('ntk.engine'), { value: engine, configurable: true });
  }
  return engine;
}

/**
 * A worker counts as started once it has answered one call: a module worker whose script failed to
 * load (no CORS headers on another origin, a host's CSP) only says so with an error event, later.
 */
async function startEngine(): Promise<{ remote: Remote<EngineApi> }> {
  let worker: Worker | undefined;
  try {
    worker = startWorker(new URL(workerUrl, import.meta.url), location.origin);
    const remote = connect<EngineApi>(worker);
    await remote.memory();
    // Wrapped: a Remote answers every property, `then` too, so a promise must not resolve to one.
    return { remote };
  } catch {
    worker?.terminate();
    const { pageEngine } = await import('./pageEngine');
    return { remote: pageEngine() };
  }
}
