import { expect, test } from '@playwright/test';
import { badSvgAttributes, createdRuns, expectHeldKeyDrag, expectLiveRestarts, openWidget, play, READY, readout, slider, trainTo, watch } from './widgetPage';

/**
 * The frozen-kernel widget trains a real network and compares its loss with the linearised
 * prediction from its own K₀. Beyond 2n/λ_max the prediction diverges and the run must stop cleanly
 * with both numbers shown; below it, a width-512 network must track the prediction.
 */
const NAME = 'frozen-kernel-dynamics';
test.describe.configure({ timeout: 420_000 });

test('η past 2n/λ_max diverges as predicted and stops cleanly; half the limit trains and tracks the linearisation', async ({ page }) => {
  const problems = watch(page);
  const widget = await openWidget(page, NAME, `?backend=wasm&${NAME}.lr=50&${NAME}.steps=40`);
  await expect(widget.getByRole('button', { name: 'Train', exact: true })).toBeEnabled(READY);

  // The limit is 2n/λ_max of the run's own K₀ (n = 20 by default), shown in the readout and by the slider.
  const limit = await readout(widget, 'limit');
  await widget.getByText('More numbers').click();
  const lambdaMax = await readout(widget, 'lambda-max');
  expect(limit).toBeCloseTo((2 * 20) / lambdaMax, 4);
  expect(limit).toBeLessThan(50);
  // Predicted before training: the top mode's factor |1 − ηλ_max/n| exceeds 1, and the widget says so.
  expect(await readout(widget, 'top-factor')).toBeGreaterThan(1);
  await expect(widget.getByRole('status').filter({ hasText: 'η = 50' })).toContainText('will diverge');

  await play(widget);
  const alert = widget.getByRole('alert');
  await expect(alert).toContainText('diverged', READY);
  await expect(alert).toContainText('η = 50');
  // The step the message names is the step the counter shows.
  const stopped = await readout(widget, 'step');
  await expect(alert).toContainText(`step ${stopped}:`);
  expect(await badSvgAttributes(widget)).toEqual([]);

  // "Use η = …" sets half the limit; still playing, the run restarts and trains without another press.
  await widget.getByRole('button', { name: /^Use η = / }).click();
  await expect(alert).toHaveCount(0, READY);
  await expect(widget.locator('[data-readout="step"]')).toHaveAttribute('data-value', '40', READY);
  const lr = await readout(widget, 'lr');
  expect(lr).toBeCloseTo(limit / 2, 1);
  // Loss down tenfold; outputs within a few per cent of the initial residual from the linearised
  // network's; the loss within 30 % of the predicted one.
  const outputGap = await readout(widget, 'output-gap');
  expect(outputGap).toBeGreaterThan(0);
  expect(outputGap).toBeLessThan(0.03);
  const gap = await readout(widget, 'max-gap');
  expect(gap).toBeGreaterThan(0);
  expect(gap).toBeLessThan(0.3);
  expect(await badSvgAttributes(widget)).toEqual([]);
  expect(problems).toEqual([]);
});

test('answers while playing: width and η restart the run without a second press, η without a new network; theory redraws within a frame', async ({ page }) => {
  const problems = watch(page);
  const widget = await openWidget(page, NAME, `?backend=wasm&${NAME}.steps=2000`);
  await expectLiveRestarts(page, widget, { theorySeries: 'linearised' });
  // Off screen the run parks and says so.
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(widget.locator('[data-state="off-screen"]')).toHaveText('paused — off screen', READY);
  expect(problems).toEqual([]);
});

