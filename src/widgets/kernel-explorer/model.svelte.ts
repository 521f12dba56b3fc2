/**
 * The kernel explorer's state: its settings, the networks sampled in the worker for them (once the
 * input rests), and everything derived for the view. The analytic kernels follow the settings on
 * every input event; the samples belong to the settings they were drawn for.
 */
import { untrack } from 'svelte';
import type { EngineApi, KernelSample, KernelSampleRequest } from '../../engine/api';
import { backendStatus, type BackendStatus } from '../../engine/backendStatus.svelte';
import { getEngine } from '../../engine/client';
import { errorMessage } from '../../lib/errorMessage';
import { fitPowerLaw } from '../../lib/ntk';
import type { Readout } from '../kit/ReadoutGrid.svelte';
import { Settled } from '../kit/settled.svelte';
import { WidgetSettings } from '../kit/widgetSettings.svelte';
import type { WidgetProps } from '../types';
import { errorsByWidth, meanAbsDeviation } from './measures';
import { errorSeries, halfSlopeGuide, profileSeries } from './plots';
import { GRID, networkSpec, sampleOneByOne, samplingRequest, SEED_COUNT } from './run';
import type { schema } from './schema';
import { analyticAngleKernels, halfHeightAngle, halfHeightLengthscale } from './theory';

export class KernelExplorerModel {
  readonly settings: WidgetSettings<typeof schema>;
  /** The sampling the settings ask for, once the input rests. */
  readonly request: Settled<KernelSampleRequest>;
  samples = $state.raw<KernelSample[]>([]);
  error = $state<string | null>(null);
  backendNotice = $state<string | null>(null);
  private controller: AbortController | null = null;

  constructor(
    props: () => WidgetProps<typeof schema>,
    private readonly engine: Pick<EngineApi, 'sampleKernels'> = getEngine(),
    private readonly backend: Pick<BackendStatus, 'recover' | 'start'> = backendStatus,
  ) {
    this.settings = new WidgetSettings(props);
    this.request = new Settled(() => samplingRequest(this.settings.snapshot()));
    $effect(() => {
      const request = this.request.current;
      untrack(() => {
        this.backendNotice = null;
        void this.sample(request);
      });
    });
    $effect(() => () => this.controller?.abort());
  }

  private async sample(request: KernelSampleRequest): Promise<void> {
    this.controller?.abort();
    const own = (this.controller = new AbortController());
    this.samples = [];
    this.error = null;
    try {
      await this.backend.start();
      await sampleOneByOne(this.engine, request, (s) => (this.samples = [...this.samples, s]), own.signal);
    } catch (err) {
      const notice = await this.backend.recover(err);
      if (own.signal.aborted) return;
      if (notice === null) this.error = `Sampling the networks failed: ${errorMessage(err)}`;
      else {
        this.backendNotice = notice;
        void this.sample(request); // the same networks again, on the backend the worker moved to
      }
    }
  }

  /** New networks: the next block of seeds. */
  resample(): void {
    const v = this.settings.values;
    v.seed = (v.seed + v.seeds) % SEED_COUNT;
  }

  /** Infinite-width kernels for the settings as they are now (every input event). */
  readonly analytic = $derived.by(() => analyticAngleKernels(GRID, networkSpec(this.settings.values)));
  readonly lengthscale = $derived.by(() => halfHeightLengthscale(halfHeightAngle(GRID, this.analytic.ntk)));

  /** Kernels of the settled settings: the analytic reference the samples are compared with. */
  private readonly sampledAnalytic = $derived.by(() => {
    const { network } = this.request.current;
    return analyticAngleKernels(GRID, network);
  });

  readonly width = $derived.by(() => this.request.current.widths[0]);
  readonly seeds = $derived.by(() => this.request.current.seeds.length);
  readonly total = $derived.by(() => this.request.current.widths.length * this.seeds);
  readonly complete = $derived.by(() => this.samples.length === this.total);
  readonly cloud = $derived.by(() =>
    this.samples.filter((s) => s.width === this.width).map((s) => s.kernel.subarray(GRID.centre * GRID.count, (GRID.centre + 1) * GRID.count)),
  );
  readonly cloudComplete = $derived.by(() => this.cloud.length === this.seeds);
  readonly spread = $derived.by(() => (this.cloudComplete ? meanAbsDeviation(this.cloud, this.sampledAnalytic.ntk) : null));
  readonly widthErrors = $derived.by(() => errorsByWidth(this.samples, this.sampledAnalytic.ntkGram));
  readonly errorAtWidth = $derived.by(() => (this.cloudComplete ? (this.widthErrors.find((e) => e.width === this.width)?.error ?? null) : null));
  readonly fit = $derived.by(() =>
    this.complete && this.widthErrors.length >= 2 ? fitPowerLaw(this.widthErrors.map((e) => ({ x: e.width, y: e.error }))) : null,
  );

  readonly profile = $derived.by(() =>
    profileSeries(GRID, this.analytic, this.lengthscale, this.request.pending ? [] : this.cloud, this.width, this.settings.values.nngp),
  );
  readonly errors = $derived.by(() => errorSeries(this.widthErrors, this.seeds, this.fit));
  readonly guide = $derived.by(() => halfSlopeGuide(this.widthErrors));

  /** What the worker is doing, counted in networks: per width, since the slider counts networks per width. */
  readonly status = $derived.by(() => {
    const widths = this.request.current.widths.length;
    if (this.complete) return `Sampled ${this.seeds} networks at each of ${widths} widths`;
    return `Sampling ${this.seeds} networks at each of ${widths} widths: ${this.samples.length} of ${this.total}`;
  });

  readonly readouts: Readout[] = $derived.by(() => [
    { key: 'spread', label: `Mean |Θ̂ − Θ| at width ${this.width}`, value: this.spread },
    { key: 'error', label: `Relative error at width ${this.width}`, value: this.errorAtWidth },
    { key: 'slope', label: 'Fitted slope (theory −1/2)', value: this.fit?.slope, format: (x) => x.toFixed(2).replace('-', '−') },
  ]);

  readonly moreReadouts: Readout[] = $derived.by(() => [
    { key: 'theta0', label: 'Θ(x₀, x₀), analytic', value: this.analytic.ntk[GRID.centre] },
    { key: 'lengthscale', label: 'Gaussian length scale ℓ', value: this.lengthscale },
  ]);
}
