import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

/** Widget models (src/widgets/<name>/model.svelte.ts) need Svelte's client runtime for their effects. */
const MODEL_TESTS = 'tests/unit/widgets/**/model.test.ts';

export default defineConfig({
  // Chart components are unit-tested through Svelte's server renderer, so .svelte files must compile here.
  plugins: [svelte()],
  test: {
    testTimeout: 120_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: 'node', include: ['tests/unit/**/*.test.ts'], exclude: [MODEL_TESTS], environment: 'node' } },
      {
        extends: true,
        resolve: { conditions: ['browser'] },
        test: { name: 'models', include: [MODEL_TESTS], environment: './tests/unit/support/svelteClientEnvironment.ts' },
      },
    ],
  },
});
