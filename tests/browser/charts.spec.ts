import { expect as baseExpect, test, type Locator, type Page } from '@playwright/test';
import { HARNESS } from './env';

/**
 * Chart interaction with real pointer and keyboard events (tests/browser/harness/charts.html):
 * the readout of every series at the cursor, by mouse and by keyboard, and points the reader drags,
 * nudges with arrow keys, adds and removes, with each callback firing when it should.
 */

// Everything here happens within a frame or two; a failure should not wait out the suite's 30 s.
const expect = baseExpect.configure({ timeout: 5_000 });

type Logged = { type: 'move' | 'drop' | 'add' | 'remove'; index: number; points: { x: number; y: number }[] };
const events = (page: Page): Promise<Logged[]> => page.evaluate(() => window.__chartEvents ?? []);
const count = async (page: Page, type: Logged['type']) => (await events(page)).filter((e) => e.type === type).length;

/** The plot area's box, and data → page px on the given domains. */
async function plot(surface: Locator, xDomain: [number, number], yDomain: [number, number]) {
  const box = (await surface.boundingBox())!;
  return {
    box,
    at: (x: number, y: number) => ({
      x: box.x + ((x - xDomain[0]) / (xDomain[1] - xDomain[0])) * box.width,
      y: box.y + (1 - (y - yDomain[0]) / (yDomain[1] - yDomain[0])) * box.height,
    }),
    // Page px → data, for checking where a drag ended.
    toData: (px: number, py: number) => ({
      x: xDomain[0] + ((px - box.x) / box.width) * (xDomain[1] - xDomain[0]),
      y: yDomain[0] + (1 - (py - box.y) / box.height) * (yDomain[1] - yDomain[0]),
    }),
  };
}

const centre = async (handle: Locator) => {
  const b = (await handle.boundingBox())!;
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
};

// The line charts on screen at once, so page coordinates can be clicked directly.
test.use({ viewport: { width: 1000, height: 1400 } });

test.beforeEach(async ({ page }) => {
  await page.goto(`${HARNESS}/tests/browser/harness/charts.html`);
  await expect(page.locator('#editable .handle')).toHaveCount(3);
});

test('hovering shows the values of every series at that x, side by side, and leaving hides them', async ({ page }) => {
  const chart = page.locator('#readout');
  const surface = chart.getByRole('slider', { name: 'Values in: Readout test' });
  const { at, box } = await plot(surface, [0, 10], [0, 100]);
  await page.mouse.move(at(3.02, 0).x, box.y + 20);
  const readout = chart.locator('.readout');
  await expect(readout).toBeVisible();
  await expect(readout.locator('.title')).toHaveText('step = 3');
  const rows = readout.locator('.row');
  // Grouped by colour: the measured markers (6.5) next to the dashed prediction (6), then x²,
  // whose markers stop at even steps: read at its nearest point, x = 2, and said so.
  await expect(rows).toHaveText([/^\s*measured\s*6\.5$/, /^\s*predicted e0 · 2x\s*6$/, /^\s*x2\s*4 at 2$/]);
  // The prediction's label is drawn with a real superscript, not a caret.
  await expect(readout.locator('.shifted').first()).toHaveText('0');
  await expect(surface).toHaveAttribute('aria-valuetext', 'step = 3. measured: 6.5; predicted e^(0) · 2x: 6; x^(2): 4 at 2.');
  // The box covers none of the rings on the values it reads.
  const boxRect = (await readout.boundingBox())!;
  for (const ring of await chart.locator('circle.ring').all()) {
    const r = (await ring.boundingBox())!;
    const apart = r.x > boxRect.x + boxRect.width || r.x + r.width < boxRect.x || r.y > boxRect.y + boxRect.height || r.y + r.height < boxRect.y;
    expect(apart).toBe(true);
  }
  await page.mouse.move(at(7, 0).x, box.y + 20);
  await expect(readout.locator('.title')).toHaveText('step = 7');
  await expect(rows.first()).toHaveText(/14\.5$/);
  await page.mouse.move(box.x - 30, box.y - 5);
  await expect(readout).toHaveCount(0);
});

test('the focused chart steps through x values with the arrow keys; Escape hides the readout', async ({ page }) => {
  const chart = page.locator('#readout');
  const surface = chart.getByRole('slider', { name: 'Values in: Readout test' });
  await surface.focus();
  await expect(surface).toHaveAttribute('aria-valuetext', /^No value shown/);
  await page.keyboard.press('ArrowRight');
  await expect(chart.locator('.readout .title')).toHaveText('step = 0');
  await page.keyboard.press('ArrowRight');
  // The dense prediction has a point every 0.1; the measured markers are read at their nearest, x = 0.
  await expect(surface).toHaveAttribute('aria-valuetext', 'step = 0.1. measured: 0.5 at 0; predicted e^(0) · 2x: 0.2; x^(2): 0 at 0.');
  await page.keyboard.press('End');
  await expect(chart.locator('.readout .title')).toHaveText('step = 10');
  await page.keyboard.press('Shift+ArrowLeft');
  await expect(chart.locator('.readout .title')).toHaveText('step = 9');
  await expect(surface).toHaveAttribute('aria-valuenow', '90');
  await page.keyboard.press('Escape');
  await expect(chart.locator('.readout')).toHaveCount(0);
  await expect(surface).toHaveAttribute('aria-valuetext', /^No value shown/);
});