test('a key press is a final value: the restart does not wait; a held key’s repeats wait until it is let go', async ({ page }) => {
  const problems = watch(page);
  const widget = await openWidget(page, NAME, `?backend=wasm&${NAME}.steps=20`);
  await expect(widget.getByRole('button', { name: 'Train', exact: true })).toBeEnabled(READY);
  const width = await slider(widget, /^Width/);
  // Keys dispatched in the page, so no round trip can let the 90 ms a drag waits go by unseen;
  // `.pending` marks a change that still waits for the input to rest.
  const afterKey = (type: 'keydown' | 'keyup', key: string, repeat = false) =>
    width.evaluate(
      async (input, { type, key, repeat }) => {
        input.dispatchEvent(new KeyboardEvent(type, { key, repeat, bubbles: true, cancelable: true }));
        // A zero timer set before the 90 ms one always fires first, after Svelte's microtask flush.
        await new Promise((resolve) => setTimeout(resolve, 0));
        return { pending: input.closest('section')!.classList.contains('pending'), width: input.getAttribute('aria-valuetext') };
      },
      { type, key, repeat },
    );
  const start = await width.getAttribute('aria-valuetext');
  const tapped = await afterKey('keydown', 'ArrowLeft');
  expect(tapped.width).not.toBe(start);
  expect(tapped.pending).toBe(false);
  await afterKey('keyup', 'ArrowLeft');

  const first = await afterKey('keydown', 'ArrowRight');
  const repeated = await afterKey('keydown', 'ArrowRight', true);
  expect(repeated.width).not.toBe(first.width);
  expect(repeated.pending).toBe(true);
  expect((await afterKey('keyup', 'ArrowRight')).pending).toBe(false);
  expect(problems).toEqual([]);
});

test('trains on the WebGL backend too', async ({ page }) => {
  const problems = watch(page);
  const widget = await openWidget(page, NAME, `?backend=webgl&${NAME}.steps=12`);
  await expect(widget.locator('.backend')).toHaveText('WebGL (software)', READY);
  await expect(widget.getByRole('button', { name: 'Train', exact: true })).toBeEnabled(READY);
  const loss0 = await readout(widget, 'loss');
  await trainTo(widget, 12);
  expect(await readout(widget, 'loss')).toBeLessThan(loss0);
  await widget.getByText('More numbers').click();
  expect(await readout(widget, 'output-gap')).toBeLessThan(0.03);
  expect(await badSvgAttributes(widget)).toEqual([]);
  expect(problems).toEqual([]);
});


test('the data can be dragged: on the circle by keyboard, on the line by mouse; the prediction follows each move, the network restarts on release', async ({ page }) => {
  const problems = watch(page);
  const widget = await openWidget(page, NAME, `?backend=wasm&${NAME}.steps=60&${NAME}.width=128`);
  await trainTo(widget, 60);
  const chart = widget.getByRole('figure', { name: 'The data on the circle and the fit, by angle' });
  const runs = () => createdRuns(page);
  await expectHeldKeyDrag(page, chart.getByRole('button', { name: /^training points 3:/ }), () => chart.locator('path[data-series="infinite"]').getAttribute('d'), 'ArrowDown');
  // Still playing: the network trains on the edited data without a press; the URL keeps the points.
  await expect(widget.locator('[data-readout="step"]')).toHaveAttribute('data-value', '60', READY);
  await expect(page).toHaveURL(new RegExp(`${NAME}\\.circlepoints=`));

  let calls = await runs();
  await widget.locator('.more-settings > summary').click();
  await widget.getByLabel('Data', { exact: true }).selectOption('regression1d');
  const line = widget.getByRole('figure', { name: 'The data and the fit' });
  await expect(line.getByRole('button', { name: /^training points 5:/ })).toBeVisible(READY);
  await expect.poll(runs, READY).toBe(calls + 1);
  await expect(widget.locator('[data-readout="step"]')).toHaveAttribute('data-value', '60', READY);
  calls += 1;
  const before = await line.locator('path[data-series="infinite"]').getAttribute('d');
  const point = line.getByRole('button', { name: /^training points 5:/ });
  await point.scrollIntoViewIfNeeded();
  const box = (await point.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 20, box.y + box.height / 2 - 50, { steps: 5 });
  expect(await line.locator('path[data-series="infinite"]').getAttribute('d')).not.toBe(before);
  await page.waitForTimeout(400);
  expect(await runs()).toBe(calls);
  await page.mouse.up();
  await expect.poll(runs, READY).toBe(calls + 1);
  expect(await badSvgAttributes(widget)).toEqual([]);
  expect(problems).toEqual([]);
});
