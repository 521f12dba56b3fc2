/**
 * Figure 5 (issue 10): how fast each training widget answers the reader, in headless Chromium on
 * the built essay, per backend (WASM and CPU by default):
 *   - theory: from a learning-rate slider's input event to the first change of a drawn curve
 *     (the predictions are computed on the page, so this is one Svelte update; target one frame, 16 ms);
 *   - restart: while playing, from the key press that changes the width (a committed change, so no
 *     debounce) to the first plotted step of the new run (a new network and K₀ in the worker, the
 *     page's theory for them, one chunk; target 250 ms).
 * p95 over the repeats; the widget defaults.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import type { BenchOptions } from './options';
import { wantsBackend } from './options';
import type { Site } from './site';
import { percentile } from './stats';
import { fmt, printTable } from './table';

const BACKENDS = ['wasm', 'cpu', 'webgpu', 'webgl'] as const;
/** The training widgets; the others sample kernels and have no run to restart. */
const WIDGETS = ['network-vs-linearisation', 'frozen-kernel-dynamics', 'eigenmode-decay', 'data-geometry', 'ntk-drift', 'lazy-vs-rich', 'function-space'];
const READY_MS = 240_000;

interface Row {
  backend: string;
  widget: string;
  error?: string;
  theoryP50?: number;
  theoryP95?: number;
  restartP50?: number;
  restartP95?: number;
  samples?: string;
}

/**
 * Moves the range input one stop and resolves with the milliseconds until any drawn curve of the
 * widget changes (null if none does within 500 ms). A string, not a function: see responsiveness.ts.
 */
const TIME_REDRAW = `async (input, { up }) => {
  const root = input.closest('section');
  const t0 = performance.now();
  const changed = new Promise((resolve) => {
    const observer = new MutationObserver(() => { observer.disconnect(); resolve(performance.now() - t0); });
    observer.observe(root.querySelector('.plots'), { subtree: true, attributes: true, attributeFilter: ['d', 'cx', 'cy'] });
    setTimeout(() => { observer.disconnect(); resolve(null); }, 500);
  });
  const step = Math.max(1, Math.round((Number(input.max) - Number(input.min)) / 40));
  input.value = String(Number(input.value) + (up ? step : -step));
  input.dispatchEvent(new Event('input', { bubbles: true }));
  return changed;
}`;

/**
 * Resolves with the milliseconds from the next key press in the page (the one that changes the width
 * or commits the typed widths) until the step counter, having gone back to 0, shows a step of the
 * new run (null after 10 s). Installed before that key press, so Playwright's own round trips to
 * focus the control and send the key are not counted.
 */
const ARM_RESTART = `(counter) => {
  let t0 = performance.now();
  window.addEventListener('keydown', () => { t0 = performance.now(); }, { capture: true, once: true });
  window.__restart = new Promise((resolve) => {
    let reset = false;
    const observer = new MutationObserver(() => {
      const step = Number(counter.getAttribute('data-value'));
      if (step === 0) reset = true;
      else if (reset && step > 0) { observer.disconnect(); resolve(performance.now() - t0); }
    });
    observer.observe(counter, { attributes: true, attributeFilter: ['data-value'] });
    setTimeout(() => { observer.disconnect(); resolve(null); }, 10000);
  });
}`;

/** A control in view or under "More settings" (opened if need be); null where the widget has none. */
async function control(widget: Locator, role: 'slider' | 'textbox', name: RegExp): Promise<Locator | null> {
  const found = widget.getByRole(role, { name, includeHidden: true }).first();
  if ((await found.count()) === 0) return null;
  if (!(await found.isVisible())) await widget.locator('.more-settings > summary').click();
  return found;
}

