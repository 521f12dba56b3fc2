import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type FrameLocator, type Locator, type Page } from '@playwright/test';
import { siteFolder, watch } from './embedSites';
import { serveFolder, type StaticServer } from './staticServer';

/**
 * Widgets on Reveal.js slides (the real deck framework, from npm): the README's recipe deck
 * (tests/browser/fixtures/reveal-deck.html) and a deck with every widget compact on its own slide.
 */
const REVEAL = path.resolve('node_modules/reveal.js');
const WIDGETS = ['tangent-features', 'kernel-explorer', 'frozen-kernel-dynamics', 'eigenmode-decay', 'data-geometry', 'ntk-drift', 'lazy-vs-rich'];
const tag = (name: string) => (name.startsWith('ntk-') ? name : `ntk-${name}`);
/** The recipe's scale: widget text about half the size of the slide's body text. */
const SCALE = 1.5;

const everyWidget = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Every widget</title>
<link rel="stylesheet" href="reveal/dist/reveal.css"><link rel="stylesheet" href="reveal/dist/theme/white.css">
<script type="module" src="ntk/embed/ntk-widgets.js"></script></head>
<body><div class="reveal"><div class="slides">
<section><h2>Every widget</h2></section>
${WIDGETS.map((w) => `<section><h3>${w}</h3><${tag(w)} compact scale="${SCALE}" backend="wasm"></${tag(w)}></section>`).join('\n')}
</div></div>
<script src="reveal/dist/reveal.js"></script><script>Reveal.initialize({ transition: 'fade', hash: true });</script>
</body></html>
`;

let folder: string;
let server: StaticServer;

test.beforeAll(async () => {
  const version = JSON.parse(fs.readFileSync(path.join(REVEAL, 'package.json'), 'utf8')).version;
  expect(version).toMatch(/^\d+\./);
  folder = siteFolder({ 'deck.html': fs.readFileSync(path.resolve(import.meta.dirname, 'fixtures/reveal-deck.html'), 'utf8'), 'every-widget.html': everyWidget }, ['ntk']);
  fs.cpSync(path.join(REVEAL, 'dist'), path.join(folder, 'reveal', 'dist'), { recursive: true });
  server = await serveFolder(folder);
});

test.afterAll(async () => {
  await server?.close();
  if (folder) fs.rmSync(folder, { recursive: true, force: true });
});

test.use({ viewport: { width: 1280, height: 800 } });

async function goToSlide(page: Page, index: number): Promise<void> {
  await page.evaluate((i) => (window as unknown as { Reveal: { slide(h: number): void } }).Reveal.slide(i), index);
  await expect.poll(() => slideIndex(page)).toBe(index);
}

const slideIndex = (page: Page) => page.evaluate(() => (window as unknown as { Reveal: { getIndices(): { h: number } } }).Reveal.getIndices().h);

/** How far `widget` sticks out of the 960×700 slide box, in slide px (0 when it fits), and the smallest text in it, in slide px. */
async function fitOnSlide(page: Page, widget: Locator) {
  return widget.evaluate((host, scale) => {
    const slides = document.querySelector('.reveal .slides')!.getBoundingClientRect();
    const toSlide = 960 / slides.width;
    const box = host.getBoundingClientRect();
    const overflow = Math.max(0, slides.top - box.top, box.bottom - slides.bottom, slides.left - box.left, box.right - slides.right) * toSlide;
    let smallest = Infinity;
    const walker = document.createTreeWalker(host.shadowRoot!, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement!;
      if (!node.textContent!.trim() || !element.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      if (range.getBoundingClientRect().width < 2) continue; // visually hidden summaries
      // Computed sizes are the widget's own px; its zoom (the scale) magnifies them onto the slide.
      smallest = Math.min(smallest, parseFloat(getComputedStyle(element).fontSize) * scale);
    }
    return { overflow, smallest };
  }, SCALE);
}

test('every widget, compact at the recipe’s scale, fits its 960×700 slide below a heading, with slide-sized text', async ({ context, page }) => {
  const problems = await watch(context, [server.origin]);
  await page.goto(`${server.origin}/every-widget.html`);
  for (const [i, name] of WIDGETS.entries()) {
    await goToSlide(page, i + 1);
    const widget = page.locator(tag(name));
    await expect(widget.getByRole('region')).toBeVisible({ timeout: 60_000 });
    // Compact keeps the first two plots (the `plots` default).
    const kept = widget.locator('.plots > :not([data-dropped])');
    await expect(kept).toHaveCount(2);
    for (const plot of await kept.all()) await expect(plot).toBeVisible();
    await expect.poll(async () => (await fitOnSlide(page, widget)).overflow, { message: `${name} sticks out of its slide` }).toBe(0);
    // Settled: the same fit a moment later, once late content (legends, notices) has come in.
    await page.waitForTimeout(1000);
    const { overflow, smallest } = await fitOnSlide(page, widget);
    expect(overflow, `${name} sticks out of its slide`).toBe(0);
    expect(smallest, `${name}: smallest text on the slide`).toBeGreaterThanOrEqual(16);
  }
  expect(problems).toEqual({ pageErrors: [], consoleErrors: [], foreign: [] });
});

/** The step counter of a widget's transport (by CSS: a hidden slide is aria-hidden, out of reach of role queries). */
const steps = async (widget: Locator | FrameLocator) => Number(await widget.locator('.transport output').textContent({ timeout: 5_000 }));

test('keys a focused control uses stay in the widget; the others still drive the deck', async ({ context, page }) => {
  const problems = await watch(context, [server.origin]);
  await page.goto(`${server.origin}/deck.html`);
  await goToSlide(page, 1);
  const widget = page.locator('ntk-frozen-kernel-dynamics');
  const slider = widget.getByRole('slider', { name: /Learning rate/ });
  await expect(slider).toBeVisible({ timeout: 60_000 });
  const before = await slider.getAttribute('aria-valuetext');
  await slider.focus();
  for (const key of ['ArrowRight', 'ArrowRight', 'ArrowUp', 'PageUp', 'End', 'Home', 'ArrowLeft']) await page.keyboard.press(key);
  await expect(slider).not.toHaveAttribute('aria-valuetext', before!);
  expect(await slideIndex(page)).toBe(1);
  // A button does not use the arrows: from it, they drive the deck.
  await widget.getByRole('button', { name: 'Reset to initialisation' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => slideIndex(page)).toBe(2);
  expect(problems).toEqual({ pageErrors: [], consoleErrors: [], foreign: [] });
});

test('a widget on a slide faded out pauses, and trains on when its slide is back', async ({ context, page }) => {
  const problems = await watch(context, [server.origin]);
  await page.goto(`${server.origin}/deck.html`);
  await goToSlide(page, 1);
  const widget = page.locator('ntk-frozen-kernel-dynamics');
  const train = widget.getByRole('button', { name: 'Train', exact: true });
  await expect(train).toBeEnabled({ timeout: 60_000 });
  await train.click();
  await expect.poll(() => steps(widget), { timeout: 60_000 }).toBeGreaterThan(0);

  await goToSlide(page, 0);
  // The slide is still laid out where IntersectionObserver sees it: only its opacity and attributes say it is hidden.
  const section = page.locator('.slides > section').nth(1);
  await expect(section).toHaveCSS('opacity', '0');
  await page.waitForTimeout(1500);
  const paused = await steps(widget);
  await page.waitForTimeout(1500);
  expect(await steps(widget)).toBe(paused);
  await expect(widget.locator('button[aria-label="Pause training"]')).toBeAttached();

  await goToSlide(page, 1);
  await expect.poll(() => steps(widget), { timeout: 30_000 }).toBeGreaterThan(paused);
  expect(problems).toEqual({ pageErrors: [], consoleErrors: [], foreign: [] });
});

test('a compact iframe on a slide keeps the height it was given and pauses when the deck leaves its slide', async ({ context, page }) => {
  const problems = await watch(context, [server.origin]);
  await page.goto(`${server.origin}/deck.html`);
  await goToSlide(page, 2);
  const iframe = page.locator('iframe');
  const inner = page.frameLocator('iframe');
  const train = inner.getByRole('button', { name: 'Train', exact: true });
  await expect(train).toBeEnabled({ timeout: 60_000 });
  // Compact: the widget fits the iframe; nothing scrolls, and the iframe is not grown.
  await expect.poll(() => iframe.evaluate((f: HTMLIFrameElement) => f.contentDocument!.documentElement.scrollHeight - f.contentWindow!.innerHeight)).toBeLessThanOrEqual(0);
  await expect(iframe).toHaveCSS('height', '560px');
  await train.click();
  await expect.poll(() => steps(inner), { timeout: 60_000 }).toBeGreaterThan(0);

  // Reveal.js posts 'slide:stop' to the iframes of the slide it leaves.
  await goToSlide(page, 1);
  await page.waitForTimeout(1500);
  const paused = await steps(inner);
  await page.waitForTimeout(1500);
  expect(await steps(inner)).toBe(paused);
  await goToSlide(page, 2);
  await expect.poll(() => steps(inner), { timeout: 30_000 }).toBeGreaterThan(paused);
  expect(problems).toEqual({ pageErrors: [], consoleErrors: [], foreign: [] });
});
