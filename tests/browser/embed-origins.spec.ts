import fs from 'node:fs';
import { expect, test, type Frame, type FrameLocator, type Locator, type Page } from '@playwright/test';
import { siteFolder, watch, writeFile } from './embedSites';
import { serveFolder, type StaticServer } from './staticServer';

/**
 * Widgets served from one site and embedded in a course page on another, as a teacher does when
 * they cannot put files on the course site: the widget site (dist/ at /ntk/) twice, once sending
 * Access-Control-Allow-Origin: * as static hosts do and once sending nothing, and the course site,
 * each on its own local origin. The host page never sees an error thrown.
 */
let widgets: string;
let course: string;
let withCors: StaticServer;
let withoutCors: StaticServer;
let courseSite: StaticServer;
/** The course site's Content-Security-Policy for its next page, if any. */
let coursePolicy: string | null = null;

test.beforeAll(async () => {
  widgets = siteFolder({}, ['ntk']);
  course = siteFolder({});
  withCors = await serveFolder(widgets, () => ({ 'access-control-allow-origin': '*' }));
  withoutCors = await serveFolder(widgets);
  courseSite = await serveFolder(course, (file): Record<string, string> => (coursePolicy && file.endsWith('.html') ? { 'content-security-policy': coursePolicy } : {}));
});

test.afterEach(() => {
  coursePolicy = null;
});

test.afterAll(async () => {
  await Promise.all([withCors, withoutCors, courseSite].map((s) => s?.close()));
  for (const folder of [widgets, course]) if (folder) fs.rmSync(folder, { recursive: true, force: true });
});

function coursePage(name: string, body: string): string {
  writeFile(course, name, `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Week 5</title></head>\n<body>\n<h1>Week 5</h1>\n${body}\n<button id="host-button" type="button" onclick="this.dataset.clicks = Number(this.dataset.clicks ?? 0) + 1">Course menu</button>\n</body></html>\n`);
  return `${courseSite.origin}/${name}`;
}

/** Presses Train and waits for the step counter to pass 0 and the readouts to show numbers. */
async function trains(widget: Locator | FrameLocator): Promise<void> {
  const train = widget.getByRole('button', { name: 'Train', exact: true });
  await expect(train).toBeEnabled({ timeout: 60_000 });
  await train.click();
  const stepCount = widget.getByRole('group', { name: 'Training controls' }).locator('output');
  await expect.poll(async () => Number(await stepCount.textContent()), { timeout: 60_000 }).toBeGreaterThan(0);
  await expect(widget.locator('svg').first()).toBeVisible();
}

/** The absolute script-tag snippet for a small drift widget, from the essay's own "Copy embed code" on the widget site. */
async function essaySnippet(page: Page, essayOrigin: string): Promise<string> {
  await page.goto(`${essayOrigin}/ntk/index.html?backend=cpu&ntk-drift.widths=16,32&ntk-drift.steps=20`, { waitUntil: 'domcontentloaded' });
  const slot = page.locator('#widget-ntk-drift');
  await slot.scrollIntoViewIfNeeded();
  await slot.getByRole('button', { name: 'Copy embed code' }).click();
  await expect(slot.getByRole('radio', { name: /^From this site/ })).toBeChecked();
  return slot.getByRole('textbox', { name: /^Script tag/ }).inputValue();
}

test('the essay’s snippet, pasted into a page on another site whose widget host sends CORS headers, trains in a blob worker', async ({ context, page }) => {
  const problems = await watch(context, [withCors.origin, courseSite.origin]);
  const snippet = await essaySnippet(page, withCors.origin);
  expect(snippet).toContain(`src="${withCors.origin}/ntk/embed/ntk-widgets.js"`);
  // The page-wide backend attribute, so that the badge's answer is known.
  const url = coursePage('other-site.html', snippet.replace('<ntk-drift ', '<ntk-drift backend="wasm" '));
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  await page.goto(url);
  const drift = page.locator('ntk-drift');
  await expect(drift.getByTitle('tfjs backend that trains this widget')).toHaveText('WASM', { timeout: 60_000 });
  await trains(drift);
  // A module worker cannot start from another origin; a blob: one (the page's origin) imports it.
  expect(workers.filter((w) => !w.startsWith(withCors.origin))).toEqual([expect.stringMatching(/^blob:/)]);
  expect(problems).toEqual({ pageErrors: [], consoleErrors: [], foreign: [] });
});