async function measureWidget(page: Page, url: string, backend: string, name: string, repeats: number): Promise<Row> {
  const row: Row = { backend, widget: name };
  await page.goto(`${url}?backend=${backend}`);
  const widget = page.locator(`#widget-${name}`);
  await widget.scrollIntoViewIfNeeded();
  const train = widget.getByRole('button', { name: 'Train', exact: true });
  await train.waitFor({ state: 'visible', timeout: READY_MS });
  await page.waitForFunction((el) => !(el as HTMLButtonElement).disabled, await train.elementHandle(), { timeout: READY_MS });

  const lr = (await control(widget, 'slider', /^(Learning rate|η ÷)/))!;
  const theory: number[] = [];
  for (let i = 0; i < 2 * repeats; i++) {
    const ms = (await lr.evaluate(new Function(`return ${TIME_REDRAW}`)() as never, { up: i % 2 === 0 } as never)) as number | null;
    if (ms !== null) theory.push(ms);
    await page.waitForTimeout(150);
  }

  await train.click();
  const counter = widget.locator('[data-readout="step"]').first();
  await page.waitForFunction((el) => Number(el!.getAttribute('data-value')) >= 3, await counter.elementHandle(), { timeout: READY_MS });
  const width = await control(widget, 'slider', /^Width/);
  const widths = width ? null : (await control(widget, 'textbox', /^Widths/))!;
  const restart: number[] = [];
  for (let i = 0; i < repeats; i++) {
    await counter.evaluate(new Function(`return ${ARM_RESTART}`)() as never);
    if (width) {
      await width.focus();
      await page.keyboard.press(i % 2 === 0 ? 'ArrowLeft' : 'ArrowRight');
    } else {
      await widths!.fill(i % 2 === 0 ? '64,256,512' : '64,256,1024');
      await widths!.press('Enter');
    }
    const ms = (await page.evaluate(() => (window as unknown as { __restart: Promise<number | null> }).__restart)) as number | null;
    if (ms !== null) restart.push(ms);
    await page.waitForTimeout(300);
  }
  Object.assign(row, {
    theoryP50: percentile(theory, 50),
    theoryP95: percentile(theory, 95),
    restartP50: percentile(restart, 50),
    restartP95: percentile(restart, 95),
    samples: `${theory.length} / ${restart.length}`,
  });
  return row;
}

export async function interactionFigure(options: BenchOptions, site: Site): Promise<void> {
  const [{ url, description }, browser]: [{ url: string; description: string }, Browser] = await Promise.all([site.built(), site.browser()]);
  const repeats = options.quick ? 5 : 20;
  const rows: Row[] = [];
  const backends = BACKENDS.filter((b) => (options.backends === null ? b === 'wasm' || b === 'cpu' : wantsBackend(options, 'chromium', b)));
  for (const backend of backends) {
    for (const name of WIDGETS) {
      console.error(`[bench] interaction: ${name} on ${backend}…`);
      // Reduced motion: the first-screen figure then waits for Train like the others.
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
      try {
        rows.push(await measureWidget(page, url, backend, name, repeats));
      } catch (err) {
        rows.push({ backend, widget: name, error: err instanceof Error ? err.message.split('\n')[0] : String(err) });
      } finally {
        await page.close();
      }
    }
  }
  const ms = (v: number | undefined, r: Row) => (r.error ? '–' : `${fmt(v)} ms`);
  printTable(
    '5. Interaction: slider input → theory redrawn, and a settled width change while playing → first step of the new run',
    [
      { label: 'backend', value: (r) => r.backend, align: 'left' },
      { label: 'widget', value: (r) => r.widget, align: 'left' },
      { label: 'theory p50', value: (r) => ms(r.theoryP50, r) },
      { label: 'theory p95 (≤ 16 ms)', value: (r) => ms(r.theoryP95, r) },
      { label: 'restart p50', value: (r) => ms(r.restartP50, r) },
      { label: 'restart p95 (≤ 250 ms)', value: (r) => ms(r.restartP95, r) },
      { label: 'samples (theory / restart)', value: (r) => r.error ? `failed: ${r.error}` : (r.samples ?? '') },
    ],
    rows,
    [`Headless Chromium on ${description}; widget defaults; ${repeats} restarts and ${2 * repeats} slider events per widget. Theory: from the input event to the first changed curve attribute (a MutationObserver). Restart: from the keydown event in the page to the step counter showing the new run's first step.`],
  );
}
