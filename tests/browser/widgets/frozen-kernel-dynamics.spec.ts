import { expect, test, type Locator, type Page } from '@playwright/test';
import { SITE } from '../env';

/**
 * The frozen-kernel widget trains a real network and compares its loss with the linearised
 * prediction from its own K₀. Beyond 2n/λ_max the prediction diverges and the run must stop cleanly
 * with both numbers shown; below it, a width-512 network must track the prediction.
 */
const WIDGET = '#widget-frozen-kernel-dynamics';
/**
 * The first run on a page compiles every shader on SwiftShader: seconds on an idle machine, but
 * measured at over a minute on a loaded two-core one, so the waits are generous.
 */
const READY = { timeout: 240_000 };
test.describe.configure({ timeout: 420_000 });

function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  return problems;
}

async function open(page: Page, query: string): Promise<Locator> {
  await page.goto(`${SITE}/${query}`);
  const widget = page.locator(WIDGET);
  await widget.scrollIntoViewIfNeeded();
  return widget;
}

const readout = async (widget: Locator, key: string) => Number(await widget.locator(`[data-readout="${key}"]`).textContent());

/** Attributes of every SVG element that hold NaN or Infinity. */
const badSvgAttributes = (widget: Locator) =>
  widget.locator('svg, svg *').evaluateAll((els) =>
    els.flatMap((el) => [...el.attributes].filter((a) => /NaN|Infinity/.test(a.value)).map((a) => `${el.tagName} ${a.name}="${a.value}"`)),
  );

test('η past 2n/λ_max diverges as predicted and stops cleanly; below it the network tracks its linearisation', async ({ page }) => {
  const problems = watch(page);
  const widget = await open(page, '?frozen-kernel-dynamics.lr=50&frozen-kernel-dynamics.steps=40');
  const train = widget.getByRole('button', { name: 'Train', exact: true });
  await expect(train).toBeEnabled(READY);

  // The limit is 2n/λ_max of the run's own K₀ (n = 20 by default), shown in the readout and by the slider.
  const limit = await readout(widget, 'limit');
  const lambdaMax = await readout(widget, 'lambda-max');
  expect(limit).toBeCloseTo((2 * 20) / lambdaMax, 1);
  expect(limit).toBeLessThan(50);
  await expect(widget.locator('.limit-label')).toContainText(`2n/λ_max = ${limit}`);
  // Predicted before training: the top mode's factor |1 − ηλ_max/n| exceeds 1.
  expect(await readout(widget, 'top-factor')).toBeGreaterThan(1);
  await expect(widget.getByRole('status').filter({ hasText: 'η = 50' })).toContainText(`2n/λ_max = ${limit}`);

  await train.focus();
  await page.keyboard.press('Enter');
  const alert = widget.getByRole('alert');
  await expect(alert).toContainText('diverged', READY);
  await expect(alert).toContainText('η = 50');
  await expect(alert).toContainText(`2n/λ_max = ${limit}`);
  await expect(widget.getByRole('button', { name: 'Train', exact: true })).toBeDisabled();
  expect(await badSvgAttributes(widget)).toEqual([]);
  expect(await readout(widget, 'loss')).toBeGreaterThan(0);

  // Three PageDowns take the log slider down by half its five decades, to a stable η.
  const slider = widget.getByRole('slider', { name: /Learning rate/ });
  await slider.focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('PageDown');
  await expect(alert).toHaveCount(0);
  await expect(train).toBeEnabled(READY);
  const lr = await readout(widget, 'lr');
  const stableLimit = await readout(widget, 'limit');
  expect(lr).toBeLessThan(stableLimit);
  expect(lr).toBeGreaterThan(stableLimit / 10);
  const loss0 = await readout(widget, 'loss');

  await train.click();
  await expect(widget.locator('[data-readout="step"]')).toHaveText('40', READY);
  // The loss falls tenfold or more while the network's outputs stay within a few per cent of the
  // initial residual from the linearised network's, and its loss within 30 % of the predicted one.
  expect(await readout(widget, 'loss')).toBeLessThan(loss0 / 10);
  const outputGap = await readout(widget, 'output-gap');
  expect(outputGap).toBeGreaterThan(0);
  expect(outputGap).toBeLessThan(0.03);
  const gap = await readout(widget, 'max-gap');
  expect(gap).toBeGreaterThan(0);
  expect(gap).toBeLessThan(0.3);
  expect(await badSvgAttributes(widget)).toEqual([]);
  expect(problems).toEqual([]);
});

test('trains on the WebGL backend too', async ({ page }) => {
  const problems = watch(page);
  const widget = await open(page, '?backend=webgl&frozen-kernel-dynamics.steps=12');
  await expect(widget.locator('.backend')).toHaveText('WebGL (software)', READY);
  const train = widget.getByRole('button', { name: 'Train', exact: true });
  await expect(train).toBeEnabled(READY);
  const loss0 = await readout(widget, 'loss');
  await train.click();
  await expect(widget.locator('[data-readout="step"]')).toHaveText('12', READY);
  expect(await readout(widget, 'loss')).toBeLessThan(loss0);
  expect(await readout(widget, 'output-gap')).toBeLessThan(0.03);
  expect(await badSvgAttributes(widget)).toEqual([]);
  expect(problems).toEqual([]);
});