test('dragging a point reports every move before release and the drop after it', async ({ page }) => {
  const chart = page.locator('#editable');
  const { toData } = await plot(chart.locator('.surface'), [-1, 1], [-1, 1]);
  const handle = chart.getByRole('button', { name: /^training point 2:/ });
  await expect(handle).toHaveAccessibleName('training point 2: input x 0, target y −0.3');
  const prediction = chart.locator('path.series-line');
  const before = await prediction.getAttribute('d');

  const start = await centre(handle);
  const end = { x: start.x + 60, y: start.y - 50 };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(end.x, end.y, { steps: 6 });
  // Still pressed: the caller heard every move and redrew, but no drop yet.
  expect(await count(page, 'move')).toBeGreaterThanOrEqual(3);
  expect(await count(page, 'drop')).toBe(0);
  expect(await prediction.getAttribute('d')).not.toBe(before);
  await page.mouse.up();
  await expect.poll(() => count(page, 'drop')).toBe(1);

  const drop = (await events(page)).find((e) => e.type === 'drop')!;
  expect(drop.index).toBe(1);
  const expected = toData(end.x, end.y);
  expect(drop.points[1].x).toBeCloseTo(expected.x, 1);
  expect(drop.points[1].y).toBeCloseTo(expected.y, 1);
  expect(drop.points[0]).toEqual({ x: -0.5, y: 0.2 });
  await expect(handle).toHaveAccessibleName(/^training point 2: input x 0\.\d+, target y −?0\.\d+$/);
});

test('a probe handle locked to x moves along x only', async ({ page }) => {
  const chart = page.locator('#probes');
  const handle = chart.getByRole('button', { name: /^x_a:/ });
  const start = await centre(handle);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x + 80, start.y - 120, { steps: 4 });
  await page.mouse.up();
  await expect(handle).toHaveAccessibleName(/^x_a: input x −0\.[0-3]\d*, f\(x\) −0\.9$/);
  // The guide tagged x_a followed the handle (the page passes the probes back on every move).
  const after = await centre(handle);
  expect(after.x).toBeCloseTo(start.x + 80, -1);
  expect(after.y).toBeCloseTo(start.y, 0);
});

test('arrow keys move a focused point in round steps, and releasing the key drops it', async ({ page }) => {
  const chart = page.locator('#editable');
  const handle = chart.getByRole('button', { name: /^training point 1:/ });
  await handle.focus();
  await page.keyboard.press('ArrowRight');
  await expect(handle).toHaveAccessibleName('training point 1: input x −0.45, target y 0.2');
  await page.keyboard.press('Shift+ArrowUp');
  await expect(handle).toHaveAccessibleName('training point 1: input x −0.45, target y 0.4');
  const log = await events(page);
  expect(log.map((e) => e.type)).toEqual(['move', 'drop', 'move', 'drop']);
  expect(log[3].points[0]).toEqual({ x: -0.45, y: 0.4 });
});

test('a click on empty plot adds a point there; Delete, the × button and dragging out remove points', async ({ page }) => {
  const chart = page.locator('#editable');
  const handles = chart.locator('.handle');
  const { at } = await plot(chart.locator('.surface'), [-1, 1], [-1, 1]);

  const spot = at(0.6, -0.6);
  await page.mouse.click(spot.x, spot.y);
  await expect(handles).toHaveCount(4);
  const add = (await events(page)).find((e) => e.type === 'add')!;
  expect(add.index).toBe(3);
  expect(add.points[3].x).toBeCloseTo(0.6, 1);
  expect(add.points[3].y).toBeCloseTo(-0.6, 1);
  // The new point has focus, so the keyboard can place it at once.
  await expect(chart.getByRole('button', { name: /^training point 4:/ })).toBeFocused();

  await page.keyboard.press('Delete');
  await expect(handles).toHaveCount(3);
  expect((await events(page)).at(-1)).toMatchObject({ type: 'remove', index: 3 });

  await chart.getByRole('button', { name: /^training point 1:/ }).click();
  await chart.getByRole('button', { name: 'Remove training point 1' }).click();
  await expect(handles).toHaveCount(2);
  expect((await events(page)).at(-1)).toMatchObject({ type: 'remove', index: 0 });

  const last = await centre(chart.getByRole('button', { name: /^training point 2:/ }));
  await page.mouse.move(last.x, last.y);
  await page.mouse.down();
  await page.mouse.move(last.x, last.y + 400, { steps: 5 });
  await expect(chart.locator('.handle.removing')).toHaveCount(1);
  await page.mouse.up();
  await expect(handles).toHaveCount(1);
  expect((await events(page)).at(-1)).toMatchObject({ type: 'remove', index: 1 });

  // minCount 1: the last point stays, whatever is pressed.
  await handles.first().focus();
  await page.keyboard.press('Delete');
  await expect(handles).toHaveCount(1);
  await expect(chart.getByRole('button', { name: /^Remove/ })).toHaveCount(0);
});

