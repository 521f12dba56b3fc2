/**
 * The frozen-kernel widget's state: its settings, the training session that follows them live, and
 * everything derived for the view. The theory is taken at the slider's η, so it redraws on every
 * input event; the measured records are shown only while they belong to that η. The training points
 * can be dragged on the data chart: the infinite-width prediction (analytic NTK, f₀ = 0) follows
 * every move, the network restarts when the point is dropped.
 */
import { getEngine } from '../../engine/client';
import { hasKernelLimit } from '../../lib/nn/parameterization';
import type { NumberSetting, PointListSetting } from '../../lib/settings';
import { LinearisedSession, type SessionEngine } from '../kit/linearisedSession.svelte';
import { LiveRun } from '../kit/liveRun.svelte';
import type { Readout } from '../kit/ReadoutGrid.svelte';
import { regimeNotice, speedFactor } from '../kit/settings';
import { stabilityWarning } from '../kit/stability';
import { Visibility } from '../kit/visibility.svelte';
import { WidgetSettings } from '../kit/widgetSettings.svelte';
// The data editing and the infinite-width curve are the first-look widget's (to move into the kit).
import { DataEditor } from '../kit/dataEditor.svelte';
import { keepCountWithPoints } from '../kit/editedPoints.svelte';
import { curvesAt, fitSeries, infiniteWidthOnPage } from '../kit/functionFit';
import type { WidgetProps } from '../types';
import { lossPlot, maxLossGap, maxOutputGap, stabilityPlot } from './plots';
import { BIAS_STD, editedPoints, frozenDataset, POINTS_KEY, runRequest, TARGET_RANGE, WEIGHT_STD } from './run';
import { schema } from './schema';

const lrSetting = schema.find((s) => s.key === 'lr') as NumberSetting;
const pointSettings = {
  regression1d: schema.find((s) => s.key === POINTS_KEY.regression1d) as PointListSetting,
  circle: schema.find((s) => s.key === POINTS_KEY.circle) as PointListSetting,
};
export const DATA_Y_DOMAIN = [TARGET_RANGE.min, TARGET_RANGE.max] as const;

export class FrozenKernelModel {
  readonly visibility = new Visibility();
  readonly settings: WidgetSettings<typeof schema>;
  readonly session: LinearisedSession;
  readonly live: LiveRun;
  readonly editor: DataEditor;

  constructor(props: () => WidgetProps<typeof schema>, engine: SessionEngine = getEngine()) {
    this.settings = new WidgetSettings(props);
    this.session = new LinearisedSession(engine, () => this.visibility.visible);
    this.editor = new DataEditor(
      () => this.pointSetting,
      (points) => (this.settings.values[POINTS_KEY[this.settings.values.dataset]] = points),
    );
    this.live = new LiveRun(this.session, {
      // this.data, not frozenDataset(…) again: an η event must not rebuild the data set.
      request: this.editor.held(() => runRequest(this.settings.snapshot(), this.data)),
      horizon: () => this.settings.values.steps,
      speed: () => speedFactor(this.settings.values.speed),
    });
    const values = () => this.settings.values;
    keepCountWithPoints(values, { read: () => editedPoints(values()), clear: () => (values()[POINTS_KEY[values().dataset]] = []) });
  }

  /** The setting that keeps the points of the data set in use. */
  get pointSetting(): PointListSetting {
    return pointSettings[this.settings.values.dataset];
  }

  /** The data the settings describe (while a point is dragged, ahead of the run in the worker). */
  readonly data = $derived.by(() => frozenDataset(this.settings.values));
  readonly editable = $derived.by(() => this.editor.editable(this.data.points, 'training points'));
  /**
   * The infinite-width prediction but η (the η slider does not recompute the kernel); null where
   * there is none (standard parameterisation) or it is too slow to follow a drag (tanh).
   */
  private readonly infiniteSpectrum = $derived.by(() => {
    const { parameterization, depth, activation } = this.settings.values;
    if (!hasKernelLimit(parameterization)) return null;
    return infiniteWidthOnPage(this.data, { depth, activation, wStd: WEIGHT_STD, bStd: BIAS_STD });
  });
  /** The infinite-width prediction at the slider's η. */
  readonly infinite = $derived.by(() => this.infiniteSpectrum?.dynamics(this.settings.values.lr) ?? null);

  /** The frozen-kernel theory at the slider's η (null until the run's K₀ is known). */
  readonly theory = $derived.by(() => this.session.initial?.at(this.settings.values.lr) ?? null);
  /** Measured records for the η on the slider: just the initial one while a new η waits for its run. */
  readonly records = $derived.by(() => this.session.recordsAt(this.settings.values.lr));
  readonly latest = $derived.by(() => this.records.at(-1));
  readonly limit = $derived.by(() => this.session.initial?.stabilityLimit ?? null);

  /** The network, its linearisation and the infinite-width prediction over the data's coordinate, at the network's step. */
  readonly fit = $derived.by(() => fitSeries(this.data.grid, curvesAt(this.latest, this.theory?.theory, this.infinite), DATA_Y_DOMAIN));
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
