/**
 * Figure: what fusing the GD step bought (issue 13). For each backend, the fused step and the
 * unfused one it replaced, timed in alternating rounds on the same network (./fusionMeasure.ts):
 * in Node (cpu, wasm) and in headless Chromium (webgpu, webgl, wasm, cpu) through
 * tests/bench/harness/fusion.html.
 */
import { CHUNK } from '../../src/lib/nn';
import { NODE_BACKENDS, useNodeBackend } from './nodeBackend';
import { FUSION_SHAPES, measureFusion, type FusionMeasurement } from './fusionMeasure';
import type { FusionHarnessResult } from './harness/fusion';
import { wantsBackend, type BenchOptions } from './options';
import type { Site } from './site';
import { fmt, printTable } from './table';
import { shapeLabel } from './workloads';

const BROWSER_BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;

interface Row {
  where: string;
  m: FusionMeasurement;
}

/** The CPU backend takes seconds per step at width 1024; it is only measured on the small shapes. */
const maxWidth = (backend: string, options: BenchOptions) => (backend === 'cpu' || options.quick ? 512 : Infinity);

function progress(where: string, m: FusionMeasurement): void {
  console.error(`  fusion ${where} ${shapeLabel(m.shape)}: ${fmt(m.unfusedMs, 2)} → ${fmt(m.fusedMs, 2)} ms/step`);
}

async function nodeRows(options: BenchOptions, rounds: number): Promise<Row[]> {
  const rows: Row[] = [];
  for (const name of NODE_BACKENDS.filter((b) => wantsBackend(options, 'node', b))) {
    const where = `Node ${await useNodeBackend(name)}`;
    for (const shape of FUSION_SHAPES.filter((s) => s.width <= maxWidth(name, options))) {
      const m = await measureFusion(shape, rounds);
      progress(where, m);
      rows.push({ where, m });
    }
  }
  return rows;
}

async function browserRows(options: BenchOptions, site: Site, rounds: number, notes: string[]): Promise<Row[]> {
  const rows: Row[] = [];
  const backends = BROWSER_BACKENDS.filter((b) => wantsBackend(options, 'chromium', b));
  if (backends.length === 0) return rows;
  const [origin, browser] = await Promise.all([site.harnessOrigin(), site.browser()]);
  for (const backend of backends) {
    const where = `Chromium ${backend}`;
    const page = await browser.newPage();
    try {
      const limit = maxWidth(backend, options);
      await page.goto(`${origin}/tests/bench/harness/fusion.html?backend=${backend}&rounds=${rounds}&maxWidth=${limit}`, { timeout: 120_000 });
      await page.waitForFunction(() => window.__fusionBench !== undefined, undefined, { timeout: 900_000, polling: 1000 });
      const result = (await page.evaluate(() => window.__fusionBench)) as FusionHarnessResult;
      if (result.error) notes.push(`${where}: did not run (${result.error})`);
      for (const m of result.rows) {
        progress(where, m);
        rows.push({ where, m });
      }
    } finally {
      await page.close();
    }
  }
  return rows;
}

export async function fusionFigure(options: BenchOptions, site: Site): Promise<void> {
  const rounds = options.quick ? 5 : 2 * options.repeats + 1;
  const notes: string[] = [];
  const rows = [...(await nodeRows(options, rounds)), ...(await browserRows(options, site, rounds, notes))];
  const count = (c: { kernels: number; reshapes: number }) => `${c.kernels - c.reshapes} (+${c.reshapes})`;
  printTable(
    'Fused GD step against the unfused step it replaced, same network and data, alternating rounds, medians',
    [
      { label: 'where, backend', value: (r) => r.where, align: 'left' },
      { label: 'n', value: (r) => String(r.m.shape.n) },
      { label: 'width', value: (r) => String(r.m.shape.width) },
      { label: 'depth', value: (r) => String(r.m.shape.depth) },
      { label: 'unfused steps/s', value: (r) => fmt(1e3 / r.m.unfusedMs, 0) },
      { label: 'fused steps/s', value: (r) => fmt(1e3 / r.m.fusedMs, 0) },
      { label: 'speed-up', value: (r) => `${fmt(r.m.unfusedMs / r.m.fusedMs, 2)}×` },
      { label: 'kernels/step unfused → fused', value: (r) => `${count(r.m.unfused)} → ${count(r.m.fused)}` },
      { label: 'GPU programs/step', value: (r) => (r.m.unfused.gpuPrograms === null ? '–' : `${r.m.unfused.gpuPrograms} → ${r.m.fused.gpuPrograms}`) },
    ],
    rows,
    [
      `A round is ${CHUNK} steps and one read-back that waits for them; ${rounds} rounds of each, alternating, after one untimed round each.`,
      'kernels: tfjs kernels that compute (+ reshapes, which move no data and launch no program); GPU programs: shader dispatches on WebGL/WebGPU.',
      'Unfused: the step as it was before the fusion (tests/unit/nn/storedNetwork.ts), run here on the same backend settings (WebGL unpacked).',
      ...notes,
    ],
  );
}
