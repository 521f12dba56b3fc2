import { expect, test, type Locator, type Page } from '@playwright/test';
import { badSvgAttributes, createdRuns, expectHeldKeyDrag, expectLiveRestarts, READY, step, watch } from './widgetPage';
import { SITE } from '../env';

/**
 * The first-look widget opens the essay: a real network training by itself on the first screen,
 * next to its linearisation and the infinite-width prediction, on points the reader drags. While a
 * point moves the infinite-width curve redraws at once; the network restarts when it is let go.
 */
const NAME = 'network-vs-linearisation';
test.describe.configure({ timeout: 300_000 });

const curve = (widget: Locator, series: string) => widget.locator(`path[data-series="${series}"]`).getAttribute('d');
const handle = (widget: Locator, index: number) => widget.getByRole('button', { name: new RegExp(`^training points ${index}:`) });

async function openFirstScreen(page: Page, query = '?backend=wasm&network-vs-linearisation.width=256'): Promise<Locator> {
  await page.goto(`${SITE}/${query}`);
  const widget = page.locator(`#widget-${NAME}`);
  await expect(widget.locator('path[data-series="network"]')).toHaveCount(1, READY);
  return widget;
}

for (const [width, height] of [[1280, 900], [390, 844]]) {
  test(`at ${width}×${height} the first screen shows the figure, and its network's curve moves without a click`, async ({ page }) => {
    const problems = watch(page);
    await page.setViewportSize({ width, height });
    const widget = await openFirstScreen(page);
    // Visible without scrolling: the whole plot lies inside the first screen.
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    const plot = await widget.locator('svg').first().boundingBox();
    expect(plot).not.toBeNull();
    expect(plot!.y).toBeGreaterThanOrEqual(0);
    expect(plot!.y + plot!.height).toBeLessThanOrEqual(height);
    const first = await curve(widget, 'network');
    await expect.poll(() => curve(widget, 'network'), READY).not.toBe(first);
    await expect.poll(() => step(widget), READY).toBeGreaterThan(10);
    expect(await badSvgAttributes(widget)).toEqual([]);
    expect(problems).toEqual([]);
  });
}

test('with reduced motion it waits for a press; then width and η restart it live', async ({ page }) => {
  const problems = watch(page);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const widget = await openFirstScreen(page, `?backend=wasm&${NAME}.width=256&${NAME}.steps=3000`);
  await expect(widget.getByRole('button', { name: 'Train', exact: true })).toBeEnabled(READY);
  await page.waitForTimeout(1500);
  expect(await step(widget)).toBe(0);
  await expectLiveRestarts(page, widget, { theorySeries: 'infinite' });
  expect(problems).toEqual([]);
});

test('dragging a point with the mouse redraws the prediction before release and restarts the network after; the URL keeps the points', async ({ page }) => {
  const problems = watch(page);
  const widget = await openFirstScreen(page);
  await expect.poll(() => step(widget), READY).toBeGreaterThan(20);
  const point = handle(widget, 4);
  const box = (await point.boundingBox())!;
  const before = { infinite: await curve(widget, 'infinite'), creates: await createdRuns(page) };

  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 - 40, { steps: 5 });
  // Before release: the infinite-width curve has moved with the point, and the network was not rebuilt.
  expect(await curve(widget, 'infinite')).not.toBe(before.infinite);
  await page.waitForTimeout(400);
  expect(await createdRuns(page)).toBe(before.creates);
  const dragged = await point.getAttribute('aria-label');
  await page.mouse.up();

  await expect.poll(() => createdRuns(page), READY).toBe(before.creates + 1);
  // Still playing: the new network trains by itself.
  await expect.poll(() => step(widget), READY).toBeGreaterThan(20);
  await expect(page).toHaveURL(new RegExp(`${NAME}\\.points=`));

  await page.reload();
  const reloaded = page.locator(`#widget-${NAME}`);
  await expect(handle(reloaded, 4)).toHaveAttribute('aria-label', dragged!, READY);
  expect(problems).toEqual([]);
});

test('the keyboard moves, adds and removes points: the prediction follows each key, the network restarts on release', async ({ page }) => {
  const problems = watch(page);
  const widget = await openFirstScreen(page);
  await expect.poll(() => step(widget), READY).toBeGreaterThan(5);
  await expectHeldKeyDrag(page, handle(widget, 2), () => curve(widget, 'infinite'), 'ArrowUp');

  // Delete removes the focused point; Enter on the plot adds one; each restarts the network.
  const calls = await createdRuns(page);
  await page.keyboard.press('Delete');
  await expect(widget.getByRole('button', { name: /^training points \d+:/ })).toHaveCount(7);
  await expect.poll(() => createdRuns(page), READY).toBe(calls + 1);
  await widget.getByRole('slider', { name: /^Values in: / }).focus();
  await page.keyboard.press('Enter');
  await expect(widget.getByRole('button', { name: /^training points \d+:/ })).toHaveCount(8);
  await expect.poll(() => createdRuns(page), READY).toBe(calls + 2);
  expect(await badSvgAttributes(widget)).toEqual([]);
  expect(problems).toEqual([]);
});
