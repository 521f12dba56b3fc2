/**
 * Figure 4: the JavaScript a reader downloads before the essay's text is readable, and what loads
 * lazily. Two views of the same build:
 * - static: the entry script of index.html and its static imports (the chunks' own `import … from`),
 *   against everything reached only through dynamic imports, workers and asset URLs;
 * - observed: headless Chromium loads the page and records every request until the first chapter
 *   heading (h2) is visible, then until the training backend is ready, so "text before tfjs" is a
 *   measured ordering, not an inference.
 * Sizes are gzip (zlib level 6, what static servers commonly send).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { BenchOptions } from './options';
import type { Site } from './site';
import { fmt, printTable } from './table';

const TARGET_GZIP_KB = 150;

interface Asset {
  file: string;
  raw: number;
  gzip: number;
}

interface ImportGraph {
  staticImports: Map<string, string[]>;
  lazyRefs: Map<string, string[]>;
}

const sizeOf = (dir: string, file: string): Asset => {
  const bytes = fs.readFileSync(path.join(dir, file));
  return { file, raw: bytes.length, gzip: zlib.gzipSync(bytes, { level: 6 }).length };
};

/** Edges between the build's files: `import … from"./x.js"` is static; any other mention of a file name is lazy. */
function importGraph(assetsDir: string, files: string[]): ImportGraph {
  const staticImports = new Map<string, string[]>();
  const lazyRefs = new Map<string, string[]>();
  for (const file of files.filter((f) => f.endsWith('.js'))) {
    const text = fs.readFileSync(path.join(assetsDir, file), 'utf8');
    const statics = [...text.matchAll(/(?:\bfrom|\bimport)\s*["']\.\/([^"']+\.js)["']/g)].map((m) => m[1]);
    staticImports.set(file, [...new Set(statics)]);
    lazyRefs.set(file, files.filter((other) => other !== file && !statics.includes(other) && text.includes(other)));
  }
  return { staticImports, lazyRefs };
}

function staticClosure(roots: string[], graph: ImportGraph, exclude: Set<string> = new Set()): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || exclude.has(file)) return;
    seen.add(file);
    for (const next of graph.staticImports.get(file) ?? []) visit(next);
  };
  roots.forEach(visit);
  return [...seen];
}

/** What a lazily loaded file is, from its name and, for the worker's backend chunks, its content. */
function lazyGroup(file: string, assetsDir: string, workerFiles: Set<string>, widgetNames: Map<string, string>): string {
  if (file.endsWith('.wasm')) return 'tfjs-backend-wasm binaries (.wasm; a browser fetches one of the three)';
  if (workerFiles.has(file)) return 'training worker: tfjs core + cpu + webgl backends';
  if (widgetNames.has(file)) return `widget: ${widgetNames.get(file)}`;
  const text = fs.readFileSync(path.join(assetsDir, file), 'utf8');
  const mentions = (word: string) => text.split(word).length - 1;
  if (mentions('webgpu') > 50) return 'tfjs-backend-webgpu';
  if (mentions('wasm') > 50 || /^tfjs-backend-wasm/.test(file)) return 'tfjs-backend-wasm (JS)';
  return 'other lazy chunks (shared by widgets)';
}

interface StaticView {
  initial: Asset[];
  lazy: Map<string, Asset[]>;
}

function staticView(outDir: string): StaticView {
  const assetsDir = path.join(outDir, 'assets');
  const files = fs.readdirSync(assetsDir).filter((f) => f.endsWith('.js') || f.endsWith('.wasm'));
  const html = fs.readFileSync(path.join(outDir, 'index.html'), 'utf8');
  const entries = [...html.matchAll(/<script[^>]+type="module"[^>]+src="\.?\/?assets\/([^"]+)"/g), ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\.?\/?assets\/([^"]+)"/g)].map((m) => m[1]);
  const graph = importGraph(assetsDir, files);
  const initialFiles = staticClosure(entries, graph);
  const initial = new Set(initialFiles);
  const workerRoots = files.filter((f) => /^worker-/.test(f));
  const workerFiles = new Set(staticClosure(workerRoots, graph, initial));
  const manifestPath = path.join(outDir, '.vite', 'manifest.json');
  const widgetNames = new Map<string, string>();
  if (fs.existsSync(manifestPath)) {
    const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as Record<string, { file: string; src?: string }>;
    for (const { file, src } of Object.values(manifest)) {
      const widget = src && /^src\/widgets\/[^/]+\/([^/]+)\.svelte$/.exec(src);
      if (widget) widgetNames.set(path.basename(file), widget[1]);
    }
  }
  const lazy = new Map<string, Asset[]>();
  for (const file of files.filter((f) => !initial.has(f))) {
    const group = lazyGroup(file, assetsDir, workerFiles, widgetNames);
    lazy.set(group, [...(lazy.get(group) ?? []), sizeOf(assetsDir, file)]);
  }
  return { initial: initialFiles.map((f) => sizeOf(assetsDir, f)), lazy };
}

/** Page-clock marks (ms since navigation), installed before the page's scripts; a string for the reason in ./responsiveness.ts. */
const LOAD_MARKS = `
window.__load = {};
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') window.__load.fcp = e.startTime;
}).observe({ type: 'paint', buffered: true });
const headingWatch = new MutationObserver(() => {
  if (!document.querySelector('h2')) return;
  window.__load.h2 = performance.now();
  requestAnimationFrame(() => { window.__load.h2Frame = performance.now(); });
  headingWatch.disconnect();
});
headingWatch.observe(document, { childList: true, subtree: true });
const backendWatch = setInterval(() => {
  const backend = document.querySelector('[data-backend]')?.getAttribute('data-backend');
  if (backend) { window.__load.backendReady = performance.now(); window.__load.backend = backend; clearInterval(backendWatch); }
}, 20);
`;

