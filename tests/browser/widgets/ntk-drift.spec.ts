import { expect, test, type Locator, type Page } from '@playwright/test';
import { SITE } from '../env';

/**
 * The drift widget trains three widths on the page's worker. In the NTK parameterisation the drift
 * must fall with width (a fitted log–log slope well below zero); under μP the widest network's
 * kernel must move far more than in the NTK parameterisation. Sixty steps at half the stability
 * limit already separate the two (tests/unit/widgets/ntk-drift/driftRuns.test.ts shows the same
 * in Node). The CPU backend: for these small networks it is several times faster than WebGPU on
 * SwiftShader, which keeps the spec short.
 */
const WIDTHS = [32, 128, 512];
const STEPS = 60;

function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  return problems;
}

async function readout(widget: Locator, key: string): Promise<number> {
  const text = (await widget.locator(`[data-readout="${key}"]`).textContent()) ?? '';
  const value = Number(text);
  expect(Number.isFinite(value), `${key} = "${text}"`).toBe(true);
  return value;
}

async function trainToEnd(widget: Locator): Promise<void> {
  await widget.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(widget.locator('[data-readout="step"]')).toHaveText(String(STEPS), { timeout: 150_000 });
  await expect(widget.getByRole('alert')).toHaveCount(0);
}

test('drift falls with width in the NTK parameterisation and stays large under μP', async ({ page }) => {
  test.setTimeout(300_000);
  const problems = watch(page);
  await page.goto(`${SITE}/?ntk-drift.widths=${WIDTHS.join(',')}&ntk-drift.steps=${STEPS}&backend=cpu`);
  const widget = page.locator('#widget-ntk-drift');
  await widget.scrollIntoViewIfNeeded();
  const parameterisation = widget.getByLabel('Parameterisation');
  await expect(parameterisation).toHaveValue('ntk');

  await trainToEnd(widget);
  const ntk = await Promise.all(WIDTHS.map((m) => readout(widget, `drift-${m}`)));
  expect(ntk[1]).toBeLessThan(ntk[0]);
  expect(ntk[2]).toBeLessThan(ntk[1]);
  expect(await readout(widget, 'slope-kernel')).toBeLessThan(-0.3);
  // The first layer's weights move less at larger width too.
  expect(await readout(widget, 'slope-weights')).toBeLessThan(-0.2);
  // The default rule: every width at the same fraction of its own limit, which in the NTK
  // parameterisation is nearly the same η at every width.
  const rates = await Promise.all(WIDTHS.map((m) => readout(widget, `lr-${m}`)));
  expect(Math.max(...rates) / Math.min(...rates)).toBeLessThan(1.5);
  // The width plot draws the fitted line and both guides.
  await expect(widget.getByRole('figure', { name: 'Kernel drift against width' }).locator('.reference')).toHaveCount(2);

  // Keyboard: NTK → standard resets the runs; → μP.
  await parameterisation.focus();
  await page.keyboard.press('ArrowDown');
  await expect(parameterisation).toHaveValue('standard');
  await expect(widget.locator('[data-readout="step"]')).toHaveText('0');
  await expect(widget.locator(`[data-readout="drift-${WIDTHS[2]}"]`)).toHaveText('—');
  await page.keyboard.press('ArrowDown');
  await expect(parameterisation).toHaveValue('mup');
  await expect(page).toHaveURL(/ntk-drift\.parameterization=mup/);

  await trainToEnd(widget);
  const mup = await Promise.all(WIDTHS.map((m) => readout(widget, `drift-${m}`)));
  expect(mup[2]).toBeGreaterThanOrEqual(5 * ntk[2]);
  expect(problems).toEqual([]);
});
