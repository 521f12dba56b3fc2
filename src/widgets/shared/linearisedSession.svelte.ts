/**
 * One training run in the worker together with its frozen-kernel prediction (./linearisedRun.ts):
 * created from a RunRequest, stepped in chunks by a Player up to a step horizon, stopped cleanly
 * when the trainer reports divergence. Reset replaces the run; results of calls that were in flight
 * for an older run are dropped, and old runs are freed in the worker. When the worker's backend is
 * lost, the same run starts again on the next backend and the player carries on.
 */
import type { EngineApi, RunRequest } from '../../engine/api';
import { errorMessage } from '../../lib/errorMessage';
import type { TrainRecord } from '../../lib/nn';
import { backendStatus, type BackendStatus } from '../../engine/backendStatus.svelte';
import { Player } from '../player.svelte';
import { LinearisedRun, divergenceMessage, nextChunk } from './linearisedRun';

export type SessionEngine = Pick<EngineApi, 'createRun' | 'stepRun' | 'disposeRun'>;

export class LinearisedSession {
  /** The run's K₀ and its theory; null while the run is being created. */
  linearised = $state.raw<LinearisedRun | null>(null);
  /** Measured records, the initial one first. */
  records = $state.raw<TrainRecord[]>([]);
  /** The step count training stops at; may be moved during a run. */
  horizon = $state(0);
  /** Multiplies the GD steps run between records (the widget's speed setting); may be moved during a run. */
  speed = $state(1);
  /** Why the run cannot go on (divergence, a failed creation); cleared by reset. */
  error = $state<string | null>(null);
  /** Why the run started again on another backend (BackendStatus.recover); cleared by reset. */
  backendNotice = $state<string | null>(null);
  /** Replaced on reset, so that a chunk still in flight for the old run cannot stop the new loop. */
  player = $state.raw<Player>(null!);
  private runId: number | null = null;
  private request: RunRequest | null = null;
  private generation = 0;
  /** Creation of the latest run; each reset waits for the one before, so runs never overlap. */
  private ready: Promise<void> = Promise.resolve();
  /** The chunk of steps in flight: a run is freed only after it, never under it. */
  private stepping: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly engine: SessionEngine,
    private readonly isVisible: () => boolean = () => true,
    private readonly backend: Pick<BackendStatus, 'recover'> = backendStatus,
  ) {
    this.player = this.newPlayer();
  }

  private newPlayer(): Player {
    return new Player(() => this.advance(), this.isVisible);
  }

  get latest(): TrainRecord | undefined {
    return this.records[this.records.length - 1];
  }

  get step(): number {
    return this.latest?.step ?? 0;
  }

  /** Pauses, frees the current run and starts creating the one `request` describes. */
  reset(request: RunRequest, horizon: number): Promise<void> {
    this.player.pause();
    this.player = this.newPlayer();
    this.horizon = horizon;
    this.backendNotice = null;
    return this.start(request);
  }

  /** Frees the current run and starts creating the one `request` describes, for the same player. */
  private start(request: RunRequest): Promise<void> {
    const generation = ++this.generation;
    this.request = request;
    this.error = null;
    this.linearised = null;
    this.records = [];
    this.ready = this.ready.then(async () => {
      await this.release();
      if (generation !== this.generation) return;
      try {
        const start = await this.engine.createRun(request);
        if (generation !== this.generation) {
          void this.engine.disposeRun(start.runId).catch(() => undefined);
          return;
        }
        this.runId = start.runId;
        this.linearised = new LinearisedRun(start, request.data, request.options.lr);
        this.records = [start.initial];
      } catch (err) {
        if (!(await this.restartAfterLoss(err, generation)) && generation === this.generation) {
          this.error = errorMessage(err);
        }
      }
    });
    return this.ready;
  }

  /**
   * After a call for the run of `generation` failed with `err`: false unless the worker's backend
   * was lost; then, unless a reset or dispose came since, that run starts again on the next backend.
   */
  private async restartAfterLoss(err: unknown, generation: number): Promise<boolean> {
    const notice = await this.backend.recover(err);
    if (notice === null) return false;
    if (generation === this.generation) {
      void this.start(this.request!);
      this.backendNotice = notice;
    }
    return true;
  }

  /** Stops and frees the run in the worker (the widget is going away). */
  dispose(): void {
    this.generation++;
    this.player.pause();
    this.ready = this.ready.then(() => this.release());
  }

  private async release(): Promise<void> {
    const runId = this.runId;
    this.runId = null;
    if (runId === null) return;
    await this.stepping.catch(() => undefined);
    await this.engine.disposeRun(runId).catch(() => undefined);
  }

  /** One chunk of GD steps; resolves to whether there is more to do. */
  private async advance(): Promise<boolean> {
    const generation = this.generation;
    try {
      return await this.chunk(generation);
    } catch (err) {
      // The player goes on with the restarted run (a reset or dispose has stopped it otherwise).
      if (await this.restartAfterLoss(err, generation)) return true;
      throw err;
    }
  }

  private async chunk(generation: number): Promise<boolean> {
    await this.ready;
    const linearised = this.linearised;
    const latest = this.latest;
    if (this.runId === null || !linearised || !latest || latest.diverged) return false;
    const steps = nextChunk(latest.step, this.horizon, this.speed);
    if (steps === 0) return false;
    const stepping = this.engine.stepRun(this.runId, { steps });
    this.stepping = stepping;
    const { record } = await stepping;
    if (generation !== this.generation) return false;
    if (record.diverged) {
      this.error = divergenceMessage(record.divergedAtStep ?? record.step, linearised.lr, linearised.stabilityLimit);
      return false;
    }
    this.records = [...this.records, record];
    return record.step < this.horizon;
  }
}
