import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { mathPreprocess } from './src/build/mathPreprocess.js';

const root = path.dirname(fileURLToPath(import.meta.url));

export default {
  preprocess: [
    mathPreprocess({
      chapterDir: path.join(root, 'content'),
      include: [path.join(root, 'content'), path.join(root, 'src', 'essay')],
    }),
    vitePreprocess(),
  ],
};
