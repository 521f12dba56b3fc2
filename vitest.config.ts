import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

/** Widget models (src/widgets/<name>/model.svelte.ts) need Svelte's client runtime for their effects. */
const MODEL_TESTS = 'tests/unit/widgets/**/model.test.ts';
/**
 * Tests that select tfjs backends change tfjs's global state (a failed WASM start cannot even be
 * retried in one process), so each of their files gets a fresh module graph. The other Node tests
 * share one per worker: importing tfjs, Svelte and KaTeX once instead of per file took a minute off
 * the suite on the 2-core machine.
 */
const BACKEND_TESTS = ['tests/unit/nn/**/*.test.ts', 'tests/unit/engine/**/*.test.ts'];

export default defineConfig({
  // Chart components are unit-tested through Svelte's server renderer, so .svelte files must compile here.
  plugins: [svelte()],
  test: {
    testTimeout: 120_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: { name: 'node', include: ['tests/unit/**/*.test.ts'], exclude: [MODEL_TESTS, ...BACKEND_TESTS], environment: 'node', isolate: false },
      },
      { extends: true, test: { name: 'backends', include: BACKEND_TESTS, environment: 'node' } },
      {
        extends: true,
        resolve: { conditions: ['browser'] },
        test: { name: 'models', include: [MODEL_TESTS], environment: './tests/unit/support/svelteClientEnvironment.ts' },
      },
    ],
  },
});
