import { expect, test, type Locator, type Page } from '@playwright/test';

/**
 * The data-geometry widget in the built essay: tighter clusters make the noisy labels' RKHS norm
 * explode, and training on them has its best test loss early, where the linearised model says.
 * CPU backend and a narrow network keep it quick (SwiftShader's WebGPU is far slower here).
 */
const FAST = '?backend=cpu&data-geometry.width=128&data-geometry.steps=120';

function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

async function openWidget(page: Page, query: string): Promise<Locator> {
  await page.goto(`/${query}`);
  const widget = page.locator('#widget-data-geometry');
  await widget.scrollIntoViewIfNeeded();
  await expect(widget.locator('[data-readout="rkhs-noisy"]')).toBeVisible({ timeout: 60_000 });
  return widget;
}

/** A readout's number; NaN while it shows "–". */
async function readout(widget: Locator, key: string): Promise<number> {
  return Number(await widget.locator(`[data-readout="${key}"]`).textContent());
}

/** Waits for a readout to show a number; the first run waits for the worker to load tfjs. */
async function settled(widget: Locator, key: string): Promise<number> {
  await expect.poll(() => readout(widget, key), { timeout: 120_000 }).not.toBeNaN();
  return readout(widget, key);
}

test('tighter clusters make the noisy labels’ RKHS norm explode, not the clean labels’', async ({ page }) => {
  const errors = collectErrors(page);
  const widget = await openWidget(page, FAST);
  await settled(widget, 'k0-lambda-min');
  const noisy = await settled(widget, 'rkhs-noisy');
  const clean = await settled(widget, 'rkhs-clean');
  expect(noisy).toBeGreaterThan(clean);

  // Home moves the log slider to the smallest spread, 40 times tighter than the default.
  const spread = widget.getByRole('slider', { name: 'Cluster spread' });
  await spread.focus();
  await page.keyboard.press('Home');
  await expect(widget.getByRole('textbox', { name: 'Cluster spread, exact value' })).toHaveValue('0.005');
  await expect.poll(() => readout(widget, 'rkhs-noisy'), { timeout: 30_000 }).toBeGreaterThan(5 * noisy);
  const tightNoisy = await readout(widget, 'rkhs-noisy');
  const tightClean = await readout(widget, 'rkhs-clean');
  expect(tightNoisy).toBeGreaterThan(tightClean);
  expect(tightClean).toBeLessThan(clean);
  // The smallest eigenvalue fell with the spread: that is where the cost comes from.
  expect(await readout(widget, 'lambda-min')).toBeLessThan(0.1 * 2.94e-4);
  await expect.poll(() => new URL(page.url()).searchParams.get('data-geometry.spread')).toBe('0.005');

  // A new n replaces the data set, the spectrum and the run without a hitch.
  await widget.getByRole('slider', { name: 'Training points n' }).focus();
  await page.keyboard.press('End');
  await expect(widget.locator('svg .bar')).toHaveCount(60);
  await settled(widget, 'k0-lambda-min');
  await expect(widget.getByRole('alert')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('training on noisy labels: the best test loss comes early, where the linearised model puts it', async ({ page }) => {
  const errors = collectErrors(page);
  const widget = await openWidget(page, FAST);
  await settled(widget, 'lr-limit');
  const predictedBest = await settled(widget, 'best-step-predicted');
  expect(predictedBest).toBeLessThan(120);

  await widget.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(widget.locator('.transport output')).toHaveText('120', { timeout: 150_000 });

  const best = await readout(widget, 'best-step');
  expect(best).toBeGreaterThan(0);
  expect(best).toBeLessThan(120);
  expect(Math.abs(Math.log(best / predictedBest))).toBeLessThan(Math.log(2));
  // The minimum is a real one: fitting the flipped labels afterwards costs test loss.
  const bestLoss = await readout(widget, 'best-test-loss');
  expect(await readout(widget, 'test-loss')).toBeGreaterThan(1.3 * bestLoss);
  expect(Math.abs(bestLoss / (await readout(widget, 'best-test-loss-predicted')) - 1)).toBeLessThan(0.15);

  await expect(widget.getByRole('alert')).toHaveCount(0);
  const badAttributes = await widget.locator('svg, svg *').evaluateAll((elements) =>
    elements.flatMap((el) => [...el.attributes].filter((a) => /NaN|Infinity/.test(a.value)).map((a) => `${el.tagName} ${a.name}="${a.value}"`)),
  );
  expect(badAttributes).toEqual([]);
  expect(await widget.locator('svg .bar').count()).toBe(20);
  expect(errors).toEqual([]);
});
