/**
 * The engine on the page's own thread, for pages where no worker can start (./client.ts). Imported
 * lazily, so a page with a worker never loads tfjs on its main thread. It behaves as the worker
 * does: every call gets a copy of its arguments (as postMessage would make), and first yields to
 * the page, so that between two chunks of training the page handles input and paints.
 */
import type { EngineApi } from './api';
import { createEngine } from './engine';
import type { Remote } from './rpc';

/** Resolves after the page has had a chance to run its pending tasks (input, rendering). */
function yieldToPage(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export function pageEngine(): Remote<EngineApi> {
  const engine = createEngine();
  return new Proxy({} as Remote<EngineApi>, {
    get: (_, method: string) => async (...args: unknown[]) => {
      const fn = engine[method] as ((...a: unknown[]) => Promise<unknown>) | undefined;
      if (!fn) throw new Error(`unknown engine method "${method}"`);
      const copied = structuredClone(args);
      await yieldToPage();
      return fn(...copied);
    },
  });
}
