/**
 * Figure 3: what a reader feels while a widget trains, in headless Chromium on the built essay:
 * main-thread long tasks (> 50 ms, PerformanceObserver 'longtask'), the frame intervals between
 * requestAnimationFrame callbacks, and the time from pressing Train to the first updated step
 * counter and plot. The widget is the first in the essay whose Train button becomes enabled, so
 * the figure keeps working while widgets change.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { traceMainThread, WORK_KINDS, type MainThreadBreakdown } from './mainThreadTrace';
import type { BenchOptions } from './options';
import { wantsBackend } from './options';
import type { Site } from './site';
import { percentile } from './stats';
import { fmt, printTable } from './table';

const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
const TRAIN = 'button[aria-label="Train"]';
const PAUSE = 'button[aria-label="Pause training"]';
const COUNTER = '[aria-label="Training controls"] output';
const IDLE_SECONDS = 2;

interface BenchWindow {
  __perf: { longTasks: { start: number; duration: number }[]; frames: number[]; marks: Record<string, number> };
  __benchPressTrain(root: Element, selectors: { train: string; pause: string; counter: string }): void;
}

/**
 * Installed before the page's own scripts (as a string: functions handed to page.evaluate must not
 * contain named inner functions, which the TypeScript loader wraps in a helper the page lacks).
 * Records every long task and animation frame from the start, and defines __benchPressTrain, which
 * clicks Train and marks when the step counter and the plots first change and when training stops.
 */
const RECORDER = `
window.__perf = { longTasks: [], frames: [], marks: {} };
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.__perf.longTasks.push({ start: e.startTime, duration: e.duration });
}).observe({ type: 'longtask', buffered: true });
function tick(t) { window.__perf.frames.push(t); requestAnimationFrame(tick); }
requestAnimationFrame(tick);
window.__benchPressTrain = (root, selectors) => {
  const marks = window.__perf.marks;
  function firstChange(node, key) {
    if (!node) return;
    const observer = new MutationObserver(() => { marks[key] = performance.now(); observer.disconnect(); });
    observer.observe(node, { subtree: true, childList: true, characterData: true, attributes: true });
  }
  firstChange(root.querySelector(selectors.counter), 'counter');
  firstChange(root.querySelector('.plots'), 'plot');
  const poll = setInterval(() => {
    if (root.querySelector(selectors.pause)) marks.lastRunning = performance.now();
    else if (marks.lastRunning !== undefined) clearInterval(poll);
  }, 100);
  marks.play = performance.now();
  root.querySelector(selectors.train).click();
};
`;

interface TimeRange {
  start: number;
  end: number;
}

interface Row {
  backend: string;
  widget: string;
  error?: string;
  idleP95?: number;
  frameP50?: number;
  frameP95?: number;
  frameMax?: number;
  longTasks?: number;
  longestTask?: number;
  firstCounterMs?: number;
  firstPlotMs?: number;
  steps?: number;
  trainedSeconds?: number;
  mainThread?: MainThreadBreakdown;
  tracedSeconds?: number;
}

/** Scrolls each widget slot into view in turn until one shows an enabled Train button. */
async function findTrainableWidget(page: Page): Promise<{ slot: Locator; name: string } | null> {
  const slots = page.locator('[data-widget]');
  const count = await slots.count();
  for (let i = 0; i < count; i++) {
    const slot = slots.nth(i);
    const name = (await slot.getAttribute('data-widget')) ?? `widget ${i + 1}`;
    await slot.scrollIntoViewIfNeeded();
    // Loaded (a widget frame), failed, or still a placeholder after the wait: judge by the Train button.
    await slot.locator('section.widget, .failed').first().waitFor({ timeout: 20_000 }).catch(() => {});
    const train = slot.locator(TRAIN).first();
    if ((await train.count()) === 0) continue;
    try {
      await train.waitFor({ state: 'visible', timeout: 5_000 });
      await page.waitForFunction((el) => !(el as HTMLButtonElement).disabled, await train.elementHandle(), { timeout: 60_000 });
      return { slot, name };
    } catch {
      continue;
    }
  }
  return null;
}

async function pressTrain(slot: Locator): Promise<void> {
  await slot.evaluate((root, selectors) => (window as unknown as BenchWindow).__benchPressTrain(root, selectors), { train: TRAIN, pause: PAUSE, counter: COUNTER });
}

async function framesAndTasks(page: Page, range: TimeRange) {
  return page.evaluate(({ start, end }) => {
    const perf = (window as unknown as BenchWindow).__perf;
    const frames = perf.frames.filter((t) => t >= start && t <= end);
    const intervals = frames.slice(1).map((t, i) => t - frames[i]);
    const tasks = perf.longTasks.filter((t) => t.start >= start && t.start <= end).map((t) => t.duration);
    return { intervals, tasks };
  }, range);
}

