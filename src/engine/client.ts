/**
 * The page's handle on the training worker: one worker per page, started on first use, so the
 * essay's text renders before tfjs is even downloaded.
 */
import type { EngineApi } from './api';
import { connect, type Remote } from './rpc';

let engine: Remote<EngineApi> | null = null;

export function getEngine(): Remote<EngineApi> {
  engine ??= connect<EngineApi>(new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'ntk-training' }));
  return engine;
}
