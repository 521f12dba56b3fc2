/** Medians, percentiles and repeated timing; shared by the Node and browser halves of the bench. */

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

export const median = (values: readonly number[]) => percentile(values, 50);

export interface RepeatSettings {
  warmup: number;
  repeats: number;
}

export interface Timing {
  medianMs: number;
  samplesMs: number[];
}

/** Runs `run` warmup times untimed, then `repeats` times timed; `run` must wait for its results (read back). */
export async function timeRuns(run: () => Promise<unknown>, { warmup, repeats }: RepeatSettings): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await run();
  const samplesMs: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    await run();
    samplesMs.push(performance.now() - start);
  }
  return { medianMs: median(samplesMs), samplesMs };
}

/**
 * Repeats for a run predicted to take `predictedSeconds`: all of them when cheap, fewer (at least one,
 * with no warm-up beyond the first) when the whole set would exceed `budgetSeconds`.
 */
export function affordableRepeats(settings: RepeatSettings, predictedSeconds: number, budgetSeconds: number): RepeatSettings {
  const runs = Math.floor(budgetSeconds / Math.max(predictedSeconds, 1e-9));
  if (runs >= settings.warmup + settings.repeats) return settings;
  return { warmup: runs >= 3 ? 1 : 0, repeats: Math.max(1, runs >= 3 ? runs - 1 : runs) };
}
