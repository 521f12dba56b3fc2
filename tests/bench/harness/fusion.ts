/**
 * Bench-only page: the fused GD step against the unfused one (../fusionMeasure.ts) on the backend
 * named by ?backend=, ?rounds= alternating rounds; results land in window.__fusionBench.
 */
import * as tf from '@tensorflow/tfjs';
import { selectBackend, type BackendName } from '../../../src/lib/nn';
import { FUSION_SHAPES, measureFusion, type FusionMeasurement } from '../fusionMeasure';

export interface FusionHarnessResult {
  backend: string;
  rows: FusionMeasurement[];
  error?: string;
}

declare global {
  interface Window {
    __fusionBench?: FusionHarnessResult;
  }
}

async function run(): Promise<FusionHarnessResult> {
  const params = new URLSearchParams(location.search);
  await selectBackend({ candidates: [(params.get('backend') ?? 'cpu') as BackendName] });
  const rounds = Number(params.get('rounds') ?? 7);
  const maxWidth = Number(params.get('maxWidth') ?? Infinity);
  const rows: FusionMeasurement[] = [];
  for (const shape of FUSION_SHAPES.filter((s) => s.width <= maxWidth)) {
    rows.push(await measureFusion(shape, rounds));
    console.log(`bench-fusion ${JSON.stringify(rows[rows.length - 1])}`);
  }
  return { backend: tf.getBackend(), rows };
}

run()
  .catch((err: unknown): FusionHarnessResult => ({ backend: tf.getBackend() ?? 'none', rows: [], error: String(err) }))
  .then((result) => {
    window.__fusionBench = result;
    document.getElementById('status')!.textContent = 'done';
  });
