/**
 * Bench-only page: the backend selection exactly as the essay makes it, by the same training
 * worker (src/engine/client.ts getEngine, init()), with ?backend= honoured as the essay honours it.
 * The selection, how long it took and the browser land in window.__backendBench.
 */
import { requestedBackends } from '../../../src/engine/backendChoice';
import { getEngine } from '../../../src/engine/client';
import type { BackendSelection } from '../../../src/lib/nn';

export interface BackendBenchResult {
  selection?: BackendSelection;
  /** From the call to init() to its answer: worker start, tfjs load, every backend's warm-up and timing. */
  selectionMs: number;
  userAgent: string;
  error?: string;
}

declare global {
  interface Window {
    __backendBench?: BackendBenchResult;
  }
}

const started = performance.now();
getEngine()
  .init(requestedBackends(location.search))
  .then(
    (selection) => ({ selection, selectionMs: performance.now() - started, userAgent: navigator.userAgent }),
    (err: unknown) => ({ selectionMs: performance.now() - started, userAgent: navigator.userAgent, error: String(err) }),
  )
  .then((result) => {
    window.__backendBench = result;
    document.getElementById('status')!.textContent = 'done';
  });
