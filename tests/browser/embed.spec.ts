import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { serveFolder, type StaticServer } from './staticServer';

/**
 * Widgets embedded in a foreign "course page" (tests/browser/fixtures/, written only from the
 * README): the built dist/ is copied to /course/ntk/ beside the pages and served by a plain static
 * server, so the embed bundle must find its chunks, worker and WASM relative to its own URL.
 * DIST_DIR points at another build folder (default dist/, as `npm run build` leaves it).
 */
const DIST = path.resolve(process.env.DIST_DIR ?? 'dist');
const FIXTURES = path.resolve(import.meta.dirname, 'fixtures');

let server: StaticServer;
let folder: string;
let site: string;

test.beforeAll(async () => {
  if (!fs.existsSync(path.join(DIST, 'embed', 'ntk-widgets.js')) || !fs.existsSync(path.join(DIST, 'embed.html'))) {
    throw new Error(`${DIST} lacks embed/ntk-widgets.js or embed.html: run \`npm run build\` first`);
  }
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ntk-course-'));
  fs.cpSync(FIXTURES, path.join(folder, 'course'), { recursive: true });
  fs.cpSync(DIST, path.join(folder, 'course', 'ntk'), { recursive: true });
  server = await serveFolder(folder);
  site = `${server.origin}/course`;
});

test.afterAll(async () => {
  await server?.close();
  if (folder) fs.rmSync(folder, { recursive: true, force: true });
});

/** Requests to any other host (refused), console errors and uncaught exceptions, in every page of the context. */
async function watch(context: BrowserContext): Promise<string[]> {
  const problems: string[] = [];
  await context.route((url) => url.origin !== server.origin && url.protocol !== 'data:' && url.protocol !== 'blob:', (route) => {
    problems.push(`request to ${route.request().url()}`);
    return route.abort();
  });
  context.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  context.on('weberror', (e) => problems.push(`pageerror: ${e.error().message}`));
  return problems;
}

/** The host page's own elements and styles, to compare with and without the widgets. */
function hostSnapshot(page: Page) {
  return page.evaluate(() => {
    const props = ['display', 'font-size', 'font-family', 'color', 'box-sizing', 'margin-top', 'border-top-width', 'background-color', 'text-transform', 'visibility'];
    const styleOf = (el: Element) => Object.fromEntries(props.map((p) => [p, getComputedStyle(el).getPropertyValue(p)]));
    const ids = ['course-title', 'course-text', 'course-button', 'course-logo', 'course-between'];
    return {
      head: document.head.innerHTML,
      sheets: document.styleSheets.length,
      adopted: document.adoptedStyleSheets.length,
      body: [...document.body.children].map((el) => `${el.tagName}#${el.id}`),
      styles: [document.documentElement, document.body, ...ids.map((id) => document.getElementById(id)!)].map(styleOf),
    };
  });
}

/** The readouts' text: a widget that trained has changed at least one of them to a new number. */
const readouts = (widget: Locator) => widget.locator('dd[data-readout]').allTextContents();

/** Presses Train inside the widget's shadow root and waits for steps to be counted and readouts to move. */
async function trainUntilReadoutsChange(widget: Locator): Promise<void> {
  await widget.scrollIntoViewIfNeeded();
  const train = widget.getByRole('button', { name: 'Train', exact: true });
  await expect(train).toBeEnabled({ timeout: 30_000 });
  const before = await readouts(widget);
  await train.click();
  const stepCount = widget.getByRole('group', { name: 'Training controls' }).locator('output');
  await expect.poll(async () => Number(await stepCount.textContent()), { timeout: 60_000 }).toBeGreaterThan(0);
  await expect.poll(async () => (await readouts(widget)).filter((text, i) => text !== before[i] && /\d/.test(text)).length).toBeGreaterThan(0);
}

