/**
 * What every training session shares, whatever it trains (one network with its frozen-kernel theory,
 * ./linearisedSession.svelte.ts; one network per width, the drift widget's session): runs in the
 * worker stepped in chunks by a Player up to a step horizon.
 *
 * - Worker calls that create, restart or free runs are queued, so they never overlap, and a run is
 *   restarted or freed only after the chunk in flight, never under it. New networks are built
 *   without waiting for that chunk: the worker starts on them as soon as its steps are done.
 * - Generations: every load and retune starts a new trajectory; results of calls for an older one
 *   are dropped. New networks are a separate count, so a retune asked for while its networks are
 *   still being built retunes them once built instead of cancelling them.
 * - When the worker's backend is lost, the session loads the same request again on the next backend
 *   and the player carries on.
 * - Chunks are sized by ./chunks.ts from the time the last one took, and feed the page's throughput
 *   (./workEstimate.ts), so progress estimates follow the backend in use.
 *
 * Playing is the reader's intent and survives restarts: a new trajectory wakes the player, so a
 * change of setting trains at once.
 */
import type { EngineApi } from '../../engine/api';
import { errorMessage } from '../../lib/errorMessage';
import { backendStatus, type BackendStatus } from '../../engine/backendStatus.svelte';
import { nextChunk } from './chunks';
import { Player } from './player.svelte';
import type { TrainingSession } from './session';
import { now, throughput, type Progress } from './workEstimate';

export type SessionEngine = Pick<EngineApi, 'createRun' | 'stepRun' | 'restartRun' | 'disposeRun'>;

export abstract class WorkerSession implements TrainingSession {
  /** Multiplies the GD steps run between records (the widget's speed setting); may be moved during a run. */
  speed = $state(1);
  error = $state<string | null>(null);
  backendNotice = $state<string | null>(null);
  progress = $state.raw<Progress | null>(null);
  stepsPerSecond = $state<number | null>(null);
  /** The step at which the trainer reported divergence. */
  protected divergedAt = $state<number | null>(null);
  #horizon = $state(0);
  readonly player: Player;
  /** The worker's runs this session owns, freed before the next networks are built and on dispose. */
  protected runIds: number[] = [];
  /** The current trajectory: bumped by every load, retune and dispose. */
  private generation = 0;
  /** The current networks: bumped by every load and dispose. */
  private networks = 0;
  private queue: Promise<void> = Promise.resolve();
  /** The chunk of steps in flight. */
  private stepping: Promise<unknown> = Promise.resolve();
  private msPerStep = 0;

  constructor(
    protected readonly engine: SessionEngine,
    isVisible: () => boolean = () => true,
    private readonly backend: Pick<BackendStatus, 'recover'> = backendStatus,
  ) {
    this.player = new Player(() => this.advance(), isVisible);
  }

  /** The runs exist and can be stepped. */
  abstract get ready(): boolean;
  /** The step of the latest record. */
  protected abstract get measuredStep(): number;
  /** Back to initialisation (the Reset button). */
  abstract restart(): void;
  /** Builds the networks of the current request again (the worker moved to another backend); false when there is none. */
  protected abstract reload(): boolean;
  /** One chunk of GD steps for the trajectory `generation`; resolves to whether there is more to do. */
  protected abstract chunk(generation: number): Promise<boolean>;

  get step(): number {
    return this.divergedAt ?? this.measuredStep;
  }

  /** The step count training stops at; moving it during a run continues the run. */
  get horizon(): number {
    return this.#horizon;
  }

  set horizon(steps: number) {
    this.#horizon = steps;
    this.player.wake();
  }

  get finished(): boolean {
    return this.error !== null || (this.ready && this.step >= this.horizon);
  }

  /** Stops and frees the runs in the worker (the widget is going away). */
  dispose(): void {
    this.generation++;
    this.networks++;
    this.player.pause();
    this.queue = this.queue.then(() => this.release());
  }

