/**
 * Figure 0: which backend the essay picks here, and what each backend measured. Loads a page that
 * starts the essay's own training worker and asks it to select (tests/bench/harness/backend.html),
 * several times in fresh pages, and prints each run and the per-backend medians. Nothing here is
 * specific to this machine: on a machine with a GPU the same command times the hardware adapter.
 */
import type { BackendAttempt, BackendName } from '../../src/lib/nn';
import { BACKENDS } from '../../src/lib/nn/backendNames';
import type { BackendBenchResult } from './harness/backend';
import type { BenchOptions } from './options';
import type { Site } from './site';
import { median } from './stats';
import { fmt, printTable } from './table';

const LABELS: Record<BackendName, string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU' };

/** "2,903 steps/s (warm-up 0.4 s)", "software, 90 steps/s …", or why it did not run. */
function cell(attempt: BackendAttempt | undefined): string {
  if (!attempt) return '–';
  if (!attempt.ok) return `failed: ${(attempt.reason ?? '').slice(0, 60)}`;
  if (attempt.stepsPerSecond === undefined) return attempt.unmeasured ? 'not timed' : 'works, not timed';
  const software = attempt.software ? 'software, ' : '';
  const warmUp = attempt.warmUpMs === undefined ? '' : ` (warm-up ${fmt(attempt.warmUpMs / 1e3, 1)} s)`;
  return `${software}${Math.round(attempt.stepsPerSecond).toLocaleString('en-US')} steps/s${warmUp}`;
}

async function selectOnce(site: Site, query: string): Promise<BackendBenchResult> {
  const [origin, browser] = await Promise.all([site.harnessOrigin(), site.browser()]);
  const page = await browser.newPage();
  try {
    await page.goto(`${origin}/tests/bench/harness/backend.html${query}`, { timeout: 120_000 });
    await page.waitForFunction(() => window.__backendBench !== undefined, undefined, { timeout: 180_000, polling: 250 });
    return (await page.evaluate(() => window.__backendBench))!;
  } finally {
    await page.close();
  }
}

export async function backendFigure(options: BenchOptions, site: Site): Promise<void> {
  const runs: BackendBenchResult[] = [];
  const count = options.quick ? 2 : Math.min(options.repeats, 5);
  for (let i = 0; i < count; i++) {
    const result = await selectOnce(site, '');
    console.error(`  backend run ${i + 1}: ${result.error ?? `${result.selection!.backend} in ${fmt(result.selectionMs / 1e3, 1)} s`}`);
    runs.push(result);
  }
  const attemptOf = (run: BackendBenchResult, name: BackendName) => run.selection?.attempts.find((a) => a.name === name);
  printTable(
    'Backend selection: what the essay’s worker measured and chose, one fresh page per run',
    [
      { label: 'run', value: (r) => String(runs.indexOf(r) + 1) },
      { label: 'chosen', value: (r) => (r.selection ? `${LABELS[r.selection.backend]} (${r.selection.chosenBy})` : `none: ${r.error}`), align: 'left' },
      ...BACKENDS.map((name) => ({ label: LABELS[name], value: (r: BackendBenchResult) => cell(attemptOf(r, name)), align: 'left' as const })),
      { label: 'selection took', value: (r) => `${fmt(r.selectionMs / 1e3, 1)} s` },
    ],
    runs,
  );
  const adapters = BACKENDS.map((name) => {
    const attempts = runs.map((r) => attemptOf(r, name)).filter((a): a is BackendAttempt => a !== undefined);
    const speeds = attempts.map((a) => a.stepsPerSecond).filter((s): s is number => s !== undefined);
    const adapter = attempts.find((a) => a.adapter)?.adapter;
    const speed = speeds.length > 0 ? `median ${Math.round(median(speeds)).toLocaleString('en-US')} steps/s` : 'not timed';
    return `${LABELS[name]}: ${speed}${adapter ? `; adapter "${adapter}"${attempts.some((a) => a.software) ? ', software' : ''}` : ''}`;
  });
  const chosen = BACKENDS.map((name) => [name, runs.filter((r) => r.selection?.backend === name).length] as const).filter(([, n]) => n > 0);
  console.log(
    [
      '',
      `- Chosen: ${chosen.map(([name, n]) => `${LABELS[name]} in ${n} of ${runs.length}`).join(', ')}.`,
      ...adapters.map((line) => `- ${line}`),
      `- Probe: warm ${runs.find((r) => r.selection)?.selection?.probe ?? '–'}; the timed parts share a 1.5 s budget, warm-ups (shader compilation) not counted; "selection took" includes starting the worker and loading tfjs.`,
      `- ${runs[0]?.userAgent ?? ''}`,
    ].join('\n'),
  );
}