interface LoadMarks {
  fcp?: number;
  h2?: number;
  /** The animation frame after the first h2 entered the DOM: when it can first be on screen. */
  h2Frame?: number;
  backendReady?: number;
  backend?: string;
}

interface Request {
  file: string;
  /** Page clock, ms. */
  start: number;
  end: number;
}

interface ObservedLoad {
  marks: LoadMarks;
  requests: Request[];
}

async function observeLoad(site: Site, url: string): Promise<ObservedLoad> {
  const browser = await site.browser();
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  try {
    const finished: { url: string; startEpoch: number; durationMs: number }[] = [];
    page.on('requestfinished', (r) => {
      const { startTime, responseEnd } = r.timing();
      finished.push({ url: r.url(), startEpoch: startTime, durationMs: responseEnd });
    });
    await page.addInitScript(LOAD_MARKS);
    await page.goto(url);
    await page.waitForFunction(() => (window as unknown as { __load: LoadMarks }).__load.backendReady, undefined, { timeout: 120_000, polling: 100 }).catch(() => {});
    await page.waitForLoadState('networkidle').catch(() => {});
    const { marks, timeOrigin } = await page.evaluate(() => ({ marks: (window as unknown as { __load: LoadMarks }).__load, timeOrigin: performance.timeOrigin }));
    const requests = finished
      .filter((r) => /\.(js|wasm)$/.test(new URL(r.url).pathname))
      .map((r) => ({ file: path.basename(new URL(r.url).pathname), start: r.startEpoch - timeOrigin, end: r.startEpoch - timeOrigin + r.durationMs }))
      .sort((a, b) => a.start - b.start);
    return { marks, requests };
  } finally {
    await page.close();
  }
}

const kB = (bytes: number) => fmt(bytes / 1000, 1);

export async function loadFigure(_options: BenchOptions, site: Site): Promise<void> {
  const { url, outDir, description } = await site.built();
  const view = staticView(outDir);
  const { marks, requests } = await observeLoad(site, url);
  const assetsDir = path.join(outDir, 'assets');
  const readableAt = marks.h2Frame ?? marks.fcp ?? Infinity;
  const loadedBeforeText = requests.filter((r) => r.end <= readableAt && r.file.endsWith('.js')).map((r) => sizeOf(assetsDir, r.file));
  const sum = (assets: Asset[]) => assets.reduce((s, a) => ({ raw: s.raw + a.raw, gzip: s.gzip + a.gzip }), { raw: 0, gzip: 0 });

  const initialTotal = sum(view.initial);
  const observedTotal = sum(loadedBeforeText);
  const rows = [
    ...view.initial.map((a) => ({ part: 'before text: entry + static imports', files: a.file, raw: a.raw, gzip: a.gzip })),
    { part: 'before text, total (static analysis)', files: `${view.initial.length} files`, ...initialTotal },
    { part: 'before text, total (observed: JS loaded before the first h2 could paint)', files: `${loadedBeforeText.length} files`, ...observedTotal },
    ...[...view.lazy].map(([group, assets]) => ({ part: `lazy: ${group}`, files: `${assets.length} file${assets.length > 1 ? 's' : ''}`, ...sum(assets) })),
  ];
  const worker = requests.find((r) => /^worker-/.test(r.file));
  const tfjsFiles = new Set([...view.lazy].filter(([group]) => /^(training worker|tfjs-)/.test(group)).flatMap(([, assets]) => assets.map((a) => a.file)));
  const tfjsDone = Math.max(...requests.filter((r) => tfjsFiles.has(r.file)).map((r) => r.end));
  const ms = (t?: number) => (t === undefined || !Number.isFinite(t) ? 'never' : `${Math.round(t)} ms`);
  printTable(
    'Load: JavaScript before the first chapter is readable, and what loads lazily (gzip)',
    [
      { label: 'part', value: (r) => r.part, align: 'left' },
      { label: 'files', value: (r) => r.files, align: 'left' },
      { label: 'raw kB', value: (r) => kB(r.raw) },
      { label: 'gzip kB', value: (r) => kB(r.gzip) },
    ],
    rows,
    [
      `Site: ${description}.`,
      `Target: first-chapter JS ≤ ${TARGET_GZIP_KB} kB gzip: ${Math.max(initialTotal.gzip, observedTotal.gzip) / 1000 <= TARGET_GZIP_KB ? 'met' : 'MISSED'} (${kB(initialTotal.gzip)} kB by static analysis, ${kB(observedTotal.gzip)} kB observed).`,
      `Page clock, local server (no network latency), default backend order: first contentful paint ${ms(marks.fcp)}; first h2 in the DOM ${ms(marks.h2)}, paintable at the next frame ${ms(marks.h2Frame)}; training worker requested ${ms(worker?.start)}, loaded ${ms(worker?.end)}; last tfjs/backend file loaded ${ms(tfjsDone)}; backend ready (${marks.backend ?? 'none'}) ${ms(marks.backendReady)}.`,
      `Text readable before tfjs loads: ${worker === undefined || worker.end > readableAt ? 'yes' : 'NO'} (the worker script finishes loading ${worker ? `${Math.round(worker.end - readableAt)} ms after` : 'never before'} the first h2 can paint).`,
      `Loaded without scrolling, after the text: ${requests.filter((r) => r.end > readableAt).map((r) => r.file).join(', ') || 'nothing'}.`,
    ],
  );
}
