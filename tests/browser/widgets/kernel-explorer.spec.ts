import { expect, test, type Locator, type Page } from '@playwright/test';
import { SITE } from '../env';

/**
 * The kernel explorer samples real networks in the page's worker. Their Gram matrices must
 * approach the analytic kernel like width^(−1/2), the seed cloud must tighten as the width grows,
 * and the analytic curve must follow the activation chosen from the keyboard.
 */
const WIDGET = '#widget-kernel-explorer';
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

test('on the CPU backend the sampled Gram matrices converge like width^(−1/2)', async ({ page }) => {
  const problems = watch(page);
  const widget = await open(page, '?backend=cpu&kernel-explorer.width=256&kernel-explorer.seeds=6');
  await expect(widget.locator('.backend')).toHaveText('CPU', READY);
  const slope = await readout(widget, 'slope');
  expect(slope).toBeGreaterThanOrEqual(-0.8);
  expect(slope).toBeLessThanOrEqual(-0.3);
  // One hidden ReLU layer, σ_w = 1, σ_b = 0, x·x/d = 1: Θ(x, x) = ½[κ₁(1) + κ₀(1)] = 1.
  expect(await readout(widget, 'theta0')).toBe(1);
  // Every width of the sweep 16 … 256 is plotted: five measured markers on the error plot.
  const errorPlot = widget.getByRole('figure', { name: /against width/ });
  await expect(errorPlot.locator('circle.marker')).toHaveCount(5);
  expect(problems).toEqual([]);
});

test('a wider network scatters less around the analytic kernel; the keyboard changes the activation', async ({ page }) => {
  const problems = watch(page);
  const widget = await open(page, '?kernel-explorer.width=64&kernel-explorer.seeds=4');
  const narrow = await readout(widget, 'spread');
  const cloud = widget.getByRole('figure', { name: /angle between two inputs/ });
  await expect(cloud.locator('circle.marker')).toHaveCount(4 * 61);

  // Width slider to its maximum, 4096: 64 times the width, so 1/√64 = 1/8 of the scatter.
  const width = widget.getByRole('slider', { name: 'Width', exact: true });
  await width.focus();
  await page.keyboard.press('End');
  await expect(widget.locator('dt', { hasText: 'Mean |Θ̂ − Θ| at width 4096' })).toBeVisible(READY);
  const wide = await readout(widget, 'spread');
  expect(wide).toBeLessThan(narrow / 3);
  expect(wide).toBeGreaterThan(0);

  // ReLU → erf with the arrow key. For erf, σ_w = 1, σ_b = 0, x·x/d = 1 (Williams 1997):
  // Θ(x, x) = (2/π)·asin(2/3) + (4/π)/√(3² − 2²), the NNGP term plus the derivative term.
  const erfDiagonal = (2 / Math.PI) * Math.asin(2 / 3) + 4 / Math.PI / Math.sqrt(5);
  const analyticPath = async () => cloud.locator('path.series-line').first().getAttribute('d');
  const reluPath = await analyticPath();
  await widget.getByRole('combobox', { name: 'Activation' }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(widget.getByRole('combobox', { name: 'Activation' })).toHaveValue('erf');
  await expect(widget.locator('dd[data-readout="theta0"]')).toHaveText(erfDiagonal.toPrecision(3), READY);
  expect(await analyticPath()).not.toEqual(reluPath);
  expect(problems).toEqual([]);
});
