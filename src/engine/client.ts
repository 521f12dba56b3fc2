/**
 * The page's handle on the training worker: one worker per page, started on first use, so the
 * essay's text renders before tfjs is even downloaded.
 */
import type { BackendName } from '../lib/nn';
import type { EngineApi } from './api';
import { connect, type Remote } from './rpc';

let engine: Remote<EngineApi> | null = null;

export function getEngine(): Remote<EngineApi> {
  if (!engine) {
    engine = connect<EngineApi>(new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'ntk-training' }));
    // For browser tests, which count the worker's calls (EngineApi.callCounts); a symbol key, so no host page sees a new global name.
    Object.defineProperty(globalThis, Symbol.for('ntk.engine'), { value: engine, configurable: true });
  }
  return engine;
}

const BACKENDS: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

/**
 * The backend order to try: `?backend=webgl` (or a comma list) moves the named backends to the
 * front, for readers whose GPU misbehaves and for tests that must exercise every fallback.
 */
export function backendOrder(search: string = typeof location === 'undefined' ? '' : location.search): BackendName[] {
  const wanted = (new URLSearchParams(search).get('backend') ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter((s): s is BackendName => (BACKENDS as readonly string[]).includes(s));
  return [...new Set([...wanted, ...BACKENDS])];
}
