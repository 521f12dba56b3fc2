/**
 * `npm run bench`: how fast the kernel and the training are, against the naive way and against
 * the limit (issue 5). Prints one Markdown table per figure; progress goes to stderr.
 *   0 backend         which backend the essay's worker picks, and each backend's measured speed (Chromium)
 *   0 fusion          the fused GD step against the unfused one it replaced (Node: cpu, wasm; Chromium: all four)
 *   1 ntk             structured empirical NTK vs full-Jacobian baselines (Node: cpu, wasm)
 *   2 training        GD steps/s with and without the per-frame read-back, kernel dispatches per step
 *                     (Node: cpu, wasm; headless Chromium: webgpu, webgl, wasm, cpu)
 *   3 responsiveness  long tasks, frame intervals and time to first plot while a widget trains (Chromium)
 *   4 load            JavaScript needed before the essay's text is readable, and what loads lazily
 *   5 interaction     slider input → theory redrawn, settled change while playing → first new step (Chromium)
 * Flags: npm run bench -- --help
 */
import os from 'node:os';
import { backendFigure } from './backend';
import { fusionFigure } from './fusion';
import { interactionFigure } from './interaction';
import { loadFigure } from './load';
import { ntkFigure } from './ntk';
import { parseOptions, USAGE, type BenchOptions, type Figure } from './options';
import { responsivenessFigure } from './responsiveness';
import { openSite, type Site } from './site';
import { trainingFigure } from './training';

const FIGURE_RUNNERS: Record<Figure, (options: BenchOptions, site: Site) => Promise<void>> = {
  backend: backendFigure,
  fusion: fusionFigure,
  ntk: ntkFigure,
  training: trainingFigure,
  responsiveness: responsivenessFigure,
  load: loadFigure,
  interaction: interactionFigure,
};

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (options === 'help') {
    console.log(USAGE);
    return;
  }
  const cpus = os.cpus();
  console.log(`# npm run bench ${process.argv.slice(2).join(' ')}`.trimEnd());
  console.log(`\n${new Date().toISOString()}; Node ${process.version}; ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}; ${options.repeats} repeats after ${options.warmup} warm-up, medians.`);
  // Starts nothing until a figure asks for the build, the harness server or the browser.
  const site = openSite(options);
  try {
    for (const figure of options.only) {
      console.error(`\n[bench] ${figure}…`);
      await FIGURE_RUNNERS[figure](options, site);
    }
  } finally {
    await site.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
