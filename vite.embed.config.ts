import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { svelte, vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { embedRemPreprocess } from './src/build/embedRem.ts';
import { EMBED_DIR, EMBED_SCRIPT } from './src/embed/paths.ts';

/**
 * The custom-element bundle: dist/embed/ntk-widgets.js plus its lazily loaded chunks, the worker
 * and the WASM binaries, every URL relative to the script's own (base './' makes Vite resolve them
 * with `new URL(…, import.meta.url)`), so a host page may load it from any folder.
 *
 * Components are compiled with `css: 'injected'`: each one's styles are added at mount to the
 * shadow root it renders into, never to the host's document.head, and no .css file is emitted.
 * Their rem sizes are rewritten against the shadow root's own font size (src/build/embedRem.ts).
 * svelte.config.js is not read: its math preprocessor is for the essay's prose, which no widget has.
 */
export default defineConfig({
  base: './',
  publicDir: false,
  plugins: [svelte({ configFile: false, preprocess: [vitePreprocess(), embedRemPreprocess()], emitCss: false, compilerOptions: { css: 'injected' } })],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
    outDir: `dist/${EMBED_DIR}`,
    // No <link rel="modulepreload"> added to the host's document.head: the bundle leaves the host page alone.
    modulePreload: false,
    emptyOutDir: true,
    rolldownOptions: {
      input: fileURLToPath(new URL('./src/embed/index.ts', import.meta.url)),
      output: { entryFileNames: EMBED_SCRIPT },
    },
  },
});