test('without CORS headers the element says which script did not load; nothing is thrown into the page', async ({ context, page }) => {
  const problems = await watch(context, [withCors.origin, withoutCors.origin, courseSite.origin]);
  const snippet = (await essaySnippet(page, withCors.origin)).replaceAll(withCors.origin, withoutCors.origin);
  await page.goto(coursePage('no-cors.html', snippet));
  await expect(page.locator('ntk-drift')).toHaveText(`Loading the widget “How far the kernel moves during training”. If this stays, its script ${withoutCors.origin}/ntk/embed/ntk-widgets.js did not load.`);
  await page.waitForTimeout(1000);
  await expect(page.locator('ntk-drift')).toBeVisible();
  expect(await page.evaluate(() => customElements.get('ntk-drift'))).toBeUndefined();
  expect(problems.pageErrors).toEqual([]);
  // The browser's own report of the refused script, and nothing else.
  expect(problems.consoleErrors.length).toBeGreaterThan(0);
  for (const message of problems.consoleErrors) expect(message).toMatch(/CORS|ERR_FAILED/);
  expect(problems.foreign).toEqual([]);
});

test('where the page forbids workers, the widget trains on the page’s own thread and the page stays responsive', async ({ context, page }) => {
  const problems = await watch(context, [withCors.origin, courseSite.origin]);
  coursePolicy = `default-src 'self'; script-src 'self' 'unsafe-inline' ${withCors.origin} 'wasm-unsafe-eval'; connect-src 'self' ${withCors.origin}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; worker-src 'none'`;
  const url = coursePage('no-workers.html', `<script type="module" src="${withCors.origin}/ntk/embed/ntk-widgets.js"></script>\n<ntk-drift backend="wasm" widths="16,32" steps="400"></ntk-drift>`);
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  await page.goto(url);
  const drift = page.locator('ntk-drift');
  await expect(drift.getByTitle('tfjs backend that trains this widget')).toHaveText('WASM', { timeout: 60_000 });
  await trains(drift);
  // Still training: the host's own button answers each click.
  const button = page.locator('#host-button');
  for (let i = 1; i <= 3; i++) {
    await button.click({ timeout: 2_000 });
    await expect(button).toHaveAttribute('data-clicks', String(i), { timeout: 2_000 });
  }
  expect(workers).toEqual([]);
  expect(problems.pageErrors).toEqual([]);
  // The refused worker is the browser's CSP report; nothing else.
  for (const message of problems.consoleErrors) expect(message).toMatch(/Content Security Policy/);
  expect(problems.foreign).toEqual([]);
});

/** The frame of the first iframe on the page, once it has loaded. */
async function frameOf(page: Page): Promise<Frame> {
  const handle = await page.locator('iframe').elementHandle();
  return (await handle!.contentFrame())!;
}

test('an iframe sandboxed with only allow-scripts trains when the widget host sends CORS headers', async ({ context, page }) => {
  const problems = await watch(context, [withCors.origin, courseSite.origin]);
  const url = coursePage('sandboxed.html', `<iframe sandbox="allow-scripts" src="${withCors.origin}/ntk/embed.html?w=ntk-drift&widths=16,32&steps=20&backend=wasm" title="Kernel drift" style="width: 100%; height: 900px; border: 0"></iframe>`);
  await page.goto(url);
  const frame = await frameOf(page);
  expect(await frame.evaluate(() => self.origin)).toBe('null');
  const inner = page.frameLocator('iframe');
  await expect(inner.getByTitle('tfjs backend that trains this widget')).toHaveText('WASM', { timeout: 60_000 });
  await trains(inner);
  expect(problems).toEqual({ pageErrors: [], consoleErrors: [], foreign: [] });
});

test('an iframe sandboxed with only allow-scripts, from a host without CORS headers, names the token it needs', async ({ context, page }) => {
  const problems = await watch(context, [withoutCors.origin, courseSite.origin]);
  const url = coursePage('sandboxed-no-cors.html', `<iframe sandbox="allow-scripts" src="${withoutCors.origin}/ntk/embed.html?w=ntk-drift" title="Kernel drift" style="width: 100%; height: 400px; border: 0"></iframe>`);
  await page.goto(url);
  const message = page.frameLocator('iframe').getByRole('alert');
  await expect(message).toBeVisible({ timeout: 15_000 });
  await expect(message).toContainText('needs allow-scripts allow-same-origin');
  await expect(message).toContainText('Access-Control-Allow-Origin: *');
  expect(problems.pageErrors).toEqual([]);
  for (const m of problems.consoleErrors) expect(m).toMatch(/CORS|ERR_FAILED/);
  expect(problems.foreign).toEqual([]);
});
