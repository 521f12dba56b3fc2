/**
 * The frozen-kernel widget's state: its settings, the training session that follows them live, and
 * everything derived for the view. The theory is taken at the slider's η, so it redraws on every
 * input event; the measured records are shown only while they belong to that η.
 */
import { getEngine } from '../../engine/client';
import type { NumberSetting } from '../../lib/settings';
import { LinearisedSession, type SessionEngine } from '../kit/linearisedSession.svelte';
import { LiveRun } from '../kit/liveRun.svelte';
import type { Readout } from '../kit/ReadoutGrid.svelte';
import { regimeNotice, speedFactor } from '../kit/settings';
import { stabilityWarning } from '../kit/stability';
import { Visibility } from '../kit/visibility.svelte';
import { WidgetSettings } from '../kit/widgetSettings.svelte';
import type { WidgetProps } from '../types';
import { lossPlot, maxLossGap, maxOutputGap, stabilityPlot } from './plots';
import { frozenDataset, runRequest } from './run';
import { schema } from './schema';

const lrSetting = schema.find((s) => s.key === 'lr') as NumberSetting;

export class FrozenKernelModel {
  readonly visibility = new Visibility();
  readonly settings: WidgetSettings<typeof schema>;
  readonly session: LinearisedSession;
  readonly live: LiveRun;

  constructor(props: () => WidgetProps<typeof schema>, engine: SessionEngine = getEngine()) {
    this.settings = new WidgetSettings(props);
    this.session = new LinearisedSession(engine, () => this.visibility.visible);
    this.live = new LiveRun(this.session, {
      request: () => {
        const s = this.settings.snapshot();
        return runRequest(s, frozenDataset(s));
      },
      horizon: () => this.settings.values.steps,
      speed: () => speedFactor(this.settings.values.speed),
    });
  }

  /** The frozen-kernel theory at the slider's η (null until the run's K₀ is known). */
  readonly theory = $derived.by(() => this.session.initial?.at(this.settings.values.lr) ?? null);
  /** Measured records for the η on the slider: just the initial one while a new η waits for its run. */
  readonly records = $derived.by(() => this.session.lr === this.settings.values.lr ? this.session.records : this.session.records.slice(0, 1));
  readonly latest = $derived.by(() => this.records.at(-1));
  readonly limit = $derived.by(() => this.session.initial?.stabilityLimit ?? null);

  readonly loss = $derived.by(() => this.theory ? lossPlot(this.theory, this.records, this.session.horizon) : null);
  readonly stability = $derived.by(() => this.theory ? stabilityPlot(this.theory, [lrSetting.min, lrSetting.max]) : null);
  readonly predictedLoss = $derived.by(() => this.theory && this.latest ? this.theory.theory.loss(this.latest.step, 'gd') : null);
  readonly lossGap = $derived.by(() => this.theory ? maxLossGap(this.theory, this.records) : null);
  readonly outputGap = $derived.by(() => this.theory ? maxOutputGap(this.theory, this.records) : null);

  readonly notice = $derived.by(() => {
    const t = this.theory;
    const warning = t && !this.session.error ? stabilityWarning(t.lr, t.stabilityLimit, t.modeFactor(0)) : null;
    return warning ?? regimeNotice(this.settings.values);
  });

  /** The numbers the caption talks about. */
  readonly readouts: Readout[] = $derived.by(() => [
    { key: 'loss', label: 'Loss, measured', value: this.latest?.trainLoss },
    { key: 'loss-linearised', label: 'Loss, linearised', value: this.predictedLoss },
    { key: 'max-gap', label: 'Largest loss gap |L − L_lin|/L_lin', value: this.lossGap },
    { key: 'limit', label: 'Stability limit 2n/λ_max', value: this.limit },
  ]);

  readonly moreReadouts: Readout[] = $derived.by(() => [
    { key: 'lr', label: 'Learning rate η', value: this.theory?.lr },
    { key: 'lambda-max', label: 'λ_max of K₀', value: this.theory?.theory.eigen.values[0] },
    { key: 'lambda-min', label: 'λ_min of K₀', value: this.theory?.theory.eigen.values.at(-1) },
    { key: 'top-factor', label: 'Top-mode factor |1 − ηλ_max/n|', value: this.theory?.modeFactor(0) },
    { key: 'output-gap', label: 'Largest output gap ‖f − f_lin‖/‖f₀ − y‖', value: this.outputGap },
  ]);

  dispose(): void {
    this.session.dispose();
  }
}
