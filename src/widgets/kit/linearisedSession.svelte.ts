/**
 * One training run in the worker together with its frozen-kernel theory (./linearisedRun.ts),
 * stepped in chunks by a Player up to a step horizon.
 *
 * - load(request): a new network (new width, data, seed …): the worker builds it and computes K₀.
 * - retune(lr): the same network back at θ₀, training at a new η: no new network, no kernel
 *   computation, no new eigendecomposition (the worker restarts the run; the page keeps K₀'s spectrum).
 * - restart(): the same network and η from θ₀ (the Reset button).
 *
 * Each of them keeps the player playing if it was, so a change of setting trains the new run at
 * once. Worker calls are queued, so runs never overlap; results of calls for an older run are
 * dropped, and old runs are freed in the worker. When the worker's backend is lost, the same run
 * starts again on the next backend and the player carries on.
 */
import type { EngineApi, RunRequest } from '../../engine/api';
import { errorMessage } from '../../lib/errorMessage';
import type { TrainRecord } from '../../lib/nn';
import { backendStatus, type BackendStatus } from '../../ui/backendStatus.svelte';
import { nextChunk } from './chunks';
import { InitialKernel, type LinearisedRun } from './linearisedRun';
import { Player } from './player.svelte';
import type { TrainingSession } from './session';
import { divergenceMessage } from './stability';
import { createFlops, now, stepFlops, throughput, type Progress } from './workEstimate';

export type SessionEngine = Pick<EngineApi, 'createRun' | 'stepRun' | 'restartRun' | 'disposeRun'>;

export class LinearisedSession implements TrainingSession {
  /** The run's K₀ with its spectrum; null while the run is being created. */
  initial = $state.raw<InitialKernel | null>(null);
  /** The η the records belong to. */
  lr = $state(0);
  /** Measured records, the initial one first. */
  records = $state.raw<TrainRecord[]>([]);
  /** Multiplies the GD steps run between records (the widget's speed setting); may be moved during a run. */
  speed = $state(1);
  error = $state<string | null>(null);
  backendNotice = $state<string | null>(null);
  progress = $state.raw<Progress | null>(null);
  stepsPerSecond = $state<number | null>(null);
  /** The step at which the trainer reported divergence. */
  private divergedAt = $state<number | null>(null);
  #horizon = $state(0);
  readonly player: Player;
  private runId: number | null = null;
  private request: RunRequest | null = null;
  private generation = 0;
  /** Worker calls that create, restart or free a run, one after the other. */
  private queue: Promise<void> = Promise.resolve();
  /** The chunk of steps in flight: a run is restarted or freed only after it, never under it. */
  private stepping: Promise<unknown> = Promise.resolve();
  private msPerStep = 0;

  constructor(
    private readonly engine: SessionEngine,
    isVisible: () => boolean = () => true,
    private readonly backend: Pick<BackendStatus, 'recover'> = backendStatus,
  ) {
    this.player = new Player(() => this.advance(), isVisible);
  }

  /** The theory at the η the records belong to. */
  get linearised(): LinearisedRun | null {
    return this.initial?.at(this.lr) ?? null;
  }

  get latest(): TrainRecord | undefined {
    return this.records[this.records.length - 1];
  }

  get step(): number {
    return this.divergedAt ?? this.latest?.step ?? 0;
  }

  /** The step count training stops at; moving it during a run continues the run. */
  get horizon(): number {
    return this.#horizon;
  }

  set horizon(steps: number) {
    this.#horizon = steps;
    this.player.wake();
  }

  get ready(): boolean {
    return this.initial !== null;
  }

  get finished(): boolean {
    return this.error !== null || (this.ready && this.step >= this.horizon);
  }

