/**
 * The first layer's weights of the current run, for drawing hidden neurons as particles. It wraps
 * the engine that a LinearisedSession drives: each run's initial weights are read when it is
 * created, every chunk of steps asks for the weights too (StepRequest.withFirstLayer), and a
 * restart at a new η puts them back where they started, so the particles always belong to the
 * latest record of the latest run.
 */
import type { EngineApi } from '../../engine/api';
import type { SessionEngine } from '../kit/linearisedSession.svelte';

export type ParticleEngine = SessionEngine & Pick<EngineApi, 'firstLayer'>;

export class ParticleTracker {
  /** Effective first-layer weights at initialisation and now (fan_in × width, row-major). */
  initial = $state.raw<Float32Array | null>(null);
  current = $state.raw<Float32Array | null>(null);
  private runId: number | null = null;
  readonly sessionEngine: SessionEngine;

  constructor(engine: ParticleEngine) {
    this.sessionEngine = {
      createRun: async ({ firstSteps, ...request }) => {
        this.runId = null;
        this.initial = this.current = null;
        // The particles start from the weights at initialisation, read after the run is created: no first steps.
        const start = await engine.createRun(request);
        const weights = await engine.firstLayer(start.runId);
        this.runId = start.runId;
        this.initial = this.current = weights;
        return start;
      },
      stepRun: async (runId, request) => {
        const result = await engine.stepRun(runId, { ...request, withFirstLayer: true });
        // A diverged record repeats the last finite outputs; its weights may hold NaN, so keep the last ones.
        if (runId === this.runId && result.firstLayer && !result.record.diverged) this.current = result.firstLayer;
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
}
