/**
 * The page's handle on the training engine: one per page, started on first use, so the essay's
 * text renders before tfjs is even downloaded. It runs in a Web Worker; where no worker can start
 * (see ./workerStart.ts), the same engine runs on the page itself (./pageEngine.ts), behind the same
 * interface, so a widget never knows which it got.
 */
import type { BackendName } from '../lib/nn';
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

const BACKENDS: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

/** A page-wide preference set by an embedded widget (its `backend` attribute); the page URL's wins over it. */
let preferred = '';

/**
 * Sets the page's backend preference from an embed attribute, once: the first widget on the page
 * that asks decides (every widget shares one engine, hence one backend). Returns whether it was taken.
 */
export function preferBackends(list: string): boolean {
  if (preferred || !list.trim()) return false;
  preferred = list;
  return true;
}

/**
 * The backend order to try: `?backend=webgl` (or a comma list) in the page's address, else an
 * embedded widget's `backend` attribute (preferBackends), moves the named backends to the front,
 * for readers whose GPU misbehaves and for tests that must exercise every fallback.
 */
export function backendOrder(search: string = typeof location === 'undefined' ? '' : location.search): BackendName[] {
  const wanted = (new URLSearchParams(search).get('backend') || preferred)
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter((s): s is BackendName => (BACKENDS as readonly string[]).includes(s));
  return [...new Set([...wanted, ...BACKENDS])];
}
