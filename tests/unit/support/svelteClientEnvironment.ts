/**
 * A Node test environment whose modules are compiled for Svelte's client runtime, not its server
 * renderer: $effect and $derived then run as in the browser, so widget models (each widget folder's model.svelte.ts)
 * can be tested in Node (vitest.config.ts runs model tests in it).
 */
import type { Environment } from 'vitest/environments';

export default <Environment>{
  name: 'svelte-client',
  viteEnvironment: 'client',
  setup() {
    return { teardown() {} };
  },
};
