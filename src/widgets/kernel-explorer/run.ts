/** What the kernel explorer asks the worker: the networks to sample, one at a time. Pure: no DOM. */
import type { EngineApi, KernelSample, KernelSampleRequest } from '../../engine/api';
import type { MlpSpec } from '../../lib/ntk';
import type { SettingsOf } from '../../lib/settings';
import { schema } from './schema';
import { CircleGrid, INPUT_DIM } from './theory';

export type KernelExplorerSettings = SettingsOf<typeof schema>;

/** The 61 inputs on the circle: every 6°. */
export const GRID = new CircleGrid(61);

/** Seeds wrap around the seed setting's range. */
export const SEED_COUNT = (schema.find((s) => s.key === 'seed') as { max: number }).max + 1;

/**
 * Samples the networks of `request` one (width, seed) pair per worker call, in the order given,
 * so the page can show each as it arrives, report progress and stop early: a wide, deep network
 * takes seconds on the CPU backend. Stops, without error, once `signal` is aborted.
 */
export async function sampleOneByOne(
  engine: Pick<EngineApi, 'sampleKernels'>,
  request: KernelSampleRequest,
  onSample: (sample: KernelSample, done: number, total: number) => void,
  signal?: AbortSignal,
): Promise<void> {
  const total = request.widths.length * request.seeds.length;
  let done = 0;
  for (const width of request.widths) {
    for (const seed of request.seeds) {
      if (signal?.aborted) return;
      const [sample] = await engine.sampleKernels({ ...request, widths: [width], seeds: [seed] });
      if (signal?.aborted) return;
      onSample(sample, ++done, total);
    }
  }
}

/** The convergence plot's smallest width. */
export const SWEEP_START = 16;

/**
 * Widths for the convergence plot: powers of two from SWEEP_START up to the chosen width (skipping
 * one closer to it than a factor 1.5), then the chosen width itself, doubled until there are three
 * widths to fit a slope through.
 */
export function sweepWidths(width: number): number[] {
  const widths: number[] = [];
  for (let w = SWEEP_START; w < width / 1.5; w *= 2) widths.push(w);
  widths.push(width);
  while (widths.length < 3) widths.push(2 * widths[widths.length - 1]);
  return widths;
}

export function networkSpec(v: Pick<KernelExplorerSettings, 'depth' | 'activation' | 'wstd' | 'bstd'>): MlpSpec {
  return { depth: v.depth, activation: v.activation, wStd: v.wstd, bStd: v.bstd };
}

/**
 * Every network to sample for the settings: `seeds` consecutive seeds from `seed`, at the chosen
 * width first (its samples are the cloud on the first plot), then at the other widths of the sweep.
 */
export function samplingRequest(v: KernelExplorerSettings): KernelSampleRequest {
  const seeds = Array.from({ length: v.seeds }, (_, i) => (v.seed + i) % SEED_COUNT);
  const widths = [v.width, ...sweepWidths(v.width).filter((w) => w !== v.width)];
  return { network: { ...networkSpec(v), inputDim: INPUT_DIM, parameterization: 'ntk' }, widths, seeds, x1: GRID.inputs };
}
