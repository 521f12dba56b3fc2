/**
 * A minimal typed RPC over postMessage: the worker serves an object of async methods, the page
 * calls them through a Proxy. Float32Arrays in results travel as transferables (no copy). Errors
 * arrive as Errors with the thrower's message and name (e.g. BACKEND_LOST in ./api.ts).
 */
type AsyncMethods = Record<string, (...args: never[]) => Promise<unknown>>;

interface CallMessage { id: number; method: string; args: unknown[] }
type ReplyMessage = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string; name: string };

export type Remote<Api extends AsyncMethods> = { [K in keyof Api]: Api[K] };

/** The worker side of the channel (a DedicatedWorkerGlobalScope, or a MessagePort in tests). */
export interface MessageScope {
  onmessage: ((event: MessageEvent) => unknown) | null;
  postMessage(message: unknown, transfer: Transferable[]): void;
}

export function serve(api: AsyncMethods, scope: MessageScope): void {
  scope.onmessage = async (event: MessageEvent<CallMessage>) => {
    const { id, method, args } = event.data;
    try {
      const fn = api[method];
      if (!fn) throw new Error(`unknown engine method "${method}"`);
      const value = await (fn as (...a: unknown[]) => Promise<unknown>)(...args);
      scope.postMessage({ id, ok: true, value } satisfies ReplyMessage, transferablesOf(value));
    } catch (err) {
      const { message, name } = err instanceof Error ? err : new Error(String(err));
      scope.postMessage({ id, ok: false, error: message, name } satisfies ReplyMessage, []);
    }
  };
}

/** The page side of the channel: a Worker, or a MessagePort in tests. */
export interface MessageTarget {
  onmessage: ((event: MessageEvent) => unknown) | null;
  postMessage(message: unknown): void;
}

export function connect<Api extends AsyncMethods>(worker: MessageTarget & { onerror?: ((event: ErrorEvent) => unknown) | null }): Remote<Api> {
  let nextId = 0;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  worker.onmessage = (event: MessageEvent<ReplyMessage>) => {
    const reply = event.data;
    const waiter = pending.get(reply.id);
    if (!waiter) return;
    pending.delete(reply.id);
    if (reply.ok) waiter.resolve(reply.value);
    else waiter.reject(Object.assign(new Error(reply.error), { name: reply.name }));
  };
  worker.onerror = (event) => {
    const error = new Error(`the training worker failed: ${event.message || 'unknown error'}`);
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  };
  return new Proxy({} as Remote<Api>, {
    get: (_, method: string) => (...args: unknown[]) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, method, args } satisfies CallMessage);
      }),
  });
}

function transferablesOf(value: unknown, found: Transferable[] = [], depth = 0): Transferable[] {
  if (depth > 4 || value === null || typeof value !== 'object') return found;
  if (ArrayBuffer.isView(value)) {
    if (!found.includes(value.buffer as ArrayBuffer)) found.push(value.buffer as ArrayBuffer);
    return found;
  }
  for (const v of Object.values(value)) transferablesOf(v, found, depth + 1);
  return found;
}