async function measureBackend(browser: Browser, page: Page, url: string, backend: string, options: BenchOptions): Promise<Row> {
  await page.addInitScript(RECORDER);
  await page.goto(`${url}?backend=${backend}`);
  await page.locator('h2').first().waitFor();
  if (options.css) await page.addStyleTag({ content: options.css });
  const found = await findTrainableWidget(page);
  if (!found) return { backend, widget: '–', error: 'no widget with an enabled Train button' };
  const { slot, name } = found;
  const chosen = await page.evaluate(() => document.querySelector('[data-backend]')?.getAttribute('data-backend') ?? '');
  const label = chosen && chosen !== backend ? `${backend} (got ${chosen})` : backend;

  await page.waitForTimeout(1000);
  const idleStart = await page.evaluate(() => performance.now());
  await page.waitForTimeout(IDLE_SECONDS * 1000);
  const idle = await framesAndTasks(page, { start: idleStart, end: idleStart + IDLE_SECONDS * 1000 });

  let tracedSeconds = 0;
  const mainThread = await traceMainThread(browser, page, async () => {
    const started = Date.now();
    await pressTrain(slot);
    // Until the run ends (its Pause button goes) or the time is up, so the trace covers training only.
    const pause = slot.locator(PAUSE).first();
    await pause.waitFor({ state: 'attached', timeout: 2_000 }).catch(() => {});
    await pause.waitFor({ state: 'detached', timeout: options.trainSeconds * 1000 }).catch(() => {});
    tracedSeconds = (Date.now() - started) / 1000;
  });
  const marks = await page.evaluate(() => (window as unknown as BenchWindow).__perf.marks);
  const now = await page.evaluate(() => performance.now());
  const end = marks.lastRunning !== undefined && !(await slot.locator(PAUSE).count()) ? marks.lastRunning : now;
  const { intervals, tasks } = await framesAndTasks(page, { start: marks.play, end });
  const counterText = await slot.locator(COUNTER).first().textContent().catch(() => null);
  if (await slot.locator(PAUSE).count()) await slot.locator(PAUSE).first().click();
  return {
    backend: label,
    widget: name,
    idleP95: percentile(idle.intervals, 95),
    frameP50: percentile(intervals, 50),
    frameP95: percentile(intervals, 95),
    frameMax: Math.max(...intervals),
    longTasks: tasks.length,
    longestTask: tasks.length ? Math.max(...tasks) : 0,
    firstCounterMs: marks.counter === undefined ? undefined : marks.counter - marks.play,
    firstPlotMs: marks.plot === undefined ? undefined : marks.plot - marks.play,
    steps: counterText === null ? undefined : Number(counterText),
    trainedSeconds: (end - marks.play) / 1000,
    mainThread,
    tracedSeconds,
  };
}

export async function responsivenessFigure(options: BenchOptions, site: Site): Promise<void> {
  const [{ url, description }, browser] = await Promise.all([site.built(), site.browser()]);
  const rows: Row[] = [];
  for (const backend of BACKENDS.filter((b) => wantsBackend(options, 'chromium', b))) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      const row = await measureBackend(browser, page, url, backend, options);
      rows.push(row);
      console.error(`  responsiveness ${backend}: ${row.error ?? `${row.widget}, p95 frame ${fmt(row.frameP95)} ms, ${row.longTasks} long tasks`}`);
    } catch (err) {
      rows.push({ backend, widget: '–', error: err instanceof Error ? err.message.split('\n')[0] : String(err) });
    } finally {
      await page.close();
    }
  }
  const cell = (pick: (r: Row) => number | undefined, digits = 1) => (r: Row) => (r.error ? r.error : fmt(pick(r), digits));
  printTable(
    'Responsiveness: the main thread while a widget trains (headless Chromium, built essay)',
    [
      { label: '?backend=', value: (r) => r.backend, align: 'left' },
      { label: 'widget', value: (r) => r.widget, align: 'left' },
      { label: 'idle p95 frame ms', value: cell((r) => r.idleP95) },
      { label: 'p50 frame ms', value: cell((r) => r.frameP50) },
      { label: 'p95 frame ms', value: cell((r) => r.frameP95) },
      { label: 'max frame ms', value: cell((r) => r.frameMax, 0) },
      { label: 'long tasks', value: cell((r) => r.longTasks, 0) },
      { label: 'longest task ms', value: cell((r) => r.longestTask, 0) },
      { label: 'Train → counter ms', value: cell((r) => r.firstCounterMs, 0) },
      { label: 'Train → plot ms', value: cell((r) => r.firstPlotMs, 0) },
      { label: 'steps', value: cell((r) => r.steps, 0) },
      { label: 'trained s', value: cell((r) => r.trainedSeconds, 1) },
      ...WORK_KINDS.map((kind) => ({ label: `${kind} ms/s`, value: cell((r) => (r.mainThread && r.tracedSeconds ? r.mainThread.ms[kind] / r.tracedSeconds : undefined), 0) })),
      { label: 'largest repaint', value: (r: Row) => (r.mainThread?.largestPaint ? `${r.mainThread.largestPaint.width}×${r.mainThread.largestPaint.height} px ×${r.mainThread.largestPaint.count}` : '–') },
    ],
    rows,
    [
      `Site: ${description}. The widget trains at its default settings for up to ${options.trainSeconds} s (less if its run ends).${options.css ? ` Extra CSS: \`${options.css}\`.` : ''}`,
      'Frame intervals: gaps between requestAnimationFrame callbacks on the main thread while training; idle: the same widget before Train is pressed.',
      'Long tasks: main-thread tasks over 50 ms (PerformanceObserver longtask) while training.',
      'Train → counter / plot: from the click to the first change of the step counter / of any node inside the widget\'s plots.',
      `paint, layout, script, gc ms/s: main-thread self time per second of training, from a Chromium performance trace (devtools.timeline; tracing itself costs a little); largest repaint: the biggest region the main thread re-recorded, and how many times.`,
    ],
  );
}
