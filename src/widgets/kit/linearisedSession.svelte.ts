/**
 * One training run in the worker together with its frozen-kernel theory (./linearisedRun.ts),
 * stepped in chunks by a Player up to a step horizon (what every session shares:
 * ./workerSession.svelte.ts).
 *
 * - load(request): a new network (new width, data, seed …): the worker builds it and computes K₀,
 *   and, while the player is playing, takes the first chunk's steps in the same call.
 * - retune(lr): the same network back at θ₀, training at a new η: no new network, no kernel
 *   computation, no new eigendecomposition (the worker restarts the run; the page keeps K₀'s spectrum).
 * - restart(): the same network and η from θ₀ (the Reset button).
 *
 * Each of them keeps the player playing if it was, so a change of setting trains the new run at once.
 */
import type { RunRequest } from '../../engine/api';
import type { TrainRecord } from '../../lib/nn';
import { InitialKernel, type LinearisedRun } from './linearisedRun';
import { divergenceMessage } from './stability';
import { WorkerSession } from './workerSession.svelte';
import { createFlops, now, stepFlops, throughput } from './workEstimate';

export type { SessionEngine } from './workerSession.svelte';

export class LinearisedSession extends WorkerSession {
  /** The run's K₀ with its spectrum; null while the run is being created. */
  initial = $state.raw<InitialKernel | null>(null);
  /** The η the records belong to. */
  lr = $state(0);
  /** Measured records, the initial one first. */
  records = $state.raw<TrainRecord[]>([]);
  private request: RunRequest | null = null;
  /** recordsAt's answer away from the records' η, kept while the records are the same. */
  private initialOnly: { of: TrainRecord[]; records: TrainRecord[] } | null = null;

  /** The theory at the η the records belong to. */
  get linearised(): LinearisedRun | null {
    return this.initial?.at(this.lr) ?? null;
  }

  /**
   * The measured records as a widget shows them at the slider's learning rate `lr`: all of them while
   * they were trained at it, else only the initial one (a new η waits for its run). The same array
   * while nothing but `lr` changes, so a drag of the η slider does not redraw what hangs off the records.
   */
  recordsAt(lr: number): TrainRecord[] {
    if (lr === this.lr) return this.records;
    if (this.initialOnly?.of !== this.records) this.initialOnly = { of: this.records, records: this.records.slice(0, 1) };
    return this.initialOnly.records;
  }

  get latest(): TrainRecord | undefined {
    return this.records[this.records.length - 1];
  }

  get ready(): boolean {
    return this.initial !== null;
  }

  protected get measuredStep(): number {
    return this.latest?.step ?? 0;
  }

  /** Frees the current run and creates the one `request` describes (a new network). */
  load(request: RunRequest): Promise<void> {
    const { generation, networks } = this.supersedeNetworks();
    this.lr = request.options.lr;
    this.request = request;
    this.initial = null;
    this.records = [];
    const { network, data } = request;
    const flops = createFlops(network, data.xTrain.length, data.xTest?.length);
    this.progress = {
      label: `Building a width-${network.width} network and its kernel K₀`,
      startedAt: now(),
      estimateMs: throughput.estimateMs(flops),
    };
    return this.enqueue(async () => {
      // The new network is built while the chunk in flight finishes; the old one is freed after it.
      void this.release();
      if (!this.currentNetworks(networks)) return;
      const started = now();
      // Playing: the first chunk's steps are taken in the same call as the network and its K₀.
      const firstSteps = this.player.playing ? this.chunkSteps(0) : 0;
      const start = await this.engine.createRun(firstSteps > 0 ? { ...request, firstSteps } : request);
      if (!this.currentNetworks(networks)) return this.discard([start.runId]);
      throughput.record(flops, now() - started);
      this.runIds = [start.runId];
      this.initial = new InitialKernel(start, data);
      this.records = [start.initial];
      if (start.first) this.accept(start.first.record);
      this.progress = null;
    }, generation);
  }

  /** Back to θ₀ of the same network, to train at learning rate `lr`. */
  retune(lr: number): Promise<void> {
    const generation = this.supersede();
    this.lr = lr;
    if (this.request) this.request = { ...this.request, options: { ...this.request.options, lr } };
    this.records = this.records.slice(0, 1);
    return this.enqueue(async () => {
      const [runId] = this.runIds;
      if (runId === undefined || !this.current(generation)) return;
      await this.idle();
      const initial = await this.engine.restartRun(runId, lr);
      if (this.current(generation)) this.records = [initial];
    }, generation);
  }

  restart(): void {
    void this.retune(this.lr);
  }

  protected reload(): boolean {
    if (this.request) void this.load(this.request);
    return this.request !== null;
  }

  protected async chunk(generation: number): Promise<boolean> {
    const [runId] = this.runIds;
    const latest = this.latest;
    const request = this.request;
    if (runId === undefined || !this.initial || !latest || !request || this.error !== null) return false;
    const steps = this.chunkSteps(latest.step);
    if (steps === 0) return false;
    const flops = steps * stepFlops(request.network, request.data.xTrain.length);
    const result = await this.timedChunk(generation, steps, flops, () => this.engine.stepRun(runId, { steps }));
    if (!result) return true;
    return this.accept(result.record);
  }

  /** Adds a measured record, or stops the run where it diverged; returns whether training goes on. */
  private accept(record: TrainRecord): boolean {
    if (record.diverged) {
      const step = record.divergedAtStep ?? record.step;
      this.diverged(step, divergenceMessage(step, this.lr, this.initial!.stabilityLimit));
      return false;
    }
    this.records = [...this.records, record];
    return record.step < this.horizon;
  }
}