test('two widgets embedded by script tag render, train, follow attributes and leave a hostile host page alone', async ({ context, page }) => {
  // Baseline: the same page with the embed script refused.
  const bare = await context.newPage();
  await bare.route('**/ntk-widgets.js', (route) => route.abort());
  await bare.goto(`${site}/course-page.html`);
  const baseline = await hostSnapshot(bare);
  await bare.close();

  const problems = await watch(context);
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  // The README's ?backend= option. WASM: its binaries must be found relative to the bundle, in this sub-path.
  await page.goto(`${site}/course-page.html?backend=wasm`);
  const drift = page.locator('ntk-drift');
  const geometry = page.locator('ntk-data-geometry');

  for (const widget of [drift, geometry]) {
    await widget.scrollIntoViewIfNeeded();
    const frame = widget.getByRole('region').first();
    await expect(frame).toBeVisible({ timeout: 30_000 });
    // The host's `* { text-transform; color }`, `svg, button { display: none }` stop at the shadow boundary.
    await expect(frame.getByRole('heading').first()).toHaveCSS('text-transform', 'none');
    await expect(frame.getByRole('heading').first()).not.toHaveCSS('color', 'rgb(122, 0, 0)');
    // The host themes the widget through a custom property set on <body>.
    await expect(widget.getByRole('button', { name: 'Train', exact: true })).toHaveCSS('background-color', 'rgb(138, 43, 226)');
  }

  for (const widget of [drift, geometry]) await expect(widget.getByTitle('tfjs backend that trains this widget')).toHaveText('WASM', { timeout: 30_000 });
  await trainUntilReadoutsChange(drift);
  await trainUntilReadoutsChange(geometry);
  // Charts appear once there is data; the host's `svg { display: none }` must not reach them.
  for (const widget of [drift, geometry]) await expect(widget.locator('svg').first()).toBeVisible();

  // An attribute changed at run time reaches the widget's settings.
  await drift.scrollIntoViewIfNeeded();
  await drift.evaluate((el) => el.setAttribute('seed', '7'));
  await expect(drift.getByRole('slider', { name: /^Seed/, includeHidden: true })).toHaveAttribute('aria-valuetext', '7');

  // Bad values are reported, specifically, inside the widget; the values used are safe ones.
  await drift.evaluate((el) => {
    el.setAttribute('lr', 'abc');
    el.setAttribute('steps', '-5');
  });
  const driftIssues = drift.getByRole('status').filter({ hasText: 'Some settings were adjusted' });
  await expect(driftIssues.locator('li[data-setting="lr"]')).toHaveText(/^lr = "abc" is not a number; using the default [\d.]+$/);
  await expect(driftIssues.locator('li[data-setting="steps"]')).toHaveText(/^steps = "-5" is below the minimum (\d+); using \1$/);
  await expect(geometry.locator('li[data-setting="widht"]')).toHaveText('unknown setting "widht" ignored');

  // One worker (one tfjs backend) serves both widgets.
  expect(workers.filter((url) => /worker/.test(url))).toHaveLength(1);
  // The host page's own elements, styles and <head> are exactly as without the widgets.
  expect(await hostSnapshot(page)).toEqual(baseline);
  expect(problems).toEqual([]);
});

test('a widget embedded by iframe renders, reports bad URL values and sizes its iframe through the height message', async ({ context, page }) => {
  const problems = await watch(context);
  await page.goto(`${site}/course-page-iframe.html`);
  const inner = page.frameLocator('#drift-frame');
  await expect(inner.getByRole('region').first()).toBeVisible({ timeout: 30_000 });
  await expect(inner.getByRole('button', { name: 'Train', exact: true })).toBeVisible();
  await expect(inner.locator('li[data-setting="lr"]')).toHaveText(/^lr = "abc" is not a number; using the default [\d.]+$/);
  await expect(inner.locator('li[data-setting="colour"]')).toHaveText('unknown setting "colour" ignored');
  await expect(inner.locator('li[data-setting="w"]')).toHaveCount(0);

  // The README's listener applies the posted height: the iframe ends exactly as tall as its page.
  const iframe = page.locator('#drift-frame');
  await expect.poll(() => iframe.evaluate((f: HTMLIFrameElement) => f.style.height)).not.toBe('640px');
  await expect
    .poll(() => iframe.evaluate((f: HTMLIFrameElement) => Math.abs(f.getBoundingClientRect().height - f.contentDocument!.body.getBoundingClientRect().height)))
    .toBeLessThanOrEqual(1);

  const unknown = page.frameLocator('#unknown-frame');
  await expect(unknown.getByRole('alert')).toContainText('There is no widget called “unknown-widget”');
  await expect(unknown.getByRole('alert')).toContainText('w=ntk-drift');
  expect(problems).toEqual([]);
});

