/**
 * The eigenmode widget's state: its settings, the training session that follows them live, and
 * everything derived for the view. The theory is taken at the slider's η, so it redraws on every
 * input event; the measured records are shown only while they belong to that η. The modes shown
 * are read from the run's own K₀, with the target of the settings that run was built for.
 */
import { getEngine } from '../../engine/client';
import { LinearisedSession, type SessionEngine } from '../kit/linearisedSession.svelte';
import { LiveRun } from '../kit/liveRun.svelte';
import type { Readout } from '../kit/ReadoutGrid.svelte';
import { regimeNotice, speedFactor } from '../kit/settings';
import { Settled } from '../kit/settled.svelte';
import { stabilityWarning } from '../kit/stability';
import { Visibility } from '../kit/visibility.svelte';
import { WidgetSettings } from '../kit/widgetSettings.svelte';
import type { WidgetProps } from '../types';
import { bestRecord, predictedEarlyStop } from '../kit/earlyStopping';
import { modeGap, residualFraction } from './measures';
import { describeModes, lossPlot, modePlot, spectrumPlot } from './plots';
import { cleanTarget, runRequest, trainingAngles } from './run';
import type { schema } from './schema';
import { shownModes } from './theory';

/** Modes on the lead chart: the top three, those carrying a tenth of the target, slower ones for contrast. */
const SHOWN = { top: 3, share: 0.1, max: 6 };

export class EigenmodeModel {
  readonly visibility = new Visibility();
  readonly settings: WidgetSettings<typeof schema>;
  readonly session: LinearisedSession;
  readonly live: LiveRun;
  /** The settings once the input rests: those the current run was built for. */
  private readonly settled: Settled<ReturnType<WidgetSettings<typeof schema>['snapshot']>>;

  constructor(props: () => WidgetProps<typeof schema>, engine: SessionEngine = getEngine()) {
    this.settings = new WidgetSettings(props);
    this.session = new LinearisedSession(engine, () => this.visibility.visible);
    this.settled = new Settled(() => this.settings.snapshot());
    this.live = new LiveRun(this.session, {
      request: () => runRequest(this.settings.snapshot()),
      horizon: () => this.settings.values.steps,
      speed: () => speedFactor(this.settings.values.speed),
    });
  }

  /** The frozen-kernel theory at the slider's η (null until the run's K₀ is known). */
  readonly theory = $derived.by(() => this.session.initial?.at(this.settings.values.lr) ?? null);
  /** Measured records for the η on the slider: just the initial one while a new η waits for its run. */
  readonly records = $derived.by(() => this.session.recordsAt(this.settings.values.lr));
  readonly latest = $derived.by(() => this.records.at(-1));
  readonly limit = $derived.by(() => this.session.initial?.stabilityLimit ?? null);
  /** The step the counter shows, for the curves that follow training (the spectrum's cut). */
  readonly step = $derived.by(() => this.latest?.step ?? 0);

  readonly modes = $derived.by(() => {
    const initial = this.session.initial;
    if (!initial) return [];
    const thetas = trainingAngles(initial.n);
    const { eigen } = initial.spectrum;
    const { vectors } = eigen;
    const target = cleanTarget(this.settled.current.target, thetas);
    const describeAll = describeModes(eigen, thetas, vectors.map((_, k) => k));
    const picked = shownModes(
      {
        target: vectors.map((v) => v.reduce((sum, vi, i) => sum + vi * target[i], 0)),
        residual: initial.spectrum.coefficients,
        frequencies: describeAll.map((m) => m.frequency),
      },
      SHOWN,
    );
    return picked.map((k) => describeAll[k]);
  });

  readonly modeChart = $derived.by(() => (this.theory ? modePlot(this.theory, this.records, this.modes, this.session.horizon) : null));
  readonly stop = $derived.by(() => (this.theory ? predictedEarlyStop(this.theory, this.session.horizon) : null));
  readonly lossChart = $derived.by(() => (this.theory && this.stop ? lossPlot(this.theory, this.records, this.session.horizon, this.stop) : null));
  readonly spectrum = $derived.by(() => (this.theory ? spectrumPlot(this.theory, this.step) : null));
  readonly measuredStop = $derived.by(() => bestRecord(this.records));
  readonly gap = $derived.by(() => (this.theory ? modeGap(this.theory, this.records, this.modes.map((m) => m.k)) : null));
  readonly fraction = $derived.by(() => {
    const initial = this.session.initial;
    return initial && this.latest ? residualFraction(this.records[0], this.latest, initial.yTrain) : null;
  });
  readonly predictedFraction = $derived.by(() =>
    this.theory && this.latest ? Math.sqrt(this.theory.theory.loss(this.latest.step, 'gd') / this.theory.theory.loss(0, 'gd')) : null,
  );

  readonly notice = $derived.by(() => {
    const t = this.theory;
    const warning = t && !this.session.error ? stabilityWarning(t.lr, t.stabilityLimit, t.modeFactor(0)) : null;
    return warning ?? regimeNotice(this.settings.values);
  });

  /** The numbers the caption talks about: the modes against their prediction, and where to stop. */
  readonly readouts: Readout[] = $derived.by(() => [
    { key: 'mode-gap', label: 'Largest mode gap ÷ ‖r₀‖', value: this.gap },
    { key: 'best-step', label: 'Best stop, measured', value: this.measuredStop?.step },
    { key: 'best-step-predicted', label: 'Best stop, predicted', value: this.stop?.step },
    { key: 'test-loss-best', label: 'Held-out loss at best stop', value: this.measuredStop?.testLoss },
    { key: 'test-loss', label: 'Held-out loss now', value: this.latest?.testLoss },
  ]);

  readonly moreReadouts: Readout[] = $derived.by(() => [
    { key: 'residual-fraction', label: 'Residual left ‖f − y‖/‖f₀ − y‖', value: this.fraction },
    { key: 'residual-fraction-predicted', label: 'Residual left, predicted', value: this.predictedFraction },
    { key: 'limit', label: 'Stability limit 2n/λ_max', value: this.limit },
    { key: 'one-step', label: 'Top mode gone in one step at η = n/λ_max', value: this.limit === null ? null : this.limit / 2 },
    { key: 'lambda-max', label: 'λ_max of K₀', value: this.theory?.theory.eigen.values[0] },
  ]);

  dispose(): void {
    this.session.dispose();
  }
}
