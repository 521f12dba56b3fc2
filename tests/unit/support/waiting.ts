/** Waiting in tests that drive real workers and effects: a plain sleep, and polling for a condition. */

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A poller that resolves once `condition()` holds, checking every 5 ms, and fails after `timeoutMs`
 * (or the call's own `ms`) naming what it waited for.
 */
export function untilWithin(timeoutMs: number) {
  return async function until(condition: () => boolean, what: string, ms = timeoutMs): Promise<void> {
    const end = Date.now() + ms;
    while (!condition()) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await sleep(5);
    }
  };
}
