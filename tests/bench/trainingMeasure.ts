/**
 * Training throughput of one configuration on the current backend, in Node or in a browser page:
 * full-batch GD through Trainer.step, exactly as the training worker runs it.
 *   step(0)  is the per-frame read-back alone (train and plotting-grid outputs, parameter movement);
 *   step(k)  is k GD steps with nothing read back, then that read-back.
 * So a frame of k steps costs k·stepMs + readbackMs, and the plots at one step per frame run at
 * 1000 / (stepMs + readbackMs) steps/s.
 */
import { Trainer } from '../../src/lib/nn';
import { countDispatches } from './dispatches';
import { readbackFlops, trainingStepFlops } from './flops';
import type { MatMulPeak } from './peak';
import { timeRuns, type RepeatSettings } from './stats';
import { benchData, benchNetwork, type Shape } from './workloads';

export interface TrainingMeasurement {
  shape: Shape;
  /** One GD step without any read-back (amortised over a batch of batchSteps). */
  stepMs: number;
  batchSteps: number;
  /** step(0): the read-back one plotted frame needs. */
  readbackMs: number;
  /** step(1), one read-back per step: what one-step-per-frame plots get. */
  perFrameMs: number;
  stepGflops: number;
  kernelsPerStep: number;
  kernelsPerReadback: number;
  gpuProgramsPerStep: number | null;
  gpuProgramsPerReadback: number | null;
}

export interface TrainingSettings extends RepeatSettings {
  /** A batch of steps (for the no-read-back rate) lasts about this long. */
  batchMs: number;
}

/** Small enough that GD stays stable for every shape here (η < 2n/λ_max), so no run freezes on divergence. */
const LEARNING_RATE = 0.05;

export async function measureTraining(shape: Shape, settings: TrainingSettings): Promise<TrainingMeasurement> {
  const trainer = await Trainer.create(benchNetwork(shape), benchData(shape.n), { lr: LEARNING_RATE });
  try {
    const readback = await timeRuns(() => trainer.step(0), settings);
    const perFrame = await timeRuns(() => trainer.step(1), settings);
    const batchSteps = Math.max(2, Math.min(200, Math.round(settings.batchMs / Math.max(perFrame.medianMs - readback.medianMs, 0.05))));
    const batch = await timeRuns(() => trainer.step(batchSteps), { warmup: 0, repeats: settings.repeats });
    // Each batch ends in one read-back; subtract the read-back measured alone.
    const stepMs = Math.max(0, (batch.medianMs - readback.medianMs) / batchSteps);

    const once = await countDispatches(() => trainer.step(1));
    const readbackOnly = await countDispatches(() => trainer.step(0));
    if (trainer.record.diverged) throw new Error(`training diverged at ${JSON.stringify(shape)}; lower LEARNING_RATE`);
    const minus = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);
    return {
      shape,
      stepMs,
      batchSteps,
      readbackMs: readback.medianMs,
      perFrameMs: perFrame.medianMs,
      stepGflops: trainingStepFlops(shape) / (stepMs * 1e6),
      kernelsPerStep: once.kernels - readbackOnly.kernels,
      kernelsPerReadback: readbackOnly.kernels,
      gpuProgramsPerStep: minus(once.gpuPrograms, readbackOnly.gpuPrograms),
      gpuProgramsPerReadback: readbackOnly.gpuPrograms,
    };
  } finally {
    trainer.dispose();
  }
}

/** Seconds one measureTraining call should take, from FLOPs and the measured matmul rate. */
export function predictedTrainingSeconds(shape: Shape, gflops: number, settings: TrainingSettings): number {
  const testPoints = benchData(shape.n).xTest!.length;
  const stepSeconds = trainingStepFlops(shape) / (gflops * 1e9);
  const readSeconds = readbackFlops(shape, testPoints) / (gflops * 1e9);
  const runs = settings.warmup + settings.repeats;
  const batchSeconds = Math.max(settings.batchMs / 1e3, 2 * stepSeconds) + readSeconds;
  return runs * (2 * readSeconds + stepSeconds) + settings.repeats * batchSeconds + 2 * (stepSeconds + readSeconds);
}

export type TrainingOutcome = TrainingMeasurement | { shape: Shape; skipped: string };

/** Achieved fraction of the matmul peak assumed when predicting (small matmuls and elementwise ops). */
const ASSUMED_EFFICIENCY = 0.3;

/**
 * Measures each shape, skipping those predicted to need more than 3·maxSeconds in all (on the cpu
 * backend a wide deep network takes a minute per step). Reports each result as it lands.
 */
export async function measureTrainingShapes(
  shapes: readonly Shape[],
  settings: TrainingSettings,
  maxSeconds: number,
  peak: MatMulPeak,
  onResult: (outcome: TrainingOutcome) => void = () => {},
): Promise<TrainingOutcome[]> {
  // Untimed: the first Trainer on a backend pays one-time costs (JIT, kernel set-up) that would land on the first row.
  if (shapes.length > 0) await measureTraining(shapes[0], { warmup: 0, repeats: 1, batchMs: 0 });
  const outcomes: TrainingOutcome[] = [];
  for (const shape of shapes) {
    const predicted = predictedTrainingSeconds(shape, peak.gflops * ASSUMED_EFFICIENCY, settings);
    const outcome: TrainingOutcome =
      predicted > 3 * maxSeconds ? { shape, skipped: `skip: ~${Math.round(predicted)} s` } : await measureTraining(shape, settings);
    outcomes.push(outcome);
    onResult(outcome);
  }
  return outcomes;
}

