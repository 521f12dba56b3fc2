/**
 * The function-space widget in the essay, on WASM: what its Try-this says holds (at the defaults the
 * network's path lies on its linearisation and near the infinite-width one; at the smallest α it
 * bends away, its steps turn and it empties the slow modes faster, and the linearisation re-anchored
 * a little way in follows it closely; under μP it parts less), the
 * plane draws where the readouts say, the paths move while training, and it answers while playing
 * like every training widget.
 */
import { expect, test, type Locator } from '@playwright/test';
import { badSvgAttributes, createdRuns, expectLiveRestarts, openWidget, play, readout, READY, slider, step, trainTo, watch } from './widgetPage';

const NAME = 'function-space';
test.describe.configure({ timeout: 120_000 });

/** Where the last marker of a path is drawn, in data units, read back through the plane's axis ticks. */
function drawnNow(widget: Locator, series: string): Promise<{ x: number; y: number }> {
  return widget
    .locator('figure.chart')
    .first()
    .evaluate((figure, series) => {
      const svg = figure.querySelector('svg.xy')!;
      const [xAxis, yAxis] = [...svg.querySelectorAll('g.axis')];
      const invert = (axis: Element, horizontal: boolean) => {
        const ticks = [...axis.querySelectorAll('g.tick')].map((t) => {
          const [, tx, ty] = t.getAttribute('transform')!.match(/translate\(([^,]+),([^)]+)\)/)!;
          return { at: Number(horizontal ? tx : ty), value: Number(t.textContent!.replace('−', '-')) };
        });
        const [a, b] = [ticks[0], ticks[ticks.length - 1]];
        return (px: number) => a.value + ((px - a.at) * (b.value - a.value)) / (b.at - a.at);
      };
      const marks = svg.querySelectorAll(`circle.marker[data-series="${series}"]`);
      const last = marks[marks.length - 1];
      return { x: invert(xAxis, true)(Number(last.getAttribute('cx'))), y: invert(yAxis, false)(Number(last.getAttribute('cy'))) };
    }, series);
}

async function measure(widget: Locator) {
  return {
    distance: await readout(widget, 'distance'),
    angle: await readout(widget, 'angle'),
    outsideNetwork: await readout(widget, 'outside-network'),
    outsideLinearised: await readout(widget, 'outside-linearised'),
    distanceInfinite: await readout(widget, 'distance-infinite'),
    distanceReanchored: await readout(widget, 'distance-reanchored'),
  };
}

test('the Try-this: the paths lie together at the defaults and part at the smallest α; the plane draws where the readouts say', async ({ page }) => {
  const problems = watch(page);
  const widget = await openWidget(page, NAME, '?backend=wasm');
  await widget.getByText('More numbers').click();
  const plane = widget.locator('figure.chart').first();
  await expect(plane.locator('path[data-series="infinite"]')).toHaveCount(1, READY);
  await expect(plane.locator('path[data-series="linearised"]')).toHaveCount(1);

  // Defaults (measured on WASM: largest gap 5×10⁻⁴ of ‖r₀‖, 0.009 to infinite width, last step 5° off K₀'s).
  await trainTo(widget, 200);
  const lazy = await measure(widget);
  expect(lazy.distance).toBeGreaterThan(0);
  expect(lazy.distance).toBeLessThan(0.01);
  expect(lazy.distanceInfinite).toBeLessThan(0.03);
  expect(lazy.angle).toBeLessThan(15);
  await expect(plane.locator('path[data-series="network"]')).toHaveCount(1);

  // The markers of where the network and its linearisation are now sit at the coordinates the readouts give.
  // (The axes span about 3.5 units over some 450 px: 0.005 is under a pixel.)
  for (const series of ['network', 'linearised']) {
    const drawn = await drawnNow(widget, series);
    expect(Math.abs(drawn.x - (await readout(widget, `${series}-v1`)))).toBeLessThan(0.005);
    expect(Math.abs(drawn.y - (await readout(widget, `${series}-v2`)))).toBeLessThan(0.005);
  }
  expect(await badSvgAttributes(widget)).toEqual([]);

  // The smallest α (measured: gap 0.32, last step 71° off, energy outside the plane 0.48 of the linearisation's).
  // Playing is the reader's intent: the new network trains without another press.
  const created = await createdRuns(page);
  const alpha = await slider(widget, /^Output scale/);
  await alpha.focus();
  await page.keyboard.press('Home');
  await expect.poll(() => createdRuns(page), READY).toBeGreaterThan(created);
  await expect(widget.locator('[data-readout="step"]')).toHaveAttribute('data-value', '200', READY);
  const rich = await measure(widget);
  expect(rich.distance).toBeGreaterThan(0.2);
  expect(rich.distance).toBeLessThan(0.5);
  expect(rich.angle).toBeGreaterThan(40);
  expect(rich.outsideNetwork / rich.outsideLinearised).toBeGreaterThan(0.3);
  expect(rich.outsideNetwork / rich.outsideLinearised).toBeLessThan(0.7);
  // Re-anchored at step 20 (measured: 0.026), the linearisation follows the network an order of magnitude closer.
  await expect(plane.locator('path[data-series="reanchored"]')).toHaveCount(1);
  expect(rich.distanceReanchored).toBeLessThan(0.05);
  expect(rich.distanceReanchored).toBeLessThan(rich.distance / 5);
  const drawn = await drawnNow(widget, 'network');
  expect(Math.abs(drawn.x - (await readout(widget, 'network-v1')))).toBeLessThan(0.005);
  expect(Math.abs(drawn.y - (await readout(widget, 'network-v2')))).toBeLessThan(0.005);
  expect(await badSvgAttributes(widget)).toEqual([]);
  expect(problems).toEqual([]);
});

test('under μP the network parts from its linearisation, by less than at the smallest α', async ({ page }) => {
  const problems = watch(page);
  const widget = await openWidget(page, NAME, `?backend=wasm&${NAME}.parameterization=mup`);
  await expect(widget.getByRole('status').filter({ hasText: 'μP' })).toBeVisible(READY);
  await trainTo(widget, 200);
  // Measured on WASM: 0.106, two hundred times the defaults' gap; 56° between the last steps.
  const mup = await measure(widget);
  expect(mup.distance).toBeGreaterThan(0.05);
  expect(mup.distance).toBeLessThan(0.2);
  expect(mup.angle).toBeGreaterThan(30);
  // Measured: 0.020 re-anchored at step 20.
  expect(mup.distanceReanchored).toBeLessThan(mup.distance / 3);
  expect(problems).toEqual([]);
});

test('answers while playing: the paths move, width and η restart the run without a second press, the linearised path redraws within a frame', async ({ page }) => {
  const problems = watch(page);
  const widget = await openWidget(page, NAME, `?backend=wasm&${NAME}.width=64&${NAME}.steps=2000`);
  const network = widget.locator('path[data-series="network"]');
  await play(widget);
  await expect.poll(() => step(widget), READY).toBeGreaterThanOrEqual(3);
  const before = await network.getAttribute('d');
  await expect.poll(() => network.getAttribute('d'), READY).not.toBe(before);
  await widget.getByRole('button', { name: 'Pause training' }).click();

  await expectLiveRestarts(page, widget, { theorySeries: 'linearised' });
  expect(await badSvgAttributes(widget)).toEqual([]);
  expect(problems).toEqual([]);
});
