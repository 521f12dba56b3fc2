/**
 * A control announces that its value is final: a key press (a held key: when it is let go), a typed
 * value, a choice, the end of a drag, a dropped point, a button. Work that waits for the input to
 * rest (a network to restart, kernels to sample) starts then, instead of after a pause that only a
 * drag needs. No DOM, no Svelte.
 */
type Listener = () => void;

const listeners = new Set<Listener>();

/** Calls `listener` on every commit; returns the unsubscribe function. */
export function onCommit(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** The value the reader just set is final. Call it after the value is written. */
export function announceCommit(): void {
  for (const listener of listeners) listener();
}
