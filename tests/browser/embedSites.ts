/**
 * Sites for the embed tests: folders holding the built dist/ and course pages, served by plain
 * static servers (tests/browser/staticServer.ts) on their own origins, and a watch on every page
 * for what must never happen: errors thrown into the host page, console errors, requests to any
 * origin the test did not serve.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext } from '@playwright/test';

/** DIST_DIR points at another build folder (default dist/, as `npm run build` leaves it). */
export const DIST = path.resolve(process.env.DIST_DIR ?? 'dist');

/** A new temporary folder with `files` (path → content) and, at each path of `distAt`, a copy of dist/. */
export function siteFolder(files: Record<string, string>, distAt: string[] = []): string {
  if (!fs.existsSync(path.join(DIST, 'embed', 'ntk-widgets.js')) || !fs.existsSync(path.join(DIST, 'embed.html'))) {
    throw new Error(`${DIST} lacks embed/ntk-widgets.js or embed.html: run \`npm run build\` first`);
  }
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ntk-site-'));
  for (const at of distAt) fs.cpSync(DIST, path.join(folder, at), { recursive: true });
  for (const [file, content] of Object.entries(files)) writeFile(folder, file, content);
  return folder;
}

export function writeFile(folder: string, file: string, content: string): void {
  fs.mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
  fs.writeFileSync(path.join(folder, file), content);
}

export interface Problems {
  /** Uncaught errors in any page or worker of the context: must stay empty in every embed test. */
  pageErrors: string[];
  consoleErrors: string[];
  /** Requests to an origin outside the allowed ones (refused). */
  foreign: string[];
}

export async function watch(context: BrowserContext, origins: string[]): Promise<Problems> {
  const problems: Problems = { pageErrors: [], consoleErrors: [], foreign: [] };
  await context.route((url) => !origins.includes(url.origin) && url.protocol !== 'data:' && url.protocol !== 'blob:', (route) => {
    problems.foreign.push(route.request().url());
    return route.abort();
  });
  context.on('console', (m) => m.type() === 'error' && problems.consoleErrors.push(m.text()));
  context.on('weberror', (e) => problems.pageErrors.push(e.error().message));
  return problems;
}
