import { expect, test } from '@playwright/test';
import { badSvgAttributes, createdRuns, expectLiveRestarts, openWidget, readout, READY, trainTo, watch } from './widgetPage';

/**
 * The drift widget trains one network per width on the page's worker. In the NTK parameterisation
 * the drift must fall with width (a fitted log–log slope well below zero); under μP the widest
 * network's kernel must move far more. Sixty steps at the default rate already separate the two
 * (tests/unit/widgets/ntk-drift/driftSession.test.ts shows the same in Node). The CPU backend: for
 * these small networks it is several times faster than WebGPU on SwiftShader, which keeps the spec short.
 */
const NAME = 'ntk-drift';
const WIDTHS = [32, 128, 512];
const STEPS = 60;
test.describe.configure({ timeout: 420_000 });

test('drift falls with width in the NTK parameterisation and stays large under μP', async ({ page }) => {
  const problems = watch(page);
  const widget = await openWidget(page, NAME, `?backend=cpu&${NAME}.widths=${WIDTHS.join(',')}&${NAME}.steps=${STEPS}`);
  const parameterisation = widget.getByLabel('Parameterisation');
  await expect(parameterisation).toHaveValue('ntk');

  await trainTo(widget, STEPS);
  await expect(widget.getByRole('alert')).toHaveCount(0);
  const ntk = await Promise.all(WIDTHS.map((m) => readout(widget, `drift-${m}`)));
  expect(ntk[1]).toBeLessThan(ntk[0]);
  expect(ntk[2]).toBeLessThan(ntk[1]);
  expect(await readout(widget, 'slope-kernel')).toBeLessThan(-0.3);
  // The first layer's weights move less at larger width too.
  expect(await readout(widget, 'slope-weights')).toBeLessThan(-0.2);
  // The default rule: every width at the same fraction of its own limit, which in the NTK
  // parameterisation is nearly the same η at every width.
  await widget.getByText('More numbers').click();
  const rates = await Promise.all(WIDTHS.map((m) => readout(widget, `lr-${m}`)));
  expect(Math.max(...rates) / Math.min(...rates)).toBeLessThan(1.5);
  for (const [i, m] of WIDTHS.entries()) expect(rates[i] / (await readout(widget, `limit-${m}`))).toBeCloseTo(0.5, 5);
  // The width plot draws the fitted line and both guides.
  await expect(widget.getByRole('figure', { name: 'Kernel drift against width' }).locator('.reference')).toHaveCount(2);
  expect(await badSvgAttributes(widget)).toEqual([]);

  // Keyboard: NTK → standard → μP builds new networks.
  const built = await createdRuns(page);
  await parameterisation.focus();
  await page.keyboard.press('ArrowDown');
  await expect(parameterisation).toHaveValue('standard');
  await page.keyboard.press('ArrowDown');
  await expect(parameterisation).toHaveValue('mup');
  await expect(page).toHaveURL(/ntk-drift\.parameterization=mup/);
  await expect(widget.locator('section.widget')).not.toHaveClass(/pending/);
  await expect.poll(() => createdRuns(page), READY).toBeGreaterThan(built);

  // Still playing: the μP networks train without another press.
  await expect(widget.locator('[data-readout="step"]')).toHaveAttribute('data-value', String(STEPS), READY);
  const mup = await Promise.all(WIDTHS.map((m) => readout(widget, `drift-${m}`)));
  expect(mup[2]).toBeGreaterThanOrEqual(5 * ntk[2]);
  expect(problems).toEqual([]);
});

test('under μP at the default rate, half the limit, the widget says why η must be smaller (issue 14, item 3)', async ({ page }) => {
  const problems = watch(page);
  const widget = await openWidget(page, NAME, `?backend=cpu&${NAME}.widths=32,64&${NAME}.parameterization=mup`);
  const notice = widget.getByRole('status').filter({ hasText: 'μP' });
  await expect(notice).toContainText('the kernel grows during training');
  await expect(notice).toContainText('0.1 or less');
  // At a tenth of the limit or less there is nothing to warn about.
  await widget.getByRole('slider', { name: /^η ÷/ }).focus();
  await page.keyboard.press('Home');
  await expect(notice).toHaveCount(0);
  expect(problems).toEqual([]);
});

test('answers while playing: new widths build new networks, the rate retunes the same ones; each frozen-kernel line redraws within a frame', async ({ page }) => {
  const problems = watch(page);
  const widget = await openWidget(page, NAME, `?backend=wasm&${NAME}.widths=32,64&${NAME}.steps=2000`);
  await expectLiveRestarts(page, widget, { theorySeries: 'linearised-32', widths: [32, 128], rate: /^η ÷/ });
  expect(problems).toEqual([]);
});
