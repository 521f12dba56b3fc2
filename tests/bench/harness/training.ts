/**
 * Bench-only page: training throughput on the backend named by ?backend=, with the same code and
 * problems as Node (../trainingMeasure.ts). Settings arrive as ?settings=<JSON>; each result is
 * logged as it lands (`bench-result <JSON>`, which tests/bench/training.ts relays) and the whole
 * lands in window.__trainingBench.
 */
import * as tf from '@tensorflow/tfjs';
import { selectBackend, type BackendName } from '../../../src/lib/nn';
import { measureMatMulPeak, type MatMulPeak } from '../peak';
import { measureTrainingShapes, type TrainingOutcome, type TrainingSettings } from '../trainingMeasure';
import type { Shape } from '../workloads';

export interface HarnessSettings extends TrainingSettings {
  shapes: Shape[];
  maxSeconds: number;
  peakSize: number;
}

export interface HarnessResult {
  backend: string;
  peak?: MatMulPeak;
  outcomes: TrainingOutcome[];
  error?: string;
}

declare global {
  interface Window {
    __trainingBench?: HarnessResult;
  }
}

async function run(): Promise<HarnessResult> {
  const params = new URLSearchParams(location.search);
  const wanted = (params.get('backend') ?? 'cpu') as BackendName;
  const settings = JSON.parse(params.get('settings') ?? '{}') as HarnessSettings;
  await selectBackend({ candidates: [wanted] });
  const peak = await measureMatMulPeak(settings.peakSize, settings);
  console.log(`bench-peak ${JSON.stringify(peak)}`);
  const outcomes = await measureTrainingShapes(settings.shapes, settings, settings.maxSeconds, peak, (outcome) =>
    console.log(`bench-result ${JSON.stringify(outcome)}`),
  );
  return { backend: tf.getBackend(), peak, outcomes };
}

run()
  .catch((err: unknown): HarnessResult => ({ backend: tf.getBackend() ?? 'none', outcomes: [], error: err instanceof Error ? err.message : String(err) }))
  .then((result) => {
    window.__trainingBench = result;
    document.getElementById('status')!.textContent = 'done';
  });