  /** Frees the current run and creates the one `request` describes (a new network). */
  load(request: RunRequest): Promise<void> {
    const generation = this.supersede(request.options.lr);
    this.request = request;
    this.initial = null;
    this.records = [];
    this.backendNotice = null;
    const { network, data } = request;
    this.progress = {
      label: `Building a width-${network.width} network and its kernel K₀`,
      startedAt: now(),
      estimateMs: throughput.estimateMs(createFlops(network, data.xTrain.length, data.xTest?.length)),
    };
    return this.enqueue(async () => {
      await this.release();
      if (generation !== this.generation) return;
      const started = now();
      const start = await this.engine.createRun(request);
      if (generation !== this.generation) {
        void this.engine.disposeRun(start.runId).catch(() => undefined);
        return;
      }
      throughput.record(createFlops(network, data.xTrain.length, data.xTest?.length), now() - started);
      this.runId = start.runId;
      this.initial = new InitialKernel(start, data);
      this.records = [start.initial];
      this.progress = null;
    }, generation);
  }

  /** Back to θ₀ of the same network, to train at learning rate `lr`. */
  retune(lr: number): Promise<void> {
    const generation = this.supersede(lr);
    if (this.request) this.request = { ...this.request, options: { ...this.request.options, lr } };
    this.records = this.records.slice(0, 1);
    return this.enqueue(async () => {
      const runId = this.runId;
      if (runId === null || generation !== this.generation) return;
      await this.stepping.catch(() => undefined);
      const initial = await this.engine.restartRun(runId, lr);
      if (generation === this.generation) this.records = [initial];
    }, generation);
  }

  restart(): void {
    void this.retune(this.lr);
  }

  /** Stops and frees the run in the worker (the widget is going away). */
  dispose(): void {
    this.generation++;
    this.player.pause();
    this.queue = this.queue.then(() => this.release());
  }

  /** Drops what belongs to the current run's trajectory and wakes the player for the next one. */
  private supersede(lr: number): number {
    const generation = ++this.generation;
    this.lr = lr;
    this.error = null;
    this.divergedAt = null;
    this.stepsPerSecond = null;
    this.msPerStep = 0;
    this.player.wake();
    return generation;
  }

  private enqueue(work: () => Promise<void>, generation: number): Promise<void> {
    this.queue = this.queue.then(async () => {
      try {
        await work();
      } catch (err) {
        if (!(await this.restartAfterLoss(err, generation)) && generation === this.generation) {
          this.error = errorMessage(err);
          this.progress = null;
        }
      }
    });
    return this.queue;
  }

  /**
   * After a call for the run of `generation` failed with `err`: false unless the worker's backend
   * was lost; then, unless something newer came since, that run starts again on the next backend.
   */
  private async restartAfterLoss(err: unknown, generation: number): Promise<boolean> {
    const notice = await this.backend.recover(err);
    if (notice === null) return false;
    if (generation === this.generation && this.request) {
      this.runId = null;
      void this.load(this.request);
      this.backendNotice = notice;
    }
    return true;
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
    await this.queue;
    // Superseded while waiting: the loop goes on with the new run.
    if (generation !== this.generation) return true;
    try {
      return await this.chunk(generation);
    } catch (err) {
      if (await this.restartAfterLoss(err, generation)) return true;
      throw err;
    }
  }

  private async chunk(generation: number): Promise<boolean> {
    const latest = this.latest;
    const request = this.request;
    if (this.runId === null || !this.initial || !latest || !request || this.error !== null) return false;
    const steps = nextChunk(latest.step, this.horizon, this.speed, this.msPerStep);
    if (steps === 0) return false;
    const started = now();
    const stepping = this.engine.stepRun(this.runId, { steps });
    this.stepping = stepping;
    const { record } = await stepping;
    if (generation !== this.generation) return true;
    const ms = now() - started;
    this.msPerStep = ms / steps;
    this.stepsPerSecond = (1000 * steps) / ms;
    throughput.record(steps * stepFlops(request.network, request.data.xTrain.length), ms);
    if (record.diverged) {
      this.divergedAt = record.divergedAtStep ?? record.step;
      this.error = divergenceMessage(this.divergedAt, this.lr, this.initial.stabilityLimit);
      return false;
    }
    this.records = [...this.records, record];
    return record.step < this.horizon;
  }
}
