/**
 * Estimates of how long the worker will take, so that a big network (width 4096 at depth 4 trains
 * at under a step per second on WASM) is announced with a time before and while it computes,
 * instead of leaving the reader in front of a disabled button. The cost model counts the matrix
 * products of a step and of the structured K₀ (src/lib/nn/empiricalNtk.ts); the rate is measured
 * on this page from the chunks every widget runs, so it follows the backend in use.
 */
import type { MlpConfig } from '../../lib/nn';

type Shape = Pick<MlpConfig, 'inputDim' | 'width' | 'depth'>;

/** Multiply–adds of one forward pass per input. */
function forwardPerInput({ inputDim, width, depth }: Shape): number {
  return inputDim * width + (depth - 1) * width * width + width;
}

/** FLOPs of one full-batch GD step (forward, backward, update) on n inputs. */
export function stepFlops(net: Shape, n: number): number {
  return 6 * n * forwardPerInput(net);
}

/** FLOPs of creating a run: the initial read-back and K₀ on train × train (and test × train). */
export function createFlops(net: Shape, nTrain: number, nTest = 0): number {
  const rows = nTrain + nTest;
  const grams = 4 * rows * nTrain * net.width * (net.depth + 1);
  return 3 * stepFlops(net, rows) + grams;
}

export interface Progress {
  /** What is being computed, for the reader. */
  label: string;
  /** performance.now() when it started. */
  startedAt: number;
  /** Expected duration from the measured rate, or null before anything was measured on this page. */
  estimateMs: number | null;
}

/** Page-wide FLOPs per millisecond of the worker, a moving average over the chunks measured. */
export class Throughput {
  private rate: number | null = null;

  record(flops: number, ms: number): void {
    if (!(flops > 0 && ms > 0)) return;
    const measured = flops / ms;
    this.rate = this.rate === null ? measured : 0.7 * this.rate + 0.3 * measured;
  }

  estimateMs(flops: number): number | null {
    return this.rate === null ? null : flops / this.rate;
  }
}

export const throughput = new Throughput();

export const now = (): number => (typeof performance === 'undefined' ? Date.now() : performance.now());
