import { readNumber } from '../../../src/lib/format';
import { expect, test } from '@playwright/test';
import { createdRuns, openWidget, readout, READY, slider, watch } from './widgetPage';

/**
 * One gradient step of a real network against the linearised prediction −ηΘ̂(x, x_a)r; the kernel
 * row follows x_a; the button finds two inputs with equal outputs and unaligned gradients.
 */
const NAME = 'tangent-features';
test.describe.configure({ timeout: 300_000 });

/** Waits until the measurement for the settings shown has arrived. */
async function measured(widget: import('@playwright/test').Locator): Promise<void> {
  await expect(widget.locator('[data-status]')).not.toHaveText(/Measuring|^$/, READY);
  await expect(widget.locator('[data-readout="steperror"]')).toHaveAttribute('data-value', /\d/, READY);
}

test('at width 256 one measured step matches −ηΘ̂(x, x_a)r; at width 16 only the network’s own kernel predicts it', async ({ page }) => {
  const problems = watch(page);
  const lr = 0.1;
  const widget = await openWidget(page, NAME, `?backend=wasm&${NAME}.width=256&${NAME}.lr=${lr}`);
  await measured(widget);
  await widget.getByText('More numbers').click();

  // The prediction at x_a recomputed here from the readouts Θ̂(x_a, x_a) and r = f(x_a) − y_a.
  const kaa = await readout(widget, 'kaa');
  const r = await readout(widget, 'residual');
  const dfa = await readout(widget, 'dfa');
  expect(Math.abs(dfa - -lr * kaa * r)).toBeLessThan(0.05 * Math.abs(lr * kaa * r) + 0.002);
  expect(Math.abs(dfa)).toBeGreaterThan(0.01);
  // Over the whole grid, within 5 %; the infinite-width kernel within 20 % at this width.
  expect(await readout(widget, 'steperror')).toBeLessThan(0.05);
  expect(await readout(widget, 'analyticerror')).toBeLessThan(0.2);
  const [kbb, kab] = [await readout(widget, 'kbb'), await readout(widget, 'kab')];
  expect(await readout(widget, 'cosine')).toBeCloseTo(kab / Math.sqrt(kaa * kbb), 6);

  // Narrow (the slider's minimum, 16): the one-step linearisation still holds with Θ̂, but Θ̂ is far from Θ.
  const width = await slider(widget, /^Width/);
  await width.focus();
  await page.keyboard.press('Home');
  await expect(widget.locator('[data-readout="width"]')).toHaveAttribute('data-value', '16', READY);
  await measured(widget);
  expect(await readout(widget, 'steperror')).toBeLessThan(0.05);
  expect(await readout(widget, 'analyticerror')).toBeGreaterThan(0.1);
  expect(problems).toEqual([]);
});

test('the kernel row follows x_a within a frame; the button finds equal outputs with gradients far less aligned', async ({ page }) => {
  const problems = watch(page);
  const widget = await openWidget(page, NAME, `?backend=wasm`);
  await measured(widget);
  const cosineBefore = await readout(widget, 'cosine');

  const xa = await slider(widget, /^Step input x_a/);
  const moved = await xa.evaluate(async (input: HTMLInputElement) => {
    const path = () => input.closest('section')!.querySelector('path[data-series="analytic-a"]')!.getAttribute('d');
    const before = path();
    input.value = input.max;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((resolve) => requestAnimationFrame(resolve));
    return path() !== before;
  });
  expect(moved).toBe(true);
  await measured(widget);
  await widget.getByText('More numbers').click();
  expect(await readout(widget, 'peak')).toBeGreaterThan(0.5);

  await widget.getByRole('button', { name: 'Find two inputs with the same output' }).click();
  await expect(widget.locator('[data-status]')).toHaveText(/agree to .* gradient cosine/, READY);
  await measured(widget);
  const [fa, fb] = [await readout(widget, 'fa'), await readout(widget, 'fb')];
  expect(Math.abs(fa - fb)).toBeLessThan(0.1);
  expect(await readout(widget, 'cosine')).toBeLessThan(cosineBefore / 2);
  expect(problems).toEqual([]);
});

test('x_a is a handle on the kernel plot: dragged, its row follows every move; the worker measures when it is let go', async ({ page }) => {
  const problems = watch(page);
  const widget = await openWidget(page, NAME, `?backend=wasm&${NAME}.width=64`);
  await measured(widget);
  const chart = widget.getByRole('figure', { name: 'Kernel rows of x_a and x_b' });
  const handle = chart.getByRole('button', { name: /^x_a:/ });
  const row = () => chart.locator('path[data-series="analytic-a"]').getAttribute('d');
  const runs = () => createdRuns(page);
  const before = { row: await row(), runs: await runs(), xa: await readSlider(widget) };

  const box = (await handle.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 80, box.y + box.height / 2 + 30, { steps: 6 });
  // Before release: the row and the slider follow; no measurement is asked for, even after a rest.
  expect(await row()).not.toBe(before.row);
  expect(await readSlider(widget)).toBeGreaterThan(before.xa);
  await page.waitForTimeout(400);
  expect(await runs()).toBe(before.runs);
  await page.mouse.up();
  await expect.poll(runs, READY).toBe(before.runs + 1);
  await measured(widget);

  // The keyboard: the x_b handle moves along x only, and the measurement follows the key's release.
  const xb = chart.getByRole('button', { name: /^x_b:/ });
  const label = await xb.getAttribute('aria-label');
  await xb.focus();
  await page.keyboard.down('ArrowLeft');
  await expect(xb).not.toHaveAttribute('aria-label', label!);
  await page.waitForTimeout(300);
  const mid = await runs();
  await page.keyboard.up('ArrowLeft');
  await expect.poll(runs, READY).toBe(mid + 1);
  expect(problems).toEqual([]);
});

/** x_a as the slider shows it. */
async function readSlider(widget: import('@playwright/test').Locator): Promise<number> {
  // The announced value is typeset (a true minus sign), so it is read as the essay writes numbers.
  return readNumber((await widget.getByRole('slider', { name: /^Step input x_a/ }).getAttribute('aria-valuetext')) ?? '');
}
