/** Command-line flags of `npm run bench` (see `npm run bench -- --help`). */

export const FIGURES = ['backend', 'fusion', 'ntk', 'training', 'responsiveness', 'load', 'interaction'] as const;
export type Figure = (typeof FIGURES)[number];

export interface BenchOptions {
  quick: boolean;
  only: readonly Figure[];
  /** Timed runs per measurement after warm-up; the median is reported. */
  repeats: number;
  warmup: number;
  /** A measurement predicted (from its FLOPs and the measured matmul peak) to need longer per run is skipped. */
  maxSeconds: number;
  /** Restricts the backends measured: a bare name (cpu) means it everywhere, node:cpu or chromium:cpu one place. */
  backends: readonly string[] | null;
  /** 'build': a fresh production build in a temp folder; 'dist': the existing dist/. */
  site: 'build' | 'dist';
  /** How long the responsiveness figure lets a widget train. */
  trainSeconds: number;
  /** CSS added to the essay page in the responsiveness figure, to measure a proposed fix before making it. */
  css: string | null;
  /** Extra Chromium flags (e.g. to reach a hardware GPU headless), after tests/browser/env.ts's. */
  chromiumArgs: readonly string[];
}

export const USAGE = `npm run bench [-- flags]
  --quick              few repeats, smaller grids, short training (for development)
  --only=a,b           figures to run: ${FIGURES.join(', ')} (default: all)
  --repeats=N          timed repeats per measurement (default 7, quick 3)
  --warmup=N           untimed warm-up runs (default 2, quick 1)
  --max-seconds=S      skip a measurement predicted to take longer than S per run (default 60, quick 5)
  --backends=a,b       only these backends: cpu, wasm, webgpu, webgl, or node:cpu, chromium:wasm …
  --site=build|dist    build the essay into a temp folder (default) or reuse dist/
  --train-seconds=S    how long a widget trains in the responsiveness figure (default 20, quick 6)
  --css=RULES          add these CSS rules to the essay page in the responsiveness figure (try a fix first)
  --chromium-args=A    extra Chromium flags, space-separated (e.g. to reach a hardware GPU headless)`;

function numberFlag(value: string, name: string): number {
  const x = Number(value);
  if (!(Number.isFinite(x) && x >= 0)) throw new Error(`--${name} needs a number ≥ 0, got "${value}"`);
  return x;
}

export function parseOptions(argv: readonly string[]): BenchOptions | 'help' {
  const flags = new Map<string, string>();
  for (const arg of argv) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match) throw new Error(`unknown argument "${arg}"\n${USAGE}`);
    flags.set(match[1], match[2] ?? 'true');
  }
  if (flags.has('help')) return 'help';
  const known = new Set(['quick', 'only', 'repeats', 'warmup', 'max-seconds', 'backends', 'site', 'train-seconds', 'css', 'chromium-args']);
  for (const name of flags.keys()) if (!known.has(name)) throw new Error(`unknown flag --${name}\n${USAGE}`);

  const quick = flags.get('quick') === 'true';
  const list = (name: string) => flags.get(name)?.split(',').map((s) => s.trim()).filter(Boolean);
  const only = list('only') ?? [...FIGURES];
  for (const figure of only) if (!(FIGURES as readonly string[]).includes(figure)) throw new Error(`--only: unknown figure "${figure}"`);
  const site = flags.get('site') ?? 'build';
  if (site !== 'build' && site !== 'dist') throw new Error(`--site must be build or dist, got "${site}"`);
  const num = (name: string, full: number, fast: number) => (flags.has(name) ? numberFlag(flags.get(name)!, name) : quick ? fast : full);
  return {
    quick,
    only: only as Figure[],
    repeats: Math.max(1, Math.round(num('repeats', 7, 3))),
    warmup: Math.round(num('warmup', 2, 1)),
    maxSeconds: num('max-seconds', 60, 5),
    backends: list('backends') ?? null,
    site,
    trainSeconds: num('train-seconds', 20, 6),
    css: flags.get('css') ?? null,
    chromiumArgs: (flags.get('chromium-args') ?? '').split(' ').filter(Boolean),
  };
}

export function wantsBackend(options: Pick<BenchOptions, 'backends'>, where: 'node' | 'chromium', name: string): boolean {
  return options.backends === null || options.backends.includes(name) || options.backends.includes(`${where}:${name}`);
}
