/**
 * The drift widget's training: one run per width in the worker, stepped round-robin (every width by
 * the same number of steps per chunk), so all curves grow together and stop together at the
 * horizon. Each width keeps its K₀ with its spectrum (InitialKernel): its stability limit 2n/λ_max,
 * and the frozen-kernel loss at any η.
 *
 * - load(request): new networks, one per width; under the fraction rule the worker picks each
 *   width's η from the K₀ it computes while building the run, in the same call.
 * - retune(rule): the same networks back at θ₀, each at the η the rule gives it from its own limit:
 *   no new network, no kernel computation.
 * - restart(): the same networks and rule from θ₀ (the Reset button).
 *
 * What it shares with LinearisedSession (queue, generations, backend loss, chunk timing) is in
 * ../kit/workerSession.svelte.ts.
 */
import type { TrainRecord } from '../../lib/nn';
import { InitialKernel } from '../kit/linearisedRun';
import { divergenceMessage } from '../kit/stability';
import { WorkerSession } from '../kit/workerSession.svelte';
import { now, throughput } from '../kit/workEstimate';
import { buildFlops, chunkFlops, driftRecord, learningRate, widthRunRequest, type DriftRecord, type DriftRequest, type RateRule } from './run';

export interface WidthRun {
  width: number;
  runId: number;
  /** K₀ with its spectrum: the limit 2n/λ_max and the frozen-kernel theory at any η. */
  initial: InitialKernel;
  /** The η the records belong to. */
  lr: number;
  /** The initial record first. */
  records: DriftRecord[];
}

export class DriftSession extends WorkerSession {
  /** One per width, in the request's order; empty while the networks are being built. */
  runs = $state.raw<WidthRun[]>([]);
  /** The rule the records belong to; null before the first load. */
  rule = $state.raw<RateRule | null>(null);
  private request: DriftRequest | null = null;

  get ready(): boolean {
    return this.runs.length > 0;
  }

  protected get measuredStep(): number {
    return this.runs[0]?.records.at(-1)?.step ?? 0;
  }

  /** Frees the current runs and builds one network per width of `request`. */
  load(request: DriftRequest): Promise<void> {
    const { generation, networks } = this.supersedeNetworks();
    this.request = request;
    this.rule = request.rule;
    this.runs = [];
    const flops = buildFlops(request);
    this.progress = {
      label: `Building networks of width ${request.widths.join(', ')} and their kernels K₀`,
      startedAt: now(),
      estimateMs: throughput.estimateMs(flops),
    };
    return this.enqueue(async () => {
      // The new networks are built while the chunk in flight finishes; the old ones are freed after it.
      void this.release();
      if (!this.currentNetworks(networks)) return;
      const started = now();
      const runs: WidthRun[] = [];
      try {
        for (const width of request.widths) {
          const start = await this.engine.createRun(widthRunRequest(request, width));
          runs.push({ width, runId: start.runId, initial: new InitialKernel(start, request.data), lr: start.lr, records: [driftRecord(start.initial)] });
          if (!this.currentNetworks(networks)) break;
        }
      } catch (err) {
        this.discard(runs.map((run) => run.runId));
        throw err;
      }
      if (!this.currentNetworks(networks)) return this.discard(runs.map((run) => run.runId));
      throughput.record(flops, now() - started);
      this.runIds = runs.map((run) => run.runId);
      this.runs = runs;
      this.progress = null;
    }, generation);
  }

  /** Back to θ₀ of the same networks, each to train at the η `rule` gives it. */
  retune(rule: RateRule): Promise<void> {
    const generation = this.supersede();
    this.rule = rule;
    if (this.request) this.request = { ...this.request, rule };
    this.runs = this.runs.map((run) => ({ ...run, records: run.records.slice(0, 1) }));
    return this.enqueue(async () => {
      // Read once the queue gets here: networks still being built when retune was called exist now.
      const runs = this.runs;
      if (runs.length === 0 || !this.current(generation)) return;
      await this.idle();
      const lrs = runs.map((run) => learningRate(rule, run.initial.stabilityLimit));
      const initials: TrainRecord[] = [];
      for (const [i, run] of runs.entries()) {
        initials.push(await this.engine.restartRun(run.runId, lrs[i]));
        if (!this.current(generation)) return;
      }
      this.runs = runs.map((run, i) => ({ ...run, lr: lrs[i], records: [driftRecord(initials[i])] }));
    }, generation);
  }

  restart(): void {
    if (this.rule) void this.retune(this.rule);
  }

  protected reload(): boolean {
    if (this.request) void this.load(this.request);
    return this.request !== null;
  }

  protected async chunk(generation: number): Promise<boolean> {
    const runs = this.runs;
    const request = this.request;
    if (runs.length === 0 || !request || this.error !== null) return false;
    const steps = this.chunkSteps(this.measuredStep);
    if (steps === 0) return false;
    const step = () => Promise.all(runs.map((run) => this.engine.stepRun(run.runId, { steps })));
    const results = await this.timedChunk(generation, steps, chunkFlops(request, steps), step);
    if (!results) return true;
    const failed = results.findIndex(({ record }) => record.diverged);
    if (failed >= 0) {
      const run = runs[failed];
      const { record } = results[failed];
      const at = record.divergedAtStep ?? record.step;
      this.diverged(at, `${divergenceMessage(at, run.lr, run.initial.stabilityLimit)} (Width ${run.width}; the other widths stop with it.)`);
      return false;
    }
    this.runs = runs.map((run, i) => ({ ...run, records: [...run.records, driftRecord(results[i].record)] }));
    return this.measuredStep < this.horizon;
  }
}
