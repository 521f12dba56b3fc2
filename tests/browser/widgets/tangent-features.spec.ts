import { expect, test, type Locator, type Page } from '@playwright/test';
import { readNumber } from '../../../src/lib/format';
import { SITE } from '../env';

/**
 * The tangent-features widget takes one real gradient step at x_a in the page's worker. The change
 * it measures must match the linearised prediction −ηΘ̂(x, x_a)r from the network's own kernel at
 * any width, the infinite-width kernel's prediction only once the network is wide, and the
 * kernel row of x_a must follow x_a.
 */
const WIDGET = '#widget-tangent-features';
/** The first worker call compiles the backend's shaders, slow on SwiftShader and a busy machine. */
const READY = { timeout: 150_000 };

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

/** A readout once it holds a number (formatNumber writes a true minus sign). */
async function readout(widget: Locator, key: string): Promise<number> {
  const cell = widget.locator(`dd[data-readout="${key}"]`);
  await expect(cell).toHaveText(/\d/, READY);
  return Number((await cell.textContent())!.replace('−', '-').replace(/,/g, ''));
}

test('at width 256 one measured step matches −ηΘ̂(x, x_a)r; at width 16 only the network’s own kernel predicts it', async ({ page }) => {
  const problems = watch(page);
  const lr = 0.1;
  const widget = await open(page, `?tangent-features.width=256&tangent-features.lr=${lr}`);

  // The prediction at x_a recomputed here from the readouts Θ̂(x_a, x_a) and r = f(x_a) − y_a.
  const kaa = await readout(widget, 'kaa');
  const r = await readout(widget, 'residual');
  const measured = await readout(widget, 'dfa');
  expect(Math.abs(measured - -lr * kaa * r)).toBeLessThan(0.05 * Math.abs(lr * kaa * r) + 0.002);
  expect(Math.abs(measured)).toBeGreaterThan(0.01);
  // Over the whole grid, within 5 %; the infinite-width kernel within 20 % at this width.
  expect(await readout(widget, 'steperror')).toBeLessThan(0.05);
  expect(await readout(widget, 'analyticerror')).toBeLessThan(0.2);
  // Gradient cosine from the three kernel entries.
  const [kbb, kab] = [await readout(widget, 'kbb'), await readout(widget, 'kab')];
  expect(await readout(widget, 'cosine')).toBeCloseTo(kab / Math.sqrt(kaa * kbb), 2);

  // Narrow (the slider's minimum, 16): the one-step linearisation still holds with Θ̂, but Θ̂ is far
  // from the infinite-width Θ.
  await widget.getByRole('slider', { name: 'Width' }).focus();
  await page.keyboard.press('Home');
  await expect(widget.locator('dd[data-readout="width"]')).toHaveText('16', READY);
  expect(await readout(widget, 'steperror')).toBeLessThan(0.05);
  expect(await readout(widget, 'analyticerror')).toBeGreaterThan(0.1);
  expect(problems).toEqual([]);
});

test('moving x_a moves the peak of its kernel row; the match button finds an x_b with a similar output', async ({ page }) => {
  const problems = watch(page);
  // x_b starts on the plotting grid, so the button's choice can only narrow the output gap.
  const widget = await open(page, '?backend=cpu&tangent-features.width=128&tangent-features.xb=0.48');
  const xa = widget.getByRole('slider', { name: 'Step input x_a' });
  const measuredAt = (key: string) => widget.locator(`dd[data-readout="${key}"]`);
  await expect(measuredAt('xa')).toHaveText('−0.5', READY);

  await xa.focus();
  await page.keyboard.press('Home');
  await expect(measuredAt('xa')).toHaveText('−1', READY);
  const left = await readout(widget, 'peak');
  await page.keyboard.press('End');
  await expect(measuredAt('xa')).toHaveText('1', READY);
  const right = await readout(widget, 'peak');
  expect(left).toBeLessThan(-0.5);
  expect(right).toBeGreaterThan(0.5);

  const fa = await readout(widget, 'fa');
  const gapBefore = Math.abs((await readout(widget, 'fb')) - fa);
  await widget.getByRole('button', { name: /Move x_b/ }).click();
  const xbSlider = widget.getByRole('slider', { name: 'Second input x_b' });
  await expect(xbSlider).not.toHaveAttribute('aria-valuetext', '0.48');
  const xb = readNumber((await xbSlider.getAttribute('aria-valuetext'))!);
  await expect(measuredAt('xb')).toHaveText(String(xb).replace('-', '−'), READY);
  expect(Math.abs(xb - 1)).toBeGreaterThanOrEqual(0.5);
  // Readouts carry three significant digits.
  expect(Math.abs((await readout(widget, 'fb')) - fa)).toBeLessThanOrEqual(gapBefore + 0.01);
  expect(problems).toEqual([]);
});
