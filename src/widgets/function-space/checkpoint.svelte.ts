/**
 * The network's kernel at a checkpoint a little way into training, to linearise it again there
 * (./theory.ts). It wraps the engine that a LinearisedSession drives: the chunk of steps that would
 * pass the checkpoint is split at it, and the worker returns K_c with the record there
 * (StepRequest.withKernel): one kernel per run, computed with the steps. A new network or a restart
 * (a new η, Reset) drops it, and the next pass of the checkpoint takes it again.
 */
import { untrack } from 'svelte';
import type { SessionEngine } from '../kit/linearisedSession.svelte';
import type { Checkpoint } from './theory';

export class CheckpointTracker {
  /** The current run's checkpoint, once it has passed it. */
  checkpoint = $state.raw<Checkpoint | null>(null);
  readonly sessionEngine: SessionEngine;
  private runId: number | null = null;
  /** Steps the current run has taken. */
  private step = 0;

  /** `at`: the step to take the checkpoint at (read when a chunk is asked for). */
  constructor(engine: SessionEngine, at: () => number) {
    this.sessionEngine = {
      createRun: async (request) => {
        this.runId = null;
        this.checkpoint = null;
        const start = await engine.createRun(request);
        this.runId = start.runId;
        this.step = 0;
        return start;
      },
      restartRun: async (runId, lr) => {
        if (runId === this.runId) this.checkpoint = null;
        const initial = await engine.restartRun(runId, lr);
        if (runId === this.runId) this.step = 0;
        return initial;
      },
      stepRun: async (runId, request) => {
        const target = untrack(at);
        const passes = runId === this.runId && this.checkpoint === null && this.step < target && this.step + request.steps >= target;
        if (!passes) {
          const result = await engine.stepRun(runId, request);
          if (runId === this.runId) this.step = result.record.step;
          return result;
        }
        const before = this.step;
        const first = await engine.stepRun(runId, { ...request, steps: target - before, withKernel: true });
        this.step = first.record.step;
        if (first.record.diverged || !first.kernelTrain) return first;
        this.checkpoint = { record: first.record, kernel: first.kernelTrain };
        const rest = before + request.steps - target;
        if (rest === 0) return first;
        const second = await engine.stepRun(runId, { ...request, steps: rest });
        this.step = second.record.step;
        return second;
      },
      disposeRun: (runId) => engine.disposeRun(runId),
    };
  }
}
