/** Runs `create` inside an effect root, as a component's initialisation would; returns what it made and the cleanup. */
import { flushSync } from 'svelte';

export function withEffects<T>(create: () => T): { value: T; destroy: () => void } {
  let value!: T;
  const destroy = $effect.root(() => {
    value = create();
  });
  flushSync();
  return { value, destroy };
}
