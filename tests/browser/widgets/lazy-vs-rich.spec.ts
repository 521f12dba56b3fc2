/**
 * The lazy-vs-rich widget in the essay: at the defaults (narrowed to width 512 through the URL, for
 * speed) the network stays on its linearisation, its neurons barely move and its kernel–target
 * alignment stays put; switched to μP while playing it retrains at once, leaves the linearisation,
 * its neurons travel several times further and its alignment rises; under standard
 * parameterisation at the same η it diverges, says at which step, and offers half the limit.
 * It answers while playing like every training widget, and its "Subtract f₀" box shows what the
 * run does (issue 14). Its training points can be dragged on the function chart.
 */
import { expect, test, type Locator } from '@playwright/test';
import { badSvgAttributes, createdRuns, engineCalls, expectHeldKeyDrag, expectLiveRestarts, openWidget, READY, readout, redrawsWithinAFrame, slider, trainTo, watch } from './widgetPage';

const NAME = 'lazy-vs-rich';
test.describe.configure({ timeout: 420_000 });

async function measure(widget: Locator) {
  return {
    largestGap: await readout(widget, 'gap-linear-max'),
    particleMove: await readout(widget, 'particle-move'),
    kernelDrift: await readout(widget, 'kernel-drift'),
    alignment: await readout(widget, 'alignment'),
    initialAlignment: await readout(widget, 'alignment-initial'),
  };
}

test('lazy at the defaults, rich under μP without another press, divergence and half the limit under standard parameterisation', async ({ page }) => {
  const problems = watch(page);
  const widget = await openWidget(page, NAME, `?backend=wasm&${NAME}.width=512&${NAME}.steps=100&${NAME}.speed=4`);
  await widget.getByText('More numbers').click();

  // Lazy: NTK parameterisation at width 512.
  await trainTo(widget, 100);
  const lazy = await measure(widget);
  expect(lazy.largestGap).toBeLessThan(0.1);
  expect(lazy.particleMove).toBeLessThan(0.2);
  expect(lazy.kernelDrift).toBeLessThan(0.1);
  // Measured in Node at these settings: 0.245 → 0.235 (−4 %).
  expect(Math.abs(lazy.alignment / lazy.initialAlignment - 1)).toBeLessThan(0.1);
  // The function plot draws network, linearisation and infinite width; the particle plot 200 of 512 neurons with their trails.
  const [functionPlot, particlePlot] = await widget.locator('figure.chart').all();
  await expect(functionPlot.locator('path.series-line')).toHaveCount(3);
  await expect(particlePlot.locator('circle.marker')).toHaveCount(200);
  await expect(particlePlot.locator('line.trail')).toHaveCount(200);
  expect(await badSvgAttributes(widget)).toEqual([]);

  // Rich: μP, chosen in view while still playing; the new network trains without another press.
  const created = await createdRuns(page);
  await widget.getByLabel('Parameterisation').selectOption('mup');
  await expect.poll(() => createdRuns(page), READY).toBeGreaterThan(created);
  await expect(widget.locator('[data-readout="step"]')).toHaveAttribute('data-value', '100', READY);
  const rich = await measure(widget);
  expect(rich.largestGap).toBeGreaterThan(4 * lazy.largestGap);
  expect(rich.particleMove).toBeGreaterThan(4 * lazy.particleMove);
  expect(rich.kernelDrift).toBeGreaterThan(10 * lazy.kernelDrift);
  // Same seed, same K₀; measured in Node at these settings: 0.245 → 0.406 (+66 %).
  expect(rich.initialAlignment).toBeCloseTo(lazy.initialAlignment, 2);
  expect(rich.alignment).toBeGreaterThan(1.3 * rich.initialAlignment);
  expect(await badSvgAttributes(widget)).toEqual([]);

  // Standard parameterisation: K₀ grows with the width, so η = 2 is past its limit. Still playing, the run
  // diverges; the message names the step the counter shows, and half the limit trains without another press.
  await widget.getByLabel('Parameterisation').selectOption('standard');
  const alert = widget.getByRole('alert');
  await expect(alert).toContainText('diverged', READY);
  const limit = await readout(widget, 'limit');
  expect(limit).toBeLessThan(2);
  await expect(alert).toContainText(`step ${await readout(widget, 'step')}:`);
  await widget.getByRole('button', { name: /^Use η = / }).click();
  await expect(alert).toHaveCount(0, READY);
  expect((await readout(widget, 'lr')) / (limit / 2)).toBeCloseTo(1, 1);
  await expect(widget.locator('[data-readout="step"]')).toHaveAttribute('data-value', '100', READY);
  await expect(widget.getByRole('button', { name: /^Use η = / })).toHaveCount(0);
  expect(await badSvgAttributes(widget)).toEqual([]);
  expect(problems).toEqual([]);
});

