import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { embedReference, REFERENCE_END, REFERENCE_START, withReference } from '../../../src/embed/docs';
import { EMBED_SCRIPT_PATH } from '../../../src/embed/paths';
import { HEIGHT_LISTENER } from '../../../src/embed/snippets';
import { THEME_PROPERTIES } from '../../../src/embed/theme';

const root = path.resolve(import.meta.dirname, '../../..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(svelte|css|ts)$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

/** The custom properties set in the first block of `css` after the text matching `header`. */
function pageCssValues(css: string, header: RegExp): Map<string, string> {
  const start = css.search(header);
  const block = css.slice(start, css.indexOf('}', start));
  return new Map([...block.matchAll(/(--ntk-[a-z0-9-]+):\s*([^;]+);/g)].map((m) => [m[1], m[2].trim()]));
}

describe('README embed reference', () => {
  it('is what `npm run docs:embed` generates from the schemas', () => {
    const current = readme.slice(readme.indexOf(REFERENCE_START) + REFERENCE_START.length + 1, readme.indexOf(REFERENCE_END) - 1);
    expect(current, 'README.md is stale: run `npm run docs:embed`').toBe(embedReference());
    expect(withReference(readme, embedReference())).toBe(readme);
  });

  it('lies between its markers, with a section title', () => {
    expect(readme).toContain('## Embedding a widget');
    expect(readme.indexOf(REFERENCE_START)).toBeLessThan(readme.indexOf(REFERENCE_END));
  });

  it('shows the real script path and the real height listener', () => {
    expect(readme).toContain(`/${EMBED_SCRIPT_PATH}"`);
    expect(readme).toContain(HEIGHT_LISTENER);
  });
});

describe('theme properties', () => {
  it('documents every --ntk-* property the widgets, charts and controls read', () => {
    const documented = new Set(THEME_PROPERTIES.map((p) => p.name));
    const used = new Set<string>();
    for (const dir of ['src/widgets', 'src/charts', 'src/controls']) {
      for (const file of filesUnder(path.join(root, dir))) {
        for (const m of fs.readFileSync(file, 'utf8').matchAll(/var\((--ntk-[a-z0-9-]+)/g)) used.add(m[1]);
      }
    }
    expect([...used].filter((name) => !documented.has(name))).toEqual([]);
    expect(used.size).toBeGreaterThan(5);
  });

  it('defaults to the essay page’s own light and dark values', () => {
    const css = fs.readFileSync(path.join(root, 'src/ui/page.css'), 'utf8');
    const light = pageCssValues(css, /:root\s*\{/);
    const dark = pageCssValues(css, /prefers-color-scheme:\s*dark/);
    for (const p of THEME_PROPERTIES.filter((q) => light.has(q.name))) {
      expect(p.light, p.name).toBe(light.get(p.name));
      expect(p.dark, p.name).toBe(dark.get(p.name) ?? light.get(p.name));
    }
    expect([...light.keys()].filter((name) => name !== '--ntk-serif' && !THEME_PROPERTIES.some((p) => p.name === name))).toEqual([]);
  });

  it('gives the chart palette the charts’ own light and dark fallbacks', () => {
    const css = fs.readFileSync(path.join(root, 'src/charts/ChartFigure.svelte'), 'utf8');
    const fallbacks = (header: RegExp) => {
      const start = css.search(header);
      const block = css.slice(start, css.indexOf('}', start));
      return new Map([...block.matchAll(/var\((--ntk-[a-z0-9-]+),\s*([^)]+)\)/g)].map((m) => [m[1], m[2].trim()]));
    };
    const light = fallbacks(/\.chart\s*\{/);
    const dark = fallbacks(/@media \(prefers-color-scheme:\s*dark\)/);
    const charts = THEME_PROPERTIES.filter((p) => /^--ntk-(grid|series-\d)$/.test(p.name));
    expect(charts).toHaveLength(9);
    for (const p of charts) expect([p.name, p.light, p.dark]).toEqual([p.name, light.get(p.name), dark.get(p.name)]);
  });
});
