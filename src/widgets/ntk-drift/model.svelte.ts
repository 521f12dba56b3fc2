/**
 * The drift widget's state: its settings, the runs (one per width) that follow them live, and
 * everything derived for the view. Each width's η and frozen-kernel prediction are taken from the
 * rate controls as they are, so they follow every input event; the measured records are shown only
 * while they belong to that rate.
 */
import { getEngine } from '../../engine/client';
import type { Point } from '../../charts';
import { formatReadout } from '../../lib/format';
import { LiveTraining } from '../kit/liveRun.svelte';
import type { Readout } from '../kit/ReadoutGrid.svelte';
import { speedFactor } from '../kit/settings';
import { stabilityWarning } from '../kit/stability';
import { Visibility } from '../kit/visibility.svelte';
import type { SessionEngine } from '../kit/workerSession.svelte';
import { WidgetSettings } from '../kit/widgetSettings.svelte';
import type { WidgetProps } from '../types';
import { DriftSession } from './driftSession.svelte';
import { driftOverSteps, latestByWidth, lossPlot, movementOverSteps, widthLabel, widthScaling } from './plots';
import { driftRequest, driftSplit, rateRule, sameRule, type DriftRequest, type RateRule } from './run';
import type { schema } from './schema';
import { largestFraction, MUP_FRACTION, tightest, widthTheories } from './theory';

export class DriftModel {
  readonly visibility = new Visibility();
  readonly settings: WidgetSettings<typeof schema>;
  readonly session: DriftSession;
  readonly live: LiveTraining<DriftRequest, RateRule>;

  constructor(props: () => WidgetProps<typeof schema>, engine: SessionEngine = getEngine()) {
    this.settings = new WidgetSettings(props);
    this.session = new DriftSession(engine, () => this.visibility.visible);
    this.live = new LiveTraining(
      this.session,
      {
        request: () => driftRequest(this.settings.snapshot()),
        horizon: () => this.settings.values.steps,
        speed: () => speedFactor(this.settings.values.speed),
      },
      driftSplit,
    );
  }

  /** The rate rule the controls describe now. */
  readonly rule = $derived.by(() => rateRule(this.settings.values));
  /** The rate control in view: the fraction of each width's limit, or the one η. */
  readonly rateKey = $derived.by(() => (this.settings.values.lrmode === 'fraction' ? 'lrfraction' : 'lr'));
  readonly primary = $derived.by(() => ['parameterization', this.rateKey]);
  /** The rate control of the other rule is not offered. */
  readonly hidden = $derived.by(() => [this.rateKey === 'lr' ? 'lrfraction' : 'lr']);

  /** Each width's η, limit and frozen-kernel prediction at the controls' rate (empty until the networks exist). */
  readonly theories = $derived.by(() => widthTheories(this.session.runs, this.rule));
  /** The smallest limit, drawn on the η control under one η for all (the only rule that reads η). */
  readonly limit = $derived.by(() => (this.rule.kind === 'fixed' ? (tightest(this.theories)?.limit ?? null) : null));

  /** The runs with the records of the controls' rate: just the initial ones while a new rate waits for its restart. */
  readonly runs = $derived.by(() => {
    const { rule, runs } = this.session;
    return rule && sameRule(rule, this.rule) ? runs : runs.map((run) => ({ ...run, records: run.records.slice(0, 1) }));
  });
  readonly step = $derived.by(() => this.runs[0]?.records.at(-1)?.step ?? 0);

  readonly kernelByWidth = $derived.by(() => latestByWidth(this.runs, (r) => r.kernelChange));
  readonly weightsByWidth = $derived.by(() => latestByWidth(this.runs, (r) => r.firstLayerChange));
  readonly paramsByWidth = $derived.by(() => latestByWidth(this.runs, (r) => r.paramChange));
  readonly lossByWidth = $derived.by(() => latestByWidth(this.runs, (r) => r.trainLoss));

  readonly drift = $derived.by(() => driftOverSteps(this.runs));
  readonly movement = $derived.by(() => movementOverSteps(this.runs));
  readonly loss = $derived.by(() => lossPlot(this.runs, this.theories, this.session.horizon));
  readonly kernelScaling = $derived.by(() => widthScaling(this.kernelByWidth, 'kernel drift'));
  readonly weightScaling = $derived.by(() => widthScaling(this.weightsByWidth, 'first-layer movement'));

  /**
   * Before training: under one η for all, whether it passes the smallest width's limit; under μP,
   * why the rate must be smaller than in the NTK parameterisation.
   */
  readonly notice = $derived.by(() => {
    if (this.session.error) return null;
    const tight = tightest(this.theories);
    if (this.rule.kind === 'fixed' && tight) {
      const warning = stabilityWarning(tight.lr, tight.limit, tight.linearised.modeFactor(0));
      if (warning) return `One η for every width, and width ${tight.width} has the smallest limit. ${warning}`;
    }
    const fraction = this.rule.kind === 'fraction' ? this.rule.fraction : largestFraction(this.theories);
    if (this.settings.values.parameterization === 'mup' && fraction > MUP_FRACTION) {
      return (
        `μP: the kernel grows during training at every width, so η = ${formatReadout(fraction)} × 2n/λ_max of K₀ ends up past the ` +
        'limit of the kernel the network grows into: the loss stalls well above zero, and deeper networks diverge. ' +
        `Set η ÷ (2n/λ_max) to ${MUP_FRACTION} or less to let μP fit.`
      );
    }
    return null;
  });

  /** The numbers the caption talks about. */
  readonly readouts: Readout[] = $derived.by(() => [
    { key: 'slope-kernel', label: 'Fitted slope, kernel drift', value: this.kernelScaling.fit?.slope },
    { key: 'slope-weights', label: 'Fitted slope, first-layer movement', value: this.weightScaling.fit?.slope },
    ...this.byWidth('drift', 'Kernel drift', this.kernelByWidth),
  ]);

  readonly moreReadouts: Readout[] = $derived.by(() => [
    ...this.theories.map((t) => ({ key: `lr-${t.width}`, label: `η, ${widthLabel(t.width)}`, value: t.lr })),
    ...this.theories.map((t) => ({ key: `limit-${t.width}`, label: `2n/λ_max, ${widthLabel(t.width)}`, value: t.limit })),
    ...this.byWidth('weights', 'First-layer movement', this.weightsByWidth),
    ...this.byWidth('loss', 'Train loss', this.lossByWidth),
  ]);

  /** One readout per width of the settings, '–' for a width with no value yet. */
  private byWidth(key: string, label: string, points: readonly Point[]): Readout[] {
    return this.settings.values.widths.map((width) => ({
      key: `${key}-${width}`,
      label: `${label}, ${widthLabel(width)}`,
      value: points.find((p) => p.x === width)?.y,
    }));
  }

  dispose(): void {
    this.session.dispose();
  }
}
