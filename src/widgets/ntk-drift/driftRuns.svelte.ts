/**
 * The runs behind the drift widget: one training run per width in the worker, created on the first
 * chunk and stepped round-robin (every width by the same number of steps per chunk), so all curves
 * grow together and stop together at the requested step count. When the worker's backend is lost,
 * the runs start again on the next backend.
 */
import type { EngineApi } from '../../engine/api';
import { backendStatus, type BackendStatus } from '../../engine/backendStatus.svelte';
import { speedFactor } from '../shared/settings';
import { DRIFT_DATA, chunkSize, driftRecord, networkFor, stabilityLimit, type DriftRecord, type DriftSettings } from './experiment';
import { formatValue } from './plots';

export type DriftEngine = Pick<EngineApi, 'sampleKernels' | 'createRun' | 'stepRun' | 'disposeRun'>;

export interface WidthRun {
  width: number;
  runId: number;
  /** The η this width trains with. */
  lr: number;
  /** 2n/λ_max of this run's own K₀. */
  limit: number;
  /** The initial record first. */
  records: DriftRecord[];
}

const n = DRIFT_DATA.yTrain.length;

export class DriftRuns {
  runs = $state.raw<WidthRun[]>([]);
  /** GD steps every run has taken. */
  step = $state(0);
  /** Why training cannot go on (unstable η, divergence); cleared by reset. */
  error = $state<string | null>(null);
  /** Why the runs started again on another backend (BackendStatus.recover); cleared by reset. */
  backendNotice = $state<string | null>(null);
  /** Bumped by reset, so that results of calls still in flight are dropped. */
  private generation = 0;

  constructor(
    private readonly engine: DriftEngine,
    private readonly backend: Pick<BackendStatus, 'recover'> = backendStatus,
  ) {}

  /** Drops the runs and frees them in the worker. */
  reset(): void {
    this.generation++;
    const old = this.runs;
    this.runs = [];
    this.step = 0;
    this.error = null;
    this.backendNotice = null;
    for (const run of old) void this.engine.disposeRun(run.runId).catch(() => undefined);
  }

  /** One chunk of training for every width; resolves to whether there is more to do. */
  async advance(settings: DriftSettings): Promise<boolean> {
    const generation = this.generation;
    try {
      return await this.chunk(settings, generation);
    } catch (err) {
      const notice = await this.backend.recover(err);
      if (notice === null) throw err;
      // The next chunk creates the runs on the backend the worker moved to.
      if (generation === this.generation) {
        this.reset();
        this.backendNotice = notice;
      }
      return true;
    }
  }

  private async chunk(settings: DriftSettings, generation: number): Promise<boolean> {
    if (this.runs.length === 0) {
      const runs = await this.createRuns(settings);
      if (generation !== this.generation) {
        for (const run of runs) void this.engine.disposeRun(run.runId).catch(() => undefined);
        return false;
      }
      this.runs = runs;
    }
    const unstable = this.runs.filter((run) => run.lr >= run.limit);
    if (unstable.length > 0) {
      this.error =
        'This η is at or above the stability limit 2n/λ_max, so gradient descent would diverge: ' +
        unstable.map((r) => `width ${r.width}: η = ${formatValue(r.lr)}, limit ${formatValue(r.limit)}`).join('; ') +
        '. Lower η, or let each width take a fraction of its own limit.';
      return false;
    }
    const steps = Math.min(chunkSize(settings.steps, speedFactor(settings.speed)), settings.steps - this.step);
    if (steps <= 0) return false;

    const results = await Promise.all(this.runs.map((run) => this.engine.stepRun(run.runId, { steps })));
    if (generation !== this.generation) return false;
    const divergedAt = results.findIndex(({ record }) => record.diverged);
    if (divergedAt >= 0) {
      const run = this.runs[divergedAt];
      this.error =
        `Training diverged at width ${run.width} near step ${results[divergedAt].record.divergedAtStep}: ` +
        `η = ${formatValue(run.lr)} against the predicted limit 2n/λ_max = ${formatValue(run.limit)}.`;
      return false;
    }
    this.runs = this.runs.map((run, i) => ({ ...run, records: [...run.records, driftRecord(results[i].record)] }));
    this.step += steps;
    return this.step < settings.steps;
  }

  /**
   * One run per width. In the standard parameterisation K₀ grows with the width, so one η for every
   * width is either timid for the narrow nets or unstable for the wide ones; the 'fraction' rule
   * gives each width the same fraction of its own limit 2n/λ_max. η must be known before the run
   * exists, so K₀ is first sampled from identically seeded networks; the limit kept is the one of
   * the run's own K₀.
   */
  private async createRuns(settings: DriftSettings): Promise<WidthRun[]> {
    const { seed, ...shared } = networkFor(settings);
    const sampled =
      settings.lrmode === 'fraction'
        ? await this.engine.sampleKernels({ network: shared, widths: settings.widths, seeds: [seed], x1: DRIFT_DATA.xTrain, weighting: 'lr' })
        : [];
    const learningRate = (width: number): number => {
      if (settings.lrmode === 'fixed') return settings.lr;
      const sample = sampled.find((s) => s.width === width);
      if (!sample) throw new Error(`the worker sampled no initial kernel for width ${width}`);
      return settings.lrfraction * stabilityLimit(sample.kernel, n);
    };
    const runs: WidthRun[] = [];
    try {
      for (const width of settings.widths) {
        const lr = learningRate(width);
        const start = await this.engine.createRun({
          network: { ...shared, seed, width },
          data: DRIFT_DATA,
          options: { lr, kernelEvery: 1 },
        });
        runs.push({ width, runId: start.runId, lr, limit: stabilityLimit(start.kernelTrain, n), records: [driftRecord(start.initial)] });
      }
    } catch (err) {
      for (const run of runs) void this.engine.disposeRun(run.runId).catch(() => undefined);
      throw err;
    }
    return runs;
  }
}