test('the essay’s “Copy embed code” gives snippets that reproduce the widget’s current settings in another page', async ({ context, page }) => {
  const problems = await watch(context);
  // No clipboard API (as on plain http in some browsers): the code must stay visible and selected.
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined }));
  await page.goto(`${site}/ntk/index.html?backend=cpu&ntk-drift.seed=5&ntk-drift.widths=16,32`, { waitUntil: 'domcontentloaded' });
  const slot = page.locator('#widget-ntk-drift');
  await slot.scrollIntoViewIfNeeded();
  await slot.getByRole('combobox', { name: 'Parameterisation' }).selectOption('standard');

  await slot.getByRole('button', { name: 'Copy embed code' }).click();
  await slot.getByRole('button', { name: 'Copy script-tag code' }).click();
  await expect(slot.getByRole('status').filter({ hasText: 'did not allow copying' })).toBeVisible();
  const elementCode = slot.getByRole('textbox', { name: /Script tag/ });
  const element = await elementCode.inputValue();
  expect(await elementCode.evaluate((t: HTMLTextAreaElement) => [t.selectionStart, t.selectionEnd])).toEqual([0, element.length]);
  const iframe = await slot.getByRole('textbox', { name: /Iframe/ }).inputValue();
  expect(element).toContain(`src="${site}/ntk/embed/ntk-widgets.js"`);
  // The copy-of-dist/ form: the same widget, from a folder ntk/ beside the teacher's page.
  await slot.getByRole('radio', { name: /^From your copy of the files/ }).check();
  const copyElement = await slot.getByRole('textbox', { name: /Script tag/ }).inputValue();
  const copyIframe = await slot.getByRole('textbox', { name: /Iframe/ }).inputValue();
  expect(copyElement).toContain('src="ntk/embed/ntk-widgets.js"');
  expect(copyIframe).toContain('src="ntk/embed.html?w=ntk-drift&');

  // The teacher's page, in a tab of its own: both snippets pasted as they are.
  const pasteInto = (name: string, snippets: string[]) =>
    fs.writeFileSync(path.join(folder, 'course', name), `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Pasted</title></head>\n<body>\n${snippets.join('\n')}\n</body></html>\n`);
  pasteInto('pasted.html', [element, iframe]);
  pasteInto('pasted-copy.html', [copyElement, copyIframe]);
  await page.close();
  const pasted = await context.newPage();
  for (const name of ['pasted.html', 'pasted-copy.html']) {
    await pasted.goto(`${site}/${name}?backend=cpu`);
    for (const widget of [pasted.locator('ntk-drift'), pasted.frameLocator('iframe').locator('body')]) {
      await expect(widget.getByRole('slider', { name: /^Seed/, includeHidden: true })).toHaveAttribute('aria-valuetext', '5', { timeout: 45_000 });
      await expect(widget.getByRole('combobox', { name: 'Parameterisation', includeHidden: true })).toHaveValue('standard');
      await expect(widget.getByRole('textbox', { name: 'Widths', includeHidden: true })).toHaveValue('16, 32');
      await expect(widget.locator('li[data-setting]')).toHaveCount(0);
    }
  }
  expect(problems).toEqual([]);
});

test('theme="light" and theme="dark", attribute or parameter, override the reader’s colour scheme, charts included', async ({ context, page }) => {
  const problems = await watch(context);
  await page.emulateMedia({ colorScheme: 'dark' });
  fs.writeFileSync(path.join(folder, 'course', 'themes.html'), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Themes</title><script type="module" src="ntk/embed/ntk-widgets.js"></script></head>
<body>
<ntk-kernel-explorer id="light" theme="light" width="16" seeds="2"></ntk-kernel-explorer>
<ntk-kernel-explorer id="auto" width="16" seeds="2"></ntk-kernel-explorer>
<iframe src="ntk/embed.html?w=ntk-kernel-explorer&width=16&seeds=2&theme=light" title="Kernel explorer" style="width: 100%; height: 900px; border: 0"></iframe>
</body></html>
`);
  await page.goto(`${site}/themes.html?backend=cpu`);
  const light = { background: 'rgb(253, 253, 251)', series: '#0072b2' };
  const dark = { background: 'rgb(21, 23, 27)', series: '#56b4e9' };
  const colours = async (widget: Locator) => {
    await expect(widget.locator('figure').first()).toBeVisible({ timeout: 45_000 });
    return {
      background: await widget.getByRole('region').first().evaluate((e) => getComputedStyle(e).backgroundColor),
      series: await widget.locator('figure').first().evaluate((e) => getComputedStyle(e).getPropertyValue('--chart-series-1').trim()),
    };
  };
  await page.locator('#light').scrollIntoViewIfNeeded();
  expect(await colours(page.locator('#light'))).toEqual(light);
  await page.locator('#auto').scrollIntoViewIfNeeded();
  expect(await colours(page.locator('#auto'))).toEqual(dark);
  await page.locator('iframe').scrollIntoViewIfNeeded();
  expect(await colours(page.frameLocator('iframe').locator('body'))).toEqual(light);

  // Switched at run time.
  await page.locator('#light').evaluate((e) => e.setAttribute('theme', 'dark'));
  await page.locator('#light').scrollIntoViewIfNeeded();
  expect(await colours(page.locator('#light'))).toEqual(dark);
  expect(problems).toEqual([]);
});
