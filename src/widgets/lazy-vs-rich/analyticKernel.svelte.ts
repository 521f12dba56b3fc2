/**
 * The infinite-width NTK on a data set's train and test inputs, computed in the worker (tanh takes
 * quadrature, slow on the main thread) and asked for only when what it depends on changes: the key
 * the widget gives (here the training angles, depth and activation), once the input has rested, and
 * only while the widget needs it (its inputs are not null). Everything that depends on the labels
 * or on η is computed from it on the page (./theory.ts).
 *
 * Create it while a component initialises (it sets up effects), or inside $effect.root.
 */
import { untrack } from 'svelte';
import type { EngineApi } from '../../engine/api';
import { errorMessage } from '../../lib/errorMessage';
import type { Matrix, MlpSpec } from '../../lib/ntk';
import { Settled } from '../kit/settled.svelte';
import type { AnalyticNtk } from './theory';

export interface AnalyticKernelInputs {
  /** Names everything the kernel depends on; the same key is never computed twice in a row. */
  key: string;
  xTrain: Matrix;
  xTest: Matrix;
  spec: MlpSpec;
}

export class AnalyticKernel {
  /** The latest kernel computed, with the key of its inputs. */
  current = $state.raw<{ key: string; kernel: AnalyticNtk } | null>(null);
  error = $state<string | null>(null);
  private readonly inputs: Settled<AnalyticKernelInputs | null>;
  private requested = '';

  constructor(engine: Pick<EngineApi, 'analyticKernels'>, inputs: () => AnalyticKernelInputs | null) {
    this.inputs = new Settled(inputs, (i) => i?.key ?? '');
    $effect(() => {
      const wanted = this.inputs.current;
      untrack(() => {
        if (wanted) void this.compute(engine, wanted);
        else {
          this.requested = '';
          this.error = null;
        }
      });
    });
  }

  /** The kernel for inputs with this key, or null while it is computed (or failed). */
  for(key: string): AnalyticNtk | null {
    return this.current?.key === key ? this.current.kernel : null;
  }

  private async compute(engine: Pick<EngineApi, 'analyticKernels'>, { key, xTrain, xTest, spec }: AnalyticKernelInputs): Promise<void> {
    // Back to the kernel already computed: drop whatever is in flight for other inputs.
    if (key === this.current?.key) this.requested = key;
    if (key === this.requested) return;
    this.requested = key;
    this.error = null;
    try {
      const { ntk } = await engine.analyticKernels([...xTrain, ...xTest], xTrain, spec);
      if (key === this.requested) this.current = { key, kernel: { train: ntk.slice(0, xTrain.length), testTrain: ntk.slice(xTrain.length) } };
    } catch (err) {
      if (key !== this.requested) return;
      this.requested = '';
      this.error = `The infinite-width kernel could not be computed: ${errorMessage(err)}`;
    }
  }
}
