/**
 * Privacy and security: every request stays on the page's own origin while the essay loads and each
 * widget trains; our code never evaluates strings as code; and the built site works under the strict
 * Content-Security-Policy documented in README.md, with no violation reported.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { elementName } from '../../../src/embed/names';
import { WIDGETS, type WidgetName } from '../../../src/widgets/registry';
import { SITE } from '../env';

const NAMES = Object.keys(WIDGETS) as WidgetName[];
const ROOT = path.resolve(import.meta.dirname, '../../..');
/** The built site to inspect: DIST_DIR, or dist/ (build it first). */
const DIST = path.resolve(ROOT, process.env.DIST_DIR ?? 'dist');

/** The policy README.md documents. 'wasm-unsafe-eval' lets the tfjs WASM backend compile its binary; inline styles come from Svelte and KaTeX, a data: font from the essay's CSS. */
const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

function offOrigin(page: Page): string[] {
  const origin = new URL(SITE).origin;
  const outside: string[] = [];
  page.on('request', (r) => {
    const url = r.url();
    if (new URL(url).origin !== origin && !url.startsWith('data:') && !url.startsWith('blob:')) outside.push(url);
  });
  return outside;
}

/** Presses Train where the widget has it, lets it run a moment, then Pause. */
async function trainBriefly(page: Page) {
  const frame = page.locator('section.widget');
  await expect(frame).toBeVisible();
  const train = frame.getByRole('button', { name: 'Train', exact: true });
  if ((await train.count()) === 0) return false;
  await expect(train).toBeEnabled({ timeout: 30_000 });
  await train.click();
  await expect(frame.locator('.transport output')).not.toHaveText('0');
  await frame.getByRole('button', { name: 'Pause training' }).click();
  return true;
}

test('the essay, scrolled through so every widget loads, requests nothing from another origin', async ({ page }) => {
  test.setTimeout(60_000);
  const outside = offOrigin(page);
  await page.goto(`${SITE}/`);
  // Scrolling past every slot loads every widget's code, fonts and the worker.
  for (const slot of await page.locator('.widget-slot').all()) await slot.scrollIntoViewIfNeeded();
  await page.waitForLoadState('networkidle');
  expect(outside).toEqual([]);
});

for (const name of NAMES) {
  test(`${name}, trained on its iframe page, requests nothing from another origin`, async ({ page }) => {
    test.setTimeout(45_000);
    const outside = offOrigin(page);
    await page.goto(`${SITE}/embed.html?w=${elementName(name)}`);
    await trainBriefly(page);
    expect(outside).toEqual([]);
  });
}

/** Every file under `dir` whose name ends with one of `extensions`. */
function filesUnder(dir: string, extensions: string[]): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => extensions.some((e) => f.endsWith(e)))
    .map((f) => path.join(dir, f));
}

const STRING_AS_CODE = /\beval\s*\(|\bnew\s+Function\s*\(/g;

test('our source never evaluates strings as code', () => {
  const hits = filesUnder(path.join(ROOT, 'src'), ['.ts', '.svelte', '.js'])
    .flatMap((f) => [...fs.readFileSync(f, 'utf8').matchAll(STRING_AS_CODE)].map((m) => `${path.relative(ROOT, f)}: ${m[0]}`));
  expect(hits).toEqual([]);
});

test('the only eval in the built JavaScript is tfjs-backend-wasm\'s Node-only worker shim', () => {
  test.skip(!fs.existsSync(DIST), `no build at ${DIST}`);
  const hits = filesUnder(DIST, ['.js']).flatMap((f) =>
    [...fs.readFileSync(f, 'utf8').matchAll(STRING_AS_CODE)].map((m) => fs.readFileSync(f, 'utf8').slice(m.index - 40, m.index + 40)));
  // Emscripten's worker_threads shim runs only under Node (it reads the script with fs.readFileSync).
  for (const hit of hits) expect(hit).toMatch(/importScripts:function\(\w+\)\{\(0,eval\)\(fs\.readFileSync/);
});

test('the built site works under the documented Content-Security-Policy', async ({ context, page }) => {
  test.setTimeout(60_000);
  await context.route('**/*', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': CSP } });
  });
  await page.addInitScript(() => {
    (window as unknown as { cspViolations: string[] }).cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { cspViolations: string[] }).cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  const violations = () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);

  // The WASM backend is the one that needs 'wasm-unsafe-eval'.
  await page.goto(`${SITE}/?backend=wasm`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(await page.locator('.katex').count()).toBeGreaterThan(50);
  await expect(page.locator('.site-header details')).toHaveAttribute('data-backend', 'wasm', { timeout: 30_000 });
  expect(await violations()).toEqual([]);

  await page.goto(`${SITE}/embed.html?w=${elementName('lazy-vs-rich')}&backend=wasm`);
  expect(await trainBriefly(page)).toBe(true);
  expect(await violations()).toEqual([]);
  expect(problems).toEqual([]);
});
