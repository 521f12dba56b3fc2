/**
 * What the browser figures need, each started on first use and closed at the end: a production
 * build of the essay (fresh in a temp folder, or dist/ with --site=dist) served like `vite preview`,
 * a Vite dev server for the bench-only harness pages (tests/bench/harness/), and headless Debian
 * Chromium with the browser tests' flags (tests/browser/env.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { build, createServer, preview, type PreviewServer, type ViteDevServer } from 'vite';
import { CHROMIUM_ARGS } from '../browser/env';
import type { BenchOptions } from './options';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface BuiltSite {
  url: string;
  /** The build folder, to size files. */
  outDir: string;
  /** Where the build came from, for the tables' notes. */
  description: string;
}

export interface Site {
  built(): Promise<BuiltSite>;
  /** Origin of the dev server that serves tests/bench/harness/*.html. */
  harnessOrigin(): Promise<string>;
  browser(): Promise<Browser>;
  close(): Promise<void>;
}

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | null = null;
  return () => (value ??= make());
}

async function buildSite(options: BenchOptions): Promise<{ outDir: string; description: string; temp: boolean }> {
  if (options.site === 'dist') {
    const outDir = path.join(ROOT, 'dist');
    if (!fs.existsSync(path.join(outDir, 'index.html'))) throw new Error('--site=dist: dist/index.html does not exist; run npm run build');
    return { outDir, description: `dist/ as found (built ${fs.statSync(path.join(outDir, 'index.html')).mtime.toISOString()})`, temp: false };
  }
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ntk-bench-site-'));
  console.error(`[bench] building the essay into ${outDir}…`);
  await build({ root: ROOT, logLevel: 'warn', build: { outDir, emptyOutDir: true, manifest: true } });
  return { outDir, description: `a fresh \`vite build\` of the working tree (${new Date().toISOString()})`, temp: true };
}

export function openSite(options: BenchOptions): Site {
  const closers: (() => Promise<void>)[] = [];
  const built = once(async () => {
    const { outDir, description, temp } = await buildSite(options);
    if (temp) closers.push(async () => fs.rmSync(outDir, { recursive: true, force: true }));
    const server: PreviewServer = await preview({
      root: ROOT,
      logLevel: 'warn',
      build: { outDir },
      preview: { host: '127.0.0.1', port: 4311, strictPort: false, open: false },
    });
    closers.push(() => server.close());
    return { url: server.resolvedUrls!.local[0], outDir, description };
  });
  const harnessOrigin = once(async () => {
    const server: ViteDevServer = await createServer({
      root: ROOT,
      logLevel: 'warn',
      server: { host: '127.0.0.1', port: 4310, strictPort: false, open: false, hmr: false },
      // Pre-bundled up front: a dependency discovered mid-run makes Vite re-optimise and break the page's dynamic imports.
      optimizeDeps: { include: ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-backend-webgpu'] },
    });
    await server.listen();
    closers.push(() => server.close());
    return new URL(server.resolvedUrls!.local[0]).origin;
  });
  const browser = once(async () => {
    const instance = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...options.chromiumArgs] });
    closers.push(() => instance.close());
    return instance;
  });
  return {
    built,
    harnessOrigin,
    browser,
    async close() {
      for (const close of closers.reverse()) await close().catch((err: unknown) => console.error('[bench] closing:', err));
    },
  };
}
