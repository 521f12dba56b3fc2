/**
 * The backend chosen by measured speed (issue 13), in headless Chromium where WebGPU is
 * SwiftShader (software) and WASM is real: the default page times both, trains on WASM (tens of
 * times faster here) and the badge shows each figure; ?backend= is honoured without timing; and a
 * backend chosen from the badge's menu goes into the address, keeps every setting, and restarts a
 * training widget from initialisation on the new backend.
 */
import { expect, test, type Page } from '@playwright/test';
import { SITE } from './env';
import { recordReadout, restartedFrom } from './readouts';

/** Selection times every backend; WebGPU in software compiles its shaders on the CPU first. */
const READY = { timeout: 150_000 };
test.describe.configure({ timeout: 240_000 });

const FROZEN = 'frozen-kernel-dynamics';
const SETTINGS = `${FROZEN}.width=16&${FROZEN}.n=8&${FROZEN}.steps=5000`;

function pageErrors(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  return problems;
}

const badgeOf = (page: Page) => page.locator('.site-header details');

test('the default page times the backends, trains on WASM, and the badge shows what each measured', async ({ page }) => {
  const errors = pageErrors(page);
  await page.goto(`${SITE}/?${FROZEN}.width=16&${FROZEN}.n=8&${FROZEN}.steps=40`);
  const badge = badgeOf(page);
  await expect(badge).toHaveAttribute('data-backend', 'wasm', READY);
  await badge.locator('summary').click();
  await expect(badge.locator('.reason')).toHaveText('The fastest of the backends measured here.');
  const speeds = badge.locator('.speeds');
  await expect(speeds).toContainText(/WASM: [\d,.]+ steps\/s/);
  await expect(speeds).toContainText(/WebGPU \(software\): [\d,.]+ steps\/s/);
  await expect(badge.locator('select')).toHaveValue('auto');
  await badge.locator('summary').click();

  const widget = page.locator(`#widget-${FROZEN}`);
  await widget.scrollIntoViewIfNeeded();
  await expect(widget.locator('.backend')).toHaveText('WASM');
  await widget.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(widget.locator('[data-readout="step"]')).toHaveText('40', READY);
  await expect(widget.getByRole('alert')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('?backend= names the backend, used without timing the others', async ({ page }) => {
  const errors = pageErrors(page);
  await page.goto(`${SITE}/?backend=cpu`);
  const badge = badgeOf(page);
  await expect(badge).toHaveAttribute('data-backend', 'cpu', READY);
  await expect(badge.locator('summary')).toContainText('CPU');
  await badge.locator('summary').click();
  await expect(badge.locator('.reason')).toHaveText('Chosen in the address (?backend=).');
  await expect(badge.locator('.speeds')).toHaveCount(0);
  await expect(badge.locator('select')).toHaveValue('cpu');
  expect(errors).toEqual([]);
});

test('a backend chosen in the badge goes into the address, keeps the settings and restarts training', async ({ page }) => {
  const errors = pageErrors(page);
  await page.goto(`${SITE}/?${SETTINGS}`);
  const badge = badgeOf(page);
  await expect(badge).toHaveAttribute('data-backend', 'wasm', READY);

  const widget = page.locator(`#widget-${FROZEN}`);
  await widget.scrollIntoViewIfNeeded();
  const step = widget.locator('[data-readout="step"]');
  const steps = await recordReadout(step);
  await widget.getByRole('button', { name: 'Train', exact: true }).click();
  await expect.poll(async () => Number(await step.textContent()), READY).toBeGreaterThanOrEqual(50);

  await badge.locator('summary').click();
  await badge.locator('select').selectOption('cpu');
  await expect(badge).toHaveAttribute('data-backend', 'cpu', READY);
  await expect(badge.locator('.reason')).toHaveText('Chosen in this menu.');
  expect(page.url()).toBe(`${SITE}/?${SETTINGS}&backend=cpu`);

  await expect(widget.locator('.backend-notice')).toHaveText(
    'Switched to CPU, as chosen. Started again from initialisation, with the same settings.',
    READY,
  );
  await expect(widget.locator('.backend')).toHaveText('CPU');
  await expect.poll(async () => restartedFrom(await steps(), 50), READY).toBe(true);
  await expect(widget.locator(`output[for="${FROZEN}-width"]`)).toHaveText('16');
  await expect(widget.getByRole('alert')).toHaveCount(0);

  // Back to the fastest: the speeds measured at first are reused, and the address loses ?backend=.
  await badge.locator('select').selectOption('auto');
  await expect(badge).toHaveAttribute('data-backend', 'wasm', READY);
  expect(page.url()).toBe(`${SITE}/?${SETTINGS}`);
  expect(errors).toEqual([]);
});
