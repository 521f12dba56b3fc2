import type { EngineApi, KernelSample, KernelSampleRequest } from '../../engine/api';

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
