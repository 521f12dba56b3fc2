/**
 * What every widget spec does: open the essay at a widget with settings in the URL, watch the
 * console, read readouts, drive the kit's transport, count the worker's calls, and check the live
 * behaviour every training widget shares (issue: "widgets that answer while you drag").
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { SITE } from '../env';

/**
 * The first run on a page compiles every shader on SwiftShader: seconds on an idle machine, but
 * measured at over a minute on a loaded two-core one, so the waits are generous.
 */
export const READY = { timeout: 240_000 };

/** Console errors and uncaught exceptions, collected for the end of a test. */
export function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  return problems;
}

/** The essay with `query`, scrolled to the widget `name`. */
export async function openWidget(page: Page, name: string, query = ''): Promise<Locator> {
  await page.goto(`${SITE}/${query}`);
  const widget = page.locator(`#widget-${name}`);
  await widget.scrollIntoViewIfNeeded();
  return widget;
}

/** A readout's number (its data-value, unformatted); NaN when it has none yet. */
export async function readout(widget: Locator, key: string): Promise<number> {
  const value = await widget.locator(`[data-readout="${key}"]`).first().getAttribute('data-value');
  // Number(null) is 0: a readout still showing "–" must not read as zero.
  return value === null ? NaN : Number(value);
}

export const step = (widget: Locator) => readout(widget, 'step');

/** Attributes of every SVG element that hold NaN or Infinity. */
export const badSvgAttributes = (widget: Locator) =>
  widget.locator('svg, svg *').evaluateAll((els) =>
    els.flatMap((el) => [...el.attributes].filter((a) => /NaN|Infinity/.test(a.value)).map((a) => `${el.tagName} ${a.name}="${a.value}"`)),
  );

export async function play(widget: Locator): Promise<void> {
  const train = widget.getByRole('button', { name: 'Train', exact: true });
  await expect(train).toBeEnabled(READY);
  await train.click();
}

/** Presses play and waits until the counter shows `steps`. */
export async function trainTo(widget: Locator, steps: number): Promise<void> {
  await play(widget);
  await expect(widget.locator('[data-readout="step"]')).toHaveAttribute('data-value', String(steps), READY);
}

/** How often the page's worker has been asked each thing (src/engine/api.ts callCounts). */
export function engineCalls(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const engine = (globalThis as Record<symbol, { callCounts(): Promise<Record<string, number>> }>)[Symbol.for('ntk.engine')];
    return engine.callCounts();
  });
}

/** How many runs the page's worker has been asked to create (a new network each). */
export const createdRuns = async (page: Page) => (await engineCalls(page)).createRun ?? 0;

/**
 * Holds `key` on a training point: the curve `drawn` reads must change before the key is let go
 * with no network built meanwhile (400 ms), and letting it go must build exactly one.
 */
export async function expectHeldKeyDrag(page: Page, point: Locator, drawn: () => Promise<string | null>, key: string): Promise<void> {
  const calls = await createdRuns(page);
  const before = await drawn();
  await point.focus();
  await page.keyboard.down(key);
  await expect.poll(drawn).not.toBe(before);
  await page.waitForTimeout(400);
  expect(await createdRuns(page)).toBe(calls);
  await page.keyboard.up(key);
  await expect.poll(() => createdRuns(page), READY).toBe(calls + 1);
}

/** A control in view or under "More settings" (opened if need be). */
async function control(widget: Locator, role: 'slider' | 'textbox', name: RegExp): Promise<Locator> {
  const found = widget.getByRole(role, { name });
  if (!(await found.isVisible())) await widget.locator('.more-settings > summary').click();
  await expect(found).toBeVisible();
  return found;
}

/** A slider in view or under "More settings" (opened if need be). */
export const slider = (widget: Locator, name: RegExp) => control(widget, 'slider', name);

/** A text field (e.g. a list of widths) in view or under "More settings". */
export const textField = (widget: Locator, name: RegExp) => control(widget, 'textbox', name);

/**
 * Moves `control` by one input event and reports whether the path of series `series` (a theory
 * curve) changed before the next animation frame: the theory must redraw within a frame of input.
 */
export function redrawsWithinAFrame(widget: Locator, control: Locator, series: string): Promise<boolean> {
  return control.evaluate(
    async (input: HTMLInputElement, { series }) => {
      const root = input.closest('section')!;
      const path = () => root.querySelector(`path[data-series="${series}"]`)?.getAttribute('d') ?? null;
      const before = path();
      input.value = String(Math.min(Number(input.max), Number(input.value) + Math.round((Number(input.max) - Number(input.min)) / 20)));
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((resolve) => requestAnimationFrame(resolve));
      return before !== null && path() !== before;
    },
    { series },
  );
}

/** How expectLiveRestarts reaches a widget's network and rate controls. */
export interface LiveControls {
  /** A theory curve that follows the rate control (a chart series id). */
  theorySeries: string;
  /** The counter must pass this before a change. */
  minSteps?: number;
  /**
   * For a widget that trains several widths: the list typed into its Widths field to ask for new
   * networks, instead of one keyboard step of the Width slider.
   */
  widths?: number[];
  /** The rate slider's accessible name: by default the learning rate; e.g. /^η ÷/ for a fraction of the limit. */
  rate?: RegExp;
}

/**
 * The live behaviour every training widget shares: play once; while playing, a change of width
 * builds new networks and trains them without another press; a change of the rate restarts from
 * the same networks (no new run, no kernel computation: restartRun calls) and trains without
 * another press; and the theory curve `theorySeries` redraws within a frame of a rate input event.
 */
export async function expectLiveRestarts(page: Page, widget: Locator, { theorySeries, minSteps = 3, widths, rate = /^Learning rate/ }: LiveControls): Promise<void> {
  await play(widget);
  await expect.poll(() => step(widget), READY).toBeGreaterThanOrEqual(minSteps);

  let calls = await engineCalls(page);
  if (widths) {
    const field = await textField(widget, /^Widths/);
    await field.fill(widths.join(', '));
    await field.press('Enter');
  } else {
    const width = await slider(widget, /^Width/);
    await width.focus();
    await page.keyboard.press('ArrowLeft');
  }
  await expect.poll(() => createdRuns(page), READY).toBeGreaterThan(calls.createRun ?? 0);
  await expect.poll(() => step(widget), READY).toBeGreaterThanOrEqual(minSteps);
  await expect(widget.getByRole('button', { name: 'Pause training' })).toBeVisible();

  const lr = await slider(widget, rate);
  calls = await engineCalls(page);
  await lr.focus();
  await page.keyboard.press('ArrowLeft');
  await expect.poll(async () => (await engineCalls(page)).restartRun ?? 0, READY).toBeGreaterThan(calls.restartRun ?? 0);
  await expect.poll(() => step(widget), READY).toBeGreaterThanOrEqual(minSteps);
  const after = await engineCalls(page);
  expect(after.createRun ?? 0).toBe(calls.createRun ?? 0);
  expect(after.sampleKernels ?? 0).toBe(calls.sampleKernels ?? 0);

  expect(await redrawsWithinAFrame(widget, lr, theorySeries)).toBe(true);
}
