// @ts-check
/**
 * The Svelte preprocessor that typesets the essay's math at build time (see ./mathMarkup.js for the
 * syntax). Loaded by svelte.config.js, hence plain JavaScript: Node 20 cannot import TypeScript.
 */
import fs from 'node:fs';
import path from 'node:path';
import { numberEquations, renderMath } from './mathMarkup.js';

/** Chapter files are read in this order: a two-digit prefix, e.g. content/03-frozen-kernel.svelte. */
const CHAPTER_FILE = /^\d{2}-.+\.svelte$/;

/**
 * The chapters in reading order, with the file being preprocessed taken from memory rather than disk.
 * @param {string} chapterDir
 * @param {string} filename
 * @param {string} content
 */
function readChapters(chapterDir, filename, content) {
  return fs
    .readdirSync(chapterDir)
    .filter((name) => CHAPTER_FILE.test(name))
    .sort()
    .map((name) => path.join(chapterDir, name))
    .map((file) => ({ filename: file, source: file === filename ? content : fs.readFileSync(file, 'utf8') }));
}

/**
 * @param {{ chapterDir: string, include: string[] }} options  absolute paths: the chapter folder,
 *   whose files number the equations, and the folders whose files may use math
 * @returns {import('svelte/compiler').PreprocessorGroup}
 */
export function mathPreprocess({ chapterDir, include }) {
  return {
    name: 'build-time-katex',
    markup({ content, filename }) {
      if (!filename) return;
      const file = path.resolve(filename);
      if (!include.some((dir) => file.startsWith(dir + path.sep))) return;
      const chapters = readChapters(chapterDir, file, content);
      const code = renderMath(content, { filename: file, equations: numberEquations(chapters) });
      // Another chapter's equations fix this file's numbers, so a change there must rebuild it.
      return { code, dependencies: chapters.map((chapter) => chapter.filename).filter((name) => name !== file) };
    },
  };
}
