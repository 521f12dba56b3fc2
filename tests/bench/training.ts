/**
 * Figure 2: full-batch GD throughput (Trainer.step) for the widgets' configurations, with and
 * without the per-frame read-back, and the kernel dispatches one step costs; in Node (cpu, wasm)
 * and in headless Chromium (webgpu, webgl, wasm, cpu) through tests/bench/harness/training.html.
 */
import type { Page } from 'playwright-core';
import type { HarnessResult, HarnessSettings } from './harness/training';
import { NODE_BACKENDS, useNodeBackend } from './nodeBackend';
import { wantsBackend, type BenchOptions } from './options';
import { measureMatMulPeak, type MatMulPeak } from './peak';
import type { Site } from './site';
import { compact, fmt, printTable } from './table';
import { measureTrainingShapes, type TrainingMeasurement, type TrainingOutcome, type TrainingSettings } from './trainingMeasure';
import { parameterCount, shapeLabel, trainingShapes } from './workloads';

const BROWSER_BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;

interface Row {
  where: string;
  outcome: TrainingOutcome;
}

const isMeasured = (o: TrainingOutcome): o is TrainingMeasurement => 'stepMs' in o;

function settingsOf(options: BenchOptions): TrainingSettings {
  return { warmup: options.warmup, repeats: options.repeats, batchMs: options.quick ? 150 : 400 };
}

const peakSize = (options: BenchOptions) => (options.quick ? 512 : 1024);

function progress(where: string, outcome: TrainingOutcome): void {
  const detail = isMeasured(outcome)
    ? `${fmt(outcome.stepMs, 2)} ms/step, read-back ${fmt(outcome.readbackMs, 2)} ms, ${outcome.kernelsPerStep} kernels/step`
    : outcome.skipped;
  console.error(`  training ${where} ${shapeLabel(outcome.shape)}: ${detail}`);
}

async function nodeRows(options: BenchOptions, peaks: string[]): Promise<Row[]> {
  const rows: Row[] = [];
  for (const name of NODE_BACKENDS.filter((b) => wantsBackend(options, 'node', b))) {
    const where = `Node ${await useNodeBackend(name)}`;
    const peak = await measureMatMulPeak(peakSize(options), options);
    peaks.push(describePeak(where, peak));
    const outcomes = await measureTrainingShapes(trainingShapes(options.quick), settingsOf(options), options.maxSeconds, peak, (o) => progress(where, o));
    rows.push(...outcomes.map((outcome) => ({ where, outcome })));
  }
  return rows;
}

function describePeak(where: string, peak: MatMulPeak): string {
  return `${where}: ${peak.size}×${peak.size} matmul ${fmt(peak.gflops, 2)} GFLOP/s`;
}

async function runHarness(page: Page, url: string, timeoutMs: number, where: string): Promise<HarnessResult> {
  page.on('console', (message) => {
    const text = message.text();
    if (text.startsWith('bench-result ')) progress(where, JSON.parse(text.slice('bench-result '.length)) as TrainingOutcome);
  });
  await page.goto(url, { timeout: 120_000 });
  await page.waitForFunction(() => window.__trainingBench !== undefined, undefined, { timeout: timeoutMs, polling: 1000 });
  return (await page.evaluate(() => window.__trainingBench))!;
}

async function browserRows(options: BenchOptions, site: Site, peaks: string[], notes: string[]): Promise<Row[]> {
  const backends = BROWSER_BACKENDS.filter((b) => wantsBackend(options, 'chromium', b));
  if (backends.length === 0) return [];
  const [origin, browser] = await Promise.all([site.harnessOrigin(), site.browser()]);
  const shapes = trainingShapes(options.quick);
  const settings: HarnessSettings = { ...settingsOf(options), shapes, maxSeconds: options.maxSeconds, peakSize: peakSize(options) };
  const rows: Row[] = [];
  for (const backend of backends) {
    const where = `Chromium ${backend}`;
    const page = await browser.newPage();
    try {
      const url = `${origin}/tests/bench/harness/training.html?backend=${backend}&settings=${encodeURIComponent(JSON.stringify(settings))}`;
      const result = await runHarness(page, url, (shapes.length * 4 + 2) * options.maxSeconds * 1e3 + 120_000, where);
      if (result.error) {
        notes.push(`${where}: did not run (${result.error})`);
        continue;
      }
      peaks.push(describePeak(where, result.peak!));
      rows.push(...result.outcomes.map((outcome) => ({ where, outcome })));
    } catch (err) {
      notes.push(`${where}: failed (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`);
    } finally {
      await page.close();
    }
  }
  notes.push(`Chromium ${browser.version()}, headless, harness served by the Vite dev server; training runs on the page's main thread there (in the essay it runs in the worker, same code).`);
  return rows;
}

/** A measured cell; a skipped row says why in its first figure and leaves the rest empty. */
const measured = <T>(pick: (m: TrainingMeasurement) => T, format: (v: T) => string, sayWhy = false) => (row: Row) =>
  isMeasured(row.outcome) ? format(pick(row.outcome)) : sayWhy ? row.outcome.skipped : '–';

export async function trainingFigure(options: BenchOptions, site: Site): Promise<void> {
  const peaks: string[] = [];
  const notes: string[] = [];
  const rows = [...(await nodeRows(options, peaks)), ...(await browserRows(options, site, peaks, notes))];
  const count = (v: number | null) => (v === null ? '–' : String(v));
  printTable(
    'Training: full-batch GD steps (Trainer.step), medians',
    [
      { label: 'where, backend', value: (r) => r.where, align: 'left' },
      { label: 'n', value: (r) => String(r.outcome.shape.n) },
      { label: 'width', value: (r) => String(r.outcome.shape.width) },
      { label: 'depth', value: (r) => String(r.outcome.shape.depth) },
      { label: 'params', value: (r) => compact(parameterCount(r.outcome.shape)) },
      { label: 'ms/step', value: measured((m) => m.stepMs, (v) => fmt(v, v < 10 ? 2 : 0), true) },
      { label: 'steps/s, no read-back', value: measured((m) => 1e3 / m.stepMs, (v) => fmt(v, 0)) },
      { label: 'read-back ms', value: measured((m) => m.readbackMs, (v) => fmt(v, v < 10 ? 2 : 0)) },
      { label: 'steps/s, read-back every step', value: measured((m) => 1e3 / m.perFrameMs, (v) => fmt(v, 0)) },
      { label: 'GFLOP/s', value: measured((m) => m.stepGflops, (v) => fmt(v, 2)) },
      { label: 'kernels/step', value: measured((m) => m.kernelsPerStep, String) },
      { label: 'GPU programs/step', value: measured((m) => m.gpuProgramsPerStep, count) },
      { label: 'kernels/read-back', value: measured((m) => m.kernelsPerReadback, String) },
    ],
    rows,
    [
      ...peaks,
      'ms/step: a batch of k steps with one read-back at the end, minus that read-back, over k; read-back: step(0), the outputs on the n training points and the 256-point plotting grid plus the parameter movement, read back in one transfer.',
      'steps/s, read-back every step: step(1), what plots that redraw after every step get; a frame of k steps costs k·(ms/step) + read-back.',
      'kernels: tfjs engine kernel calls (each op is one); GPU programs: shader dispatches the WebGL/WebGPU backend launched for them.',
      `skip: predicted (from FLOPs and the matmul rate) to take over ${3 * options.maxSeconds} s to measure (--max-seconds=${options.maxSeconds}).`,
      ...notes,
    ],
  );
}
