/**
 * The first layer's weights of the current run, for drawing hidden neurons as particles. It wraps
 * the engine that a LinearisedSession drives: each run is created with its weights at
 * initialisation (and after the first steps, when the session asks for them), every chunk of steps
 * asks for the weights too (withFirstLayer), and a restart at a new η puts them back where they
 * started, so the particles always belong to the latest record of the latest run.
 */
import type { StepResult } from '../../engine/api';
import type { SessionEngine } from '../kit/linearisedSession.svelte';

export class ParticleTracker {
  /** Effective first-layer weights at initialisation and now (fan_in × width, row-major). */
  initial = $state.raw<Float32Array | null>(null);
  current = $state.raw<Float32Array | null>(null);
  private runId: number | null = null;
  readonly sessionEngine: SessionEngine;

  constructor(engine: SessionEngine) {
    this.sessionEngine = {
      createRun: async (request) => {
        this.runId = null;
        this.initial = this.current = null;
        const start = await engine.createRun({ ...request, withFirstLayer: true });
        this.runId = start.runId;
        this.initial = start.firstLayer!;
        this.current = this.latestWeights(start.first) ?? this.initial;
        return start;
      },
      stepRun: async (runId, request) => {
        const result = await engine.stepRun(runId, { ...request, withFirstLayer: true });
        if (runId === this.runId) this.current = this.latestWeights(result) ?? this.current;
        return result;
      },
      restartRun: async (runId, lr) => {
        const initial = await engine.restartRun(runId, lr);
        if (runId === this.runId) this.current = this.initial;
        return initial;
      },
      disposeRun: (runId) => engine.disposeRun(runId),
    };
  }

  /** A diverged record repeats the last finite outputs; its weights may hold NaN, so the last ones are kept. */
  private latestWeights(result: StepResult | undefined): Float32Array | undefined {
    return result && !result.record.diverged ? result.firstLayer : undefined;
  }
}
