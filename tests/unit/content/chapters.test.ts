/**
 * The chapter files as a whole: they typeset and compile cleanly, their prose takes every number
 * from content/claims.ts, and their figures, links and citations point at things that exist.
 */
import fs from 'node:fs';
import path from 'node:path';
import { compile, preprocess } from 'svelte/compiler';
import { describe, expect, it } from 'vitest';
import { outline } from '../../../content/outline';
import { references } from '../../../content/references';
import { mathPreprocess } from '../../../src/build/mathPreprocess.js';

const contentDir = path.resolve(__dirname, '../../../content');
const chapterFiles = fs
  .readdirSync(contentDir)
  .filter((name) => /^\d{2}-.+\.svelte$/.test(name))
  .sort();
const sources = new Map(chapterFiles.map((name) => [name, fs.readFileSync(path.join(contentDir, name), 'utf8')]));
const group = mathPreprocess({ chapterDir: contentDir, include: [contentDir] });

/** The widgets the essay places, and the chapter each first appears in. */
const WIDGETS: Record<string, string> = {
  'tangent-features': 'linearisation',
  'kernel-explorer': 'infinite-width',
  'frozen-kernel-dynamics': 'frozen-kernel',
  'eigenmode-decay': 'spectrum',
  'data-geometry': 'spectrum',
  'ntk-drift': 'lazy-vs-rich',
  'lazy-vs-rich': 'lazy-vs-rich',
  'function-space': 'lazy-vs-rich',
};

/**
 * The text a reader sees, minus what cannot hold a typed number: the script, comments, tags with
 * their attributes, and {…} expressions (TeX, claims, components' props). Expressions are matched
 * with nesting, since TeX is full of braces.
 */
function proseText(source: string): string {
  const withoutBlocks = source.replace(/<script[\s\S]*?<\/script>|<!--[\s\S]*?-->/g, ' ');
  let depth = 0;
  let text = '';
  let inTemplate = false;
  for (const ch of withoutBlocks) {
    if (depth > 0 && ch === '`') inTemplate = !inTemplate;
    if (!inTemplate && ch === '{') depth++;
    if (depth === 0) text += ch;
    if (!inTemplate && ch === '}') depth--;
  }
  return text.replace(/<[^>]*>/g, ' ');
}

describe('chapter files', () => {
  it('are the outline, in order, named NN-<slug>.svelte', () => {
    expect(chapterFiles).toEqual(outline.map(({ slug }, i) => `${String(i + 1).padStart(2, '0')}-${slug}.svelte`));
  });

  it.each(chapterFiles)('%s typesets and compiles without warnings', async (name) => {
    const filename = path.join(contentDir, name);
    const { code } = await preprocess(sources.get(name)!, group, { filename });
    const { warnings } = compile(code, { filename, generate: 'client' });
    expect(warnings.map((w) => `${w.code}: ${w.message}`)).toEqual([]);
  });

  it.each(chapterFiles)('%s states no number of its own: every digit comes from claims or TeX', (name) => {
    const digits = proseText(sources.get(name)!).match(/.{0,30}\d.{0,30}/g);
    expect(digits).toBeNull();
  });

  it.each(chapterFiles)('%s places a widget in a captioned figure with a prompt', (name) => {
    const source = sources.get(name)!;
    expect(source).toMatch(/<Figure>\s*<Widget name="[a-z-]+"[^>]*\/>\s*\{#snippet caption\(\)\}[\s\S]*?<TryThis>[\s\S]*?\{\/snippet\}\s*<\/Figure>/);
  });

  it('places every widget of the essay, each first in its own chapter', () => {
    const firstChapter = new Map<string, string>();
    for (const [name, source] of sources) {
      const slug = name.replace(/^\d{2}-|\.svelte$/g, '');
      for (const [, widget] of source.matchAll(/<Widget name="([a-z-]+)"/g)) {
        expect(Object.keys(WIDGETS)).toContain(widget);
        if (!firstChapter.has(widget)) firstChapter.set(widget, slug);
      }
    }
    expect(Object.fromEntries(firstChapter)).toEqual(WIDGETS);
  });

  it('links only to chapters and the references', () => {
    const anchors = new Set<string>([...outline.map(({ slug }) => slug), 'references']);
    for (const source of sources.values()) {
      for (const [, target] of source.matchAll(/href="#([^"]*)"/g)) expect(anchors).toContain(target);
    }
  });

  it('cites every listed reference at least once', () => {
    const cited = new Set<string>();
    for (const source of sources.values()) {
      for (const [, single, several] of source.matchAll(/<Cite ref=(?:"([^"]+)"|\{\[([^\]]+)\]\})/g)) {
        if (single) cited.add(single);
        for (const key of several?.match(/[a-z0-9]+/g) ?? []) cited.add(key);
      }
    }
    expect([...cited].sort()).toEqual(Object.keys(references).sort());
  });
});