test('answers while playing: width and η restart the run without a second press; both predictions redraw within a frame; the ReLU infinite-width kernel is computed on the page, not in the worker', async ({ page }) => {
  const problems = watch(page);
  const widget = await openWidget(page, NAME, `?backend=wasm&${NAME}.width=128&${NAME}.steps=2000`);
  await expect(widget.locator('path[data-series="inf-test"]')).toHaveCount(1, READY);
  await expectLiveRestarts(page, widget, { theorySeries: 'lin-train' });
  expect(await redrawsWithinAFrame(widget, await slider(widget, /^Learning rate/), 'inf-test')).toBe(true);
  expect((await engineCalls(page)).analyticKernels ?? 0).toBe(0);
  expect(problems).toEqual([]);
});

test('a training point dragged by keyboard: the infinite-width curve follows before the key is released, the network restarts once after', async ({ page }) => {
  const problems = watch(page);
  const widget = await openWidget(page, NAME, `?backend=wasm&${NAME}.width=64&${NAME}.steps=40`);
  await trainTo(widget, 40);
  const chart = widget.getByRole('figure', { name: "The network's function against its linearisation" });
  const calls = await createdRuns(page);
  await expectHeldKeyDrag(page, chart.getByRole('button', { name: /^training points 3:/ }), () => chart.locator('path[data-series="infinite"]').getAttribute('d'), 'ArrowUp');
  // Still playing: the network trains on the edited points without a press; the URL keeps them.
  await expect(widget.locator('[data-readout="step"]')).toHaveAttribute('data-value', '40', READY);
  expect(await createdRuns(page)).toBe(calls + 1);
  await expect(page).toHaveURL(new RegExp(`${NAME}\\.points=`));
  expect(await badSvgAttributes(widget)).toEqual([]);
  expect(problems).toEqual([]);
});

// Issue 14: "setting α ≠ 1 with the slider leaves 'Subtract f₀' unchecked while the run is centred".
test('"Subtract f₀" is shown ticked and locked while α ≠ 1, as the run is centred, and is the reader’s again at α = 1', async ({ page }) => {
  const problems = watch(page);
  const widget = await openWidget(page, NAME, `?backend=wasm&${NAME}.width=64`);
  await expect(widget.getByRole('button', { name: 'Train', exact: true })).toBeEnabled(READY);
  await widget.getByText('More numbers').click();
  const box = widget.getByRole('checkbox', { name: /Subtract f₀/ });
  await expect(box).not.toBeChecked();
  await expect(box).toBeEnabled();
  const uncentredLoss = await readout(widget, 'train-loss');

  const alpha = widget.getByRole('slider', { name: /^Output scale α/ });
  await alpha.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(box).toBeChecked();
  await expect(box).toBeDisabled();
  await expect(widget.getByText('On while α ≠ 1')).toBeVisible();
  // The run is centred: g₀ = 0, so its initial loss is that of the zero function, mean(y²)/2 = 1/4 for
  // the default target (cos θ + cos 2θ)/√2 on 12 evenly spaced points.
  await expect.poll(() => readout(widget, 'train-loss'), READY).toBeCloseTo(0.25, 5);
  expect(uncentredLoss).not.toBeCloseTo(0.25, 2);

  await page.keyboard.press('ArrowRight');
  await expect(box).not.toBeChecked();
  await expect(box).toBeEnabled();
  await expect.poll(() => readout(widget, 'train-loss'), READY).toBeCloseTo(uncentredLoss, 5);
  expect(problems).toEqual([]);
});
