import { expect, test, type Locator } from '@playwright/test';
import { badSvgAttributes, expectLiveRestarts, openWidget, READY, readout, trainTo, watch } from './widgetPage';

/**
 * The data-geometry widget: tighter clusters make the noisy labels' RKHS norm explode, and training
 * on them has its best test loss early, where the linearised model says. A narrow network keeps the
 * training quick.
 */
const NAME = 'data-geometry';
const FAST = `?backend=wasm&${NAME}.width=128&${NAME}.steps=120`;
test.describe.configure({ timeout: 420_000 });

/** Waits for a readout to hold a number (the K₀ readouts wait for the worker). */
async function settled(widget: Locator, key: string): Promise<number> {
  await expect.poll(() => readout(widget, key), READY).not.toBeNaN();
  return readout(widget, key);
}

const text = (widget: Locator, key: string) => widget.locator(`[data-readout="${key}"]`).first().textContent();

test('tighter clusters make the noisy labels’ norm explode, not the clean labels’; the cost panel shows it on labelled decades', async ({ page }) => {
  const problems = watch(page);
  const widget = await openWidget(page, NAME, FAST);
  const noisy = await settled(widget, 'rkhs-noisy');
  const clean = await readout(widget, 'rkhs-clean');
  expect(noisy).toBeGreaterThan(10 * clean);

  // Issue 14: the cost panel spanned ten decades with two ticks. Now every decade it spans is labelled.
  const cost = widget.getByRole('figure', { name: 'What the labels cost, mode by mode' });
  const yTicks = cost.locator('svg.xy > g > g.axis > g.tick text');
  expect(await yTicks.count()).toBeGreaterThanOrEqual(4);
  for (const label of await yTicks.allTextContents()) expect(label).toMatch(/^10[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+$/);

  // Home moves the log slider in view to its smallest value: 0.005, forty times tighter than the default.
  const spread = widget.getByRole('slider', { name: /^Cluster spread/ });
  await spread.focus();
  await page.keyboard.press('Home');
  await expect.poll(() => new URL(page.url()).searchParams.get(`${NAME}.spread`)).toBe('0.005');
  // Computed on the page: the norms follow without waiting for the network.
  await expect.poll(() => readout(widget, 'rkhs-noisy')).toBeGreaterThan(5 * noisy);
  expect(await readout(widget, 'rkhs-clean')).toBeLessThan(clean);
  expect(await readout(widget, 'lambda-min')).toBeLessThan(1e-4);

  // A new n replaces the data set, the spectrum and the run without a hitch.
  await widget.locator('.more-settings > summary').click();
  await widget.getByLabel('Training points n').focus();
  await page.keyboard.press('End');
  await expect(widget.locator('svg .bar')).toHaveCount(60);
  await expect(widget.getByRole('button', { name: 'Train', exact: true })).toBeEnabled(READY);
  await expect(widget.getByRole('alert')).toHaveCount(0);
  expect(await badSvgAttributes(widget)).toEqual([]);
  expect(problems).toEqual([]);
});

test('training on noisy labels: the best test loss comes early, where the linearised model puts it', async ({ page }) => {
  const problems = watch(page);
  const widget = await openWidget(page, NAME, FAST);
  const predictedBest = await settled(widget, 'best-step-predicted');
  expect(predictedBest).toBeLessThan(120);
  await trainTo(widget, 120);

  const best = await readout(widget, 'best-step');
  expect(best).toBeGreaterThan(0);
  expect(best).toBeLessThan(120);
  expect(Math.abs(Math.log(best / predictedBest))).toBeLessThan(Math.log(2));
  await widget.getByText('More numbers').click();
  // The minimum is a real one: fitting the flipped labels afterwards costs test loss.
  const bestLoss = await readout(widget, 'best-test-loss');
  expect(await readout(widget, 'test-loss')).toBeGreaterThan(1.3 * bestLoss);
  expect(Math.abs(bestLoss / (await readout(widget, 'best-test-loss-predicted')) - 1)).toBeLessThan(0.15);
  await expect(widget.getByRole('alert')).toHaveCount(0);
  expect(await badSvgAttributes(widget)).toEqual([]);
  expect(await widget.locator('svg .bar').count()).toBe(20);
  expect(problems).toEqual([]);
});

test('answers while playing: width and η restart the run without a second press, η without a new network', async ({ page }) => {
  const problems = watch(page);
  const widget = await openWidget(page, NAME, `?backend=wasm&${NAME}.width=128&${NAME}.steps=5000`);
  await expectLiveRestarts(page, widget, { theorySeries: 'test-predicted' });
  expect(problems).toEqual([]);
});

// Issue 14: with erf, or ReLU at spread 0.005, the readouts showed "Infinity" and "0" (yᵀK₀⁻¹y, λ_min,
// the slowest e-fold): eigenvalues of the float32 K₀ below its round-off.
for (const settings of ['activation=erf', 'spread=0.005']) {
  test(`${settings}: eigenvalues below round-off read as bounds, never Infinity or 0`, async ({ page }) => {
    const problems = watch(page);
    const widget = await openWidget(page, NAME, `?backend=wasm&${NAME}.${settings}`);
    await widget.getByText('More numbers').click();
    await settled(widget, 'k0-lambda-min');
    for (const dd of await widget.locator('dd[data-readout]').all()) {
      const shown = (await dd.textContent())!;
      expect(shown).not.toMatch(/Infinity|∞|NaN|not a number/);
      expect(shown.trim()).not.toBe('0');
    }
    expect(await text(widget, 'k0-lambda-min')).toMatch(/^< \d/);
    expect(await text(widget, 'rkhs-noisy-k0')).toMatch(/^≥ \d/);
    expect(await text(widget, 'slowest-steps')).toMatch(/^> \d/);
    // The spectrum marks where K₀'s round-off begins.
    await expect(widget.getByRole('figure', { name: 'Spectrum of the kernel matrix' }).getByText('K₀ float32 round-off')).toBeVisible();
    if (settings === 'activation=erf') {
      // η = 2 is above n/λ_max ≈ 1.5 of the erf kernel: the widget says why the best step can be the first.
      await expect(widget.getByRole('status').filter({ hasText: 'overshoots' })).toBeVisible();
    }
    expect(await badSvgAttributes(widget)).toEqual([]);
    expect(problems).toEqual([]);
  });
}