test('bars, heatmap cells and scatter points read their values under the pointer and the keyboard', async ({ page }) => {
  const bars = page.locator('#bars');
  const surface = bars.getByRole('slider', { name: 'Values in: Bar test' });
  await surface.scrollIntoViewIfNeeded();
  const box = (await surface.boundingBox())!;
  // Six bars, each a sixth of the plot wide: the middle of the fourth is bar 3, λ = 1/4, guide 0.2.
  await page.mouse.move(box.x + (3.5 / 6) * box.width, box.y + box.height - 5);
  await expect(bars.locator('.readout .title')).toHaveText('mode k = 3');
  await expect(bars.locator('.readout .row')).toHaveText([/^\s*eigenvalue λk\s*0\.25$/, /^\s*K₀\s*0\.2$/]);
  await expect(bars.locator('rect.highlight')).toHaveCount(1);
  await surface.focus();
  await page.keyboard.press('End');
  await expect(surface).toHaveAttribute('aria-valuetext', 'mode k = 5. eigenvalue λ_(k): 0.167; K₀: 0.133.');

  const heatmap = page.locator('#heatmap');
  const cells = heatmap.getByRole('slider', { name: 'Values in: Heatmap test' });
  await cells.scrollIntoViewIfNeeded();
  const grid = (await cells.boundingBox())!;
  await page.mouse.move(grid.x + grid.width * 0.6, grid.y + grid.height * 0.9);
  await expect(heatmap.locator('.readout')).toContainText('d, column 3');
  await expect(heatmap.locator('.readout .row')).toHaveText(/^\s*entry\s*14$/);
  // Off the matrix the readout goes; the keyboard then starts from the top-left cell.
  await page.mouse.move(grid.x - 40, grid.y - 40);
  await expect(heatmap.locator('.readout')).toHaveCount(0);
  await cells.focus();
  await page.keyboard.press('ArrowRight');
  await expect(cells).toHaveAttribute('aria-valuetext', 'a, column 1. entry: 0.');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  await expect(cells).toHaveAttribute('aria-valuetext', 'b, column 4. entry: 7.');

  const scatter = page.locator('#scatter');
  const plane = scatter.getByRole('slider', { name: 'Values in: Scatter test' });
  await plane.scrollIntoViewIfNeeded();
  const area = (await plane.boundingBox())!;
  // Nearest to the pointer in the plane, not in x alone: (0.5, −0.25) although 0.9 is as near in x.
  await page.mouse.move(area.x + 0.85 * area.width, area.y + 0.65 * area.height);
  await expect(scatter.locator('.readout .title')).toHaveText('moved');
  await expect(scatter.locator('.readout .row')).toHaveText([/^\s*w₁\s*0\.5$/, /^\s*w₂\s*−0\.25$/]);
});

test.describe('on a touch screen', () => {
  test.use({ hasTouch: true });

  test('a tap shows the values, and a finger drags a point', async ({ page }) => {
    const chart = page.locator('#readout');
    const surface = chart.getByRole('slider', { name: 'Values in: Readout test' });
    const { at, box } = await plot(surface, [0, 10], [0, 100]);
    await page.touchscreen.tap(at(5, 0).x, box.y + 30);
    await expect(chart.locator('.readout .title')).toHaveText('step = 5');

    // Touch events straight from the DevTools protocol: Playwright's touchscreen only taps.
    const editable = page.locator('#editable');
    const handle = editable.getByRole('button', { name: /^training point 3:/ });
    const start = await centre(handle);
    const cdp = await page.context().newCDPSession(page);
    const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', x: number, y: number) =>
      cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y }] });
    await touch('touchStart', start.x, start.y);
    for (let k = 1; k <= 4; k++) await touch('touchMove', start.x - 15 * k, start.y + 10 * k);
    expect(await count(page, 'move')).toBeGreaterThanOrEqual(2);
    expect(await count(page, 'drop')).toBe(0);
    await touch('touchEnd', 0, 0);
    await expect.poll(() => count(page, 'drop')).toBe(1);
    const after = await centre(handle);
    expect(after.x).toBeCloseTo(start.x - 60, -1);
    expect(after.y).toBeCloseTo(start.y + 40, -1);
  });
});
