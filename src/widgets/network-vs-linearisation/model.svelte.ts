/**
 * The first-look widget's state: a network training on the reader's points next to its
 * linearisation around θ₀ and the infinite-width prediction. Both predictions are taken at the
 * settings' η and data, so they redraw on every input event and, for the infinite-width one, on
 * every pointer move of a dragged point; the network restarts when the width changes or a point is
 * dropped. It starts training by itself unless told not to (reduced motion).
 */
import { getEngine } from '../../engine/client';
import type { PointListSetting } from '../../lib/settings';
import { LinearisedSession, type SessionEngine } from '../kit/linearisedSession.svelte';
import { LiveRun } from '../kit/liveRun.svelte';
import type { Readout } from '../kit/ReadoutGrid.svelte';
import { speedFactor } from '../kit/settings';
import { stabilityWarning } from '../kit/stability';
import { Visibility } from '../kit/visibility.svelte';
import { WidgetSettings } from '../kit/widgetSettings.svelte';
import { curvesAt, fitSeries, infiniteWidthOnPage, largestGap, relativeGap } from '../kit/functionFit';
import type { WidgetProps } from '../types';
import { DataEditor } from '../kit/dataEditor.svelte';
import { GRID, NETWORK, runRequest, TARGET_RANGE, trainingData } from './run';
import { schema } from './schema';

const pointsSetting = schema.find((s) => s.key === 'points') as PointListSetting;
export const Y_DOMAIN = [TARGET_RANGE.min, TARGET_RANGE.max] as const;

export interface ModelOptions {
  /** Start training as soon as the widget is on screen (off under prefers-reduced-motion). */
  autoplay?: boolean;
}

export class NetworkVsLinearisationModel {
  readonly visibility = new Visibility();
  readonly settings: WidgetSettings<typeof schema>;
  readonly session: LinearisedSession;
  readonly editor: DataEditor;
  readonly live: LiveRun;

  constructor(props: () => WidgetProps<typeof schema>, engine: SessionEngine = getEngine(), { autoplay = true }: ModelOptions = {}) {
    this.settings = new WidgetSettings(props);
    this.session = new LinearisedSession(engine, () => this.visibility.visible);
    this.editor = new DataEditor(() => pointsSetting, (points) => (this.settings.values.points = points));
    this.live = new LiveRun(this.session, {
      request: this.editor.held(() => runRequest(this.settings.snapshot())),
      horizon: () => this.settings.values.steps,
      speed: () => speedFactor(this.settings.values.speed),
    });
    if (autoplay) this.session.player.play();
  }

  /** The points on the chart now (while one is dragged, ahead of the network's). */
  readonly points = $derived.by(() => this.settings.values.points.map((p) => ({ x: p.x, y: p.y })));
  private readonly data = $derived.by(() => trainingData(this.points));

  /** The network's linearisation at the slider's η (null until the run's K₀ is known). */
  readonly linearised = $derived.by(() => this.session.initial?.at(this.settings.values.lr) ?? null);
  /** The infinite-width prediction but η, for the points on the chart: the η slider does not recompute the kernel. */
  private readonly infiniteSpectrum = $derived.by(() => infiniteWidthOnPage(this.data, NETWORK));
  /** The infinite-width prediction at the slider's η. */
  readonly infinite = $derived.by(() => this.infiniteSpectrum?.dynamics(this.settings.values.lr) ?? null);
  /** Measured records for the η on the slider: just the initial one while a new η waits for its run. */
  readonly records = $derived.by(() => this.session.recordsAt(this.settings.values.lr));
  readonly latest = $derived.by(() => this.records.at(-1));
  /** The step every curve is drawn at: the network's. */
  readonly step = $derived.by(() => this.latest?.step ?? 0);
  readonly limit = $derived.by(() => this.session.initial?.stabilityLimit ?? null);

  readonly curves = $derived.by(() => curvesAt(this.latest, this.linearised?.theory, this.infinite));
  readonly series = $derived.by(() => fitSeries(GRID, this.curves, Y_DOMAIN));
  readonly editable = $derived.by(() => this.editor.editable(this.points, 'training points'));

  /** ‖f − f_lin‖/‖f_lin − f₀‖ on the grid, largest over the run so far: small means "trains like its linearisation". */
  readonly gapLinearised = $derived.by(() => (this.linearised ? largestGap(this.linearised.theory, this.records) : null));
  /** ‖f − f_∞‖/‖f_∞‖ now: the network's own f₀ keeps it apart from the mean over initialisations. */
  readonly gapInfinite = $derived.by(() => {
    const { network, infinite } = this.curves;
    return network && infinite && this.step > 0 ? relativeGap(network, infinite, infinite.map(() => 0)) : null;
  });

  readonly notice = $derived.by(() => {
    const run = this.linearised;
    return run && !this.session.error ? stabilityWarning(run.lr, run.stabilityLimit, run.modeFactor(0)) : null;
  });

  /** The number the caption talks about. */
  readonly readouts: Readout[] = $derived.by(() => [
    { key: 'gap-linearised', label: 'Largest gap to its linearisation, ‖f − f_lin‖/‖f_lin − f₀‖', value: this.gapLinearised },
  ]);

  readonly moreReadouts: Readout[] = $derived.by(() => [
    { key: 'gap-infinite', label: 'Gap to infinite width ‖f − f_∞‖/‖f_∞‖', value: this.gapInfinite },
    { key: 'loss', label: 'Train loss, network', value: this.latest?.trainLoss },
    { key: 'loss-linearised', label: 'Train loss, linearisation', value: this.linearised && this.latest ? this.linearised.theory.loss(this.step, 'gd') : null },
    { key: 'limit', label: 'Stability limit 2n/λ_max of K₀', value: this.limit },
    { key: 'lr', label: 'Learning rate η', value: this.linearised?.lr },
    { key: 'n', label: 'Training points n', value: this.points.length },
  ]);

  dispose(): void {
    this.session.dispose();
  }
}
