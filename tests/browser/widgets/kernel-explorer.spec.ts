import { expect, test, type Locator } from '@playwright/test';
import { openWidget, READY, readout, slider, watch } from './widgetPage';

/**
 * The kernel explorer samples real networks in the page's worker. Their Gram matrices must
 * approach the analytic kernel like width^(−1/2), the seed cloud must tighten as the width grows,
 * and the analytic curve must follow the activation chosen from the keyboard at once.
 */
const NAME = 'kernel-explorer';

/** A readout once it holds a number. */
async function settledReadout(widget: Locator, key: string): Promise<number> {
  await expect(widget.locator(`[data-readout="${key}"]`)).toHaveAttribute('data-value', /\d/, READY);
  return readout(widget, key);
}

test('on the CPU backend the sampled Gram matrices converge like width^(−1/2); the status counts networks per width', async ({ page }) => {
  const problems = watch(page);
  const widget = await openWidget(page, NAME, `?backend=cpu&${NAME}.width=256&${NAME}.seeds=6`);
  await expect(widget.locator('.backend')).toHaveText('CPU', READY);
  const slope = await settledReadout(widget, 'slope');
  expect(slope).toBeGreaterThanOrEqual(-0.8);
  expect(slope).toBeLessThanOrEqual(-0.3);
  await expect(widget.locator('[data-status]')).toHaveText('Sampled 6 networks at each of 5 widths');
  await widget.getByText('More numbers').click();
  // One hidden ReLU layer, σ_w = 1, σ_b = 0, x·x/d = 1: Θ(x, x) = ½[κ₁(1) + κ₀(1)] = 1.
  expect(await settledReadout(widget, 'theta0')).toBeCloseTo(1, 10);
  // Every width of the sweep 16 … 256 is plotted: five measured markers on the error plot.
  const errorPlot = widget.getByRole('figure', { name: /against width/ });
  await expect(errorPlot.locator('circle.marker')).toHaveCount(5);
  expect(problems).toEqual([]);
});

test('a wider network scatters less; the analytic kernel follows the activation within a frame', async ({ page }) => {
  const problems = watch(page);
  const widget = await openWidget(page, NAME, `?backend=wasm&${NAME}.width=64&${NAME}.seeds=4`);
  const narrow = await settledReadout(widget, 'spread');
  const cloud = widget.getByRole('figure', { name: /angle between two inputs/ });
  await expect(cloud.locator('circle.marker')).toHaveCount(4 * 61);

  // Width slider to its maximum, 4096: 64 times the width, so 1/√64 = 1/8 of the scatter.
  const width = await slider(widget, /^Width/);
  await width.focus();
  await page.keyboard.press('End');
  await expect(widget.locator('dt', { hasText: 'Mean |Θ̂ − Θ| at width 4096' })).toBeVisible(READY);
  await expect(widget.locator('[data-status]')).toHaveText(/^Sampled/, READY);
  const wide = await settledReadout(widget, 'spread');
  expect(wide).toBeLessThan(narrow / 3);
  expect(wide).toBeGreaterThan(0);

  // ReLU → erf: the analytic curve changes before the next frame.
  await widget.locator('.more-settings > summary').click();
  const changed = await widget.getByRole('combobox', { name: 'Activation' }).evaluate(async (select: HTMLSelectElement) => {
    const path = () => select.closest('section')!.querySelector('path[data-series="analytic"]')!.getAttribute('d');
    const before = path();
    select.value = 'erf';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await new Promise((resolve) => requestAnimationFrame(resolve));
    return path() !== before;
  });
  expect(changed).toBe(true);
  // For erf, σ_w = 1, σ_b = 0, x·x/d = 1 (Williams 1997): Θ(x, x) = (2/π)·asin(2/3) + (4/π)/√(3² − 2²).
  await widget.getByText('More numbers').click();
  const erfDiagonal = (2 / Math.PI) * Math.asin(2 / 3) + 4 / Math.PI / Math.sqrt(5);
  expect(await readout(widget, 'theta0')).toBeCloseTo(erfDiagonal, 6);
  expect(problems).toEqual([]);
});
