import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const page = (file: string) => fileURLToPath(new URL(file, import.meta.url));

// Relative base so the built site works from any sub-path of any static server.
// Two pages: the essay, and the iframe route that shows one widget (embed.html?w=ntk-drift).
// The custom-element bundle (dist/embed/) is a second build: vite.embed.config.ts.
export default defineConfig({
  base: './',
  plugins: [svelte()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
    rolldownOptions: { input: { index: page('./index.html'), embed: page('./embed.html') } },
  },
});