  /**
   * A new trajectory: drops what belonged to the last one and wakes the player for it. Returns its
   * generation, for current().
   */
  protected supersede(): number {
    this.error = null;
    this.divergedAt = null;
    this.stepsPerSecond = null;
    this.msPerStep = 0;
    this.player.wake();
    return ++this.generation;
  }

  /** New networks (and a new trajectory): returns their count, for currentNetworks(). */
  protected supersedeNetworks(): { generation: number; networks: number } {
    this.backendNotice = null;
    return { generation: this.supersede(), networks: ++this.networks };
  }

  /** Nothing newer was asked for since `generation` began. */
  protected current(generation: number): boolean {
    return generation === this.generation;
  }

  /** No other networks were asked for since `networks` (a retune since is fine). */
  protected currentNetworks(networks: number): boolean {
    return networks === this.networks;
  }

  /**
   * Runs `work` after every queued call. If it fails, the same request is loaded again when the
   * worker's backend was lost, else the error is shown unless something newer came since.
   */
  protected enqueue(work: () => Promise<void>, generation: number): Promise<void> {
    this.queue = this.queue.then(async () => {
      try {
        await work();
      } catch (err) {
        if (!(await this.restartAfterLoss(err, generation)) && this.current(generation)) {
          this.error = errorMessage(err);
          this.progress = null;
        }
      }
    });
    return this.queue;
  }

  /**
   * After a call for the trajectory `generation` failed with `err`: false unless the worker's
   * backend was lost; then, unless something newer came since, the same networks are built again
   * on the next backend.
   */
  private async restartAfterLoss(err: unknown, generation: number): Promise<boolean> {
    const notice = await this.backend.recover(err);
    if (notice === null) return false;
    if (this.current(generation)) {
      this.runIds = [];
      if (this.reload()) this.backendNotice = notice;
    }
    return true;
  }

  /** Resolves once the chunk in flight (if any) is done. */
  protected async idle(): Promise<void> {
    await this.stepping.catch(() => undefined);
  }

  /** Frees the session's runs in the worker, after the chunk in flight. */
  protected async release(): Promise<void> {
    const runIds = this.runIds;
    this.runIds = [];
    if (runIds.length === 0) return;
    await this.idle();
    for (const runId of runIds) await this.engine.disposeRun(runId).catch(() => undefined);
  }

  /** Frees runs that were built for networks no longer wanted. */
  protected discard(runIds: readonly number[]): void {
    for (const runId of runIds) void this.engine.disposeRun(runId).catch(() => undefined);
  }

  /** The GD steps of the next chunk from `step`: the horizon, the speed and the time the last chunk took (./chunks.ts). */
  protected chunkSteps(step: number): number {
    return nextChunk(step, this.horizon, this.speed, this.msPerStep);
  }

  /**
   * `call` (the chunk's worker calls, `steps` GD steps of `flops` in all) as the chunk in flight,
   * timed for the next chunk's size, the steps-per-second readout and the page's throughput.
   * Resolves to null when the trajectory was superseded meanwhile.
   */
  protected async timedChunk<T>(generation: number, steps: number, flops: number, call: () => Promise<T>): Promise<T | null> {
    const started = now();
    const stepping = call();
    this.stepping = stepping;
    const result = await stepping;
    if (!this.current(generation)) return null;
    const ms = now() - started;
    this.msPerStep = ms / steps;
    this.stepsPerSecond = (1000 * steps) / ms;
    throughput.record(flops, ms);
    return result;
  }

  /** Stops the trajectory at the step the trainer reported divergence, with `message`. */
  protected diverged(step: number, message: string): void {
    this.divergedAt = step;
    this.error = message;
  }

  /** One chunk of GD steps; resolves to whether there is more to do. */
  private async advance(): Promise<boolean> {
    const generation = this.generation;
    await this.queue;
    // Superseded while waiting: the loop goes on with the new trajectory.
    if (!this.current(generation)) return true;
    try {
      return await this.chunk(generation);
    } catch (err) {
      if (await this.restartAfterLoss(err, generation)) return true;
      throw err;
    }
  }
}
