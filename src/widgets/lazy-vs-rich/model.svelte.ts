/**
 * The lazy-vs-rich widget's state: its settings, the training session that follows them live (its
 * engine wrapped to track the first layer's weights as particles), the infinite-width kernel
 * computed in the worker when its inputs change, and everything derived for the view. Both
 * predictions are taken at the slider's η, so they redraw on every input event; the measured
 * records and particles are shown only while they belong to that η. The training points can be
 * dragged on the function chart: the infinite-width prediction follows every move (computed on the
 * page; for tanh, from the worker once the point rests), the network restarts when it is dropped.
 */
import type { EngineApi } from '../../engine/api';
import { getEngine } from '../../engine/client';
import { formatReadout } from '../../lib/format';
import { hasKernelLimit, type Parameterization } from '../../lib/nn/parameterization';
import { predictedLosses, stepGrid } from '../../lib/ntk';
import type { NumberSetting, PointListSetting } from '../../lib/settings';
import { DataEditor } from '../kit/dataEditor.svelte';
import { keepCountWithPoints } from '../kit/editedPoints.svelte';
import { LinearisedSession, type SessionEngine } from '../kit/linearisedSession.svelte';
import { LiveRun } from '../kit/liveRun.svelte';
import type { Readout } from '../kit/ReadoutGrid.svelte';
import { isCentered, speedFactor } from '../kit/settings';
import { stabilityWarning } from '../kit/stability';
import { Visibility } from '../kit/visibility.svelte';
import { WidgetSettings } from '../kit/widgetSettings.svelte';
import { curvesAt, fitSeries, infiniteWidthOnPage, largestGap } from '../kit/functionFit';
import type { WidgetProps } from '../types';
import { AnalyticKernel } from './analyticKernel.svelte';
import { particleDisplacement, particleSample } from './measures';
import { ParticleTracker } from './particles.svelte';
import { alignmentPlot, lossPlot, particlePlot } from './plots';
import { matchesPreset, type Preset } from './presets';
import { analyticKernelKey, circleData, networkSpec, runRequest, TARGET_RANGE } from './run';
import { schema } from './schema';
import { compareWithTheory, infiniteWidthSpectrum } from './theory';

export type LazyVsRichEngine = SessionEngine & Pick<EngineApi, 'analyticKernels'>;

const lrSetting = schema.find((s) => s.key === 'lr') as NumberSetting;
const pointsSetting = schema.find((s) => s.key === 'points') as PointListSetting;
/** The function chart's y range: the points' own, so that a dragged point's scale holds still. */
export const FUNCTION_Y_DOMAIN = [TARGET_RANGE.min, TARGET_RANGE.max] as const;
/** At most this many neurons are drawn; the displacement readout averages over all of them. */
export const MAX_PARTICLES = 200;
/** Points of each predicted loss curve over the horizon. */
const CURVE_POINTS = 150;

export class LazyVsRichModel {
  readonly visibility = new Visibility();
  readonly settings: WidgetSettings<typeof schema>;
  readonly particles: ParticleTracker;
  readonly session: LinearisedSession;
  readonly live: LiveRun;
  readonly analytic: AnalyticKernel;
  readonly editor: DataEditor;

  constructor(props: () => WidgetProps<typeof schema>, engine: LazyVsRichEngine = getEngine()) {
    this.settings = new WidgetSettings(props);
    this.particles = new ParticleTracker(engine);
    this.session = new LinearisedSession(this.particles.sessionEngine, () => this.visibility.visible);
    this.editor = new DataEditor(() => pointsSetting, (points) => (this.settings.values.points = points));
    this.live = new LiveRun(this.session, {
      // this.data, not circleData(…) again: an η event must not rebuild the data set.
      request: this.editor.held(() => runRequest(this.settings.snapshot(), this.data)),
      horizon: () => this.settings.values.steps,
      speed: () => speedFactor(this.settings.values.speed),
    });
    // Asked for only where the page cannot follow a drag (tanh).
    this.analytic = new AnalyticKernel(engine, () =>
      this.needsWorkerKernel
        ? { key: this.kernelKey, xTrain: this.data.xTrain, xTest: this.data.xTest, spec: networkSpec(this.settings.values) }
        : null,
    );
    const values = () => this.settings.values;
    keepCountWithPoints(values, { read: () => values().points, clear: () => (values().points = []) }, () => values().modes);
  }

  /** The data the settings describe (while a point is dragged, ahead of the run in the worker). */
  readonly data = $derived.by(() => {
    const { n, modes, points } = this.settings.values;
    return circleData({ n, modes, points });
  });
  readonly editable = $derived.by(() => this.editor.editable(this.data.points, 'training points'));

  /** The network's own linearisation at the slider's η (null until the run's K₀ is known). */
  readonly linearised = $derived.by(() => this.session.initial?.at(this.settings.values.lr) ?? null);
  /** Measured records for the η on the slider: just the initial one while a new η waits for its run. */
  readonly records = $derived.by(() => this.session.recordsAt(this.settings.values.lr));
  readonly latest = $derived.by(() => this.records.at(-1));
  readonly limit = $derived.by(() => this.session.initial?.stabilityLimit ?? null);

  /** Whether the run trains the centred model g = α(f − f₀): as asked, and always while α ≠ 1. */
  readonly centered = $derived.by(() => isCentered(this.settings.values));
  /** α ≠ 1 centres the run whatever the checkbox says (isCentered), so the checkbox is shown on and locked. */
  readonly centeringForced = $derived.by(() => isCentered({ alpha: this.settings.values.alpha }));

  /**
   * The infinite-width prediction, everything but η: the analytic NTK of the points on the chart with
   * their labels, f₀ = 0. Computed on the page, so it follows every move of a dragged point, except
   * for tanh, whose kernel comes from the worker once the input rests. Null under standard
   * parameterisation (no limit at a fixed η) and while the worker computes a kernel.
   */
  private readonly onPage = $derived.by(() =>
    hasKernelLimit(this.settings.values.parameterization) ? infiniteWidthOnPage(this.data, networkSpec(this.settings.values)) : null,
  );
  private readonly needsWorkerKernel = $derived.by(() => hasKernelLimit(this.settings.values.parameterization) && this.onPage === null);
  private readonly kernelKey = $derived.by(() => analyticKernelKey(this.data.points, this.settings.values));
  private readonly infiniteSpectrum = $derived.by(() => {
    if (!this.needsWorkerKernel) return this.onPage;
    const kernel = this.analytic.for(this.kernelKey);
    return kernel ? infiniteWidthSpectrum(kernel, this.data.yTrain) : null;
  });
  /** The infinite-width prediction at the slider's η. */
  readonly infinite = $derived.by(() => this.infiniteSpectrum?.dynamics(this.settings.values.lr) ?? null);

  readonly comparison = $derived.by(() => (this.linearised ? compareWithTheory(this.linearised.theory, this.records, this.infinite) : null));
  readonly gapLargest = $derived.by(() => (this.linearised ? largestGap(this.linearised.theory, this.records) : null));
  readonly predictedLoss = $derived.by(() => (this.linearised && this.latest ? this.linearised.theory.loss(this.latest.step, 'gd') : null));
  /** Null for edited points, which have no test labels. */
  readonly predictedTestLoss = $derived.by(() =>
    this.linearised?.initial.yTest && this.latest ? this.linearised.predictedTestLoss(this.latest.step) : null,
  );
  readonly initialAlignment = $derived.by(() => this.records[0]?.kernelAlignment);

  /** The network, its linearisation and the infinite-width prediction over θ at the network's step (the points are the chart's editable ones). */
  readonly function = $derived.by(() => fitSeries(this.data.grid, curvesAt(this.latest, this.linearised?.theory, this.infinite), FUNCTION_Y_DOMAIN));
  /** Predicted losses over the horizon: recomputed when a prediction changes, not on every new record. */
  private readonly predictedCurves = $derived.by(() => {
    const run = this.linearised;
    if (!run) return null;
    const steps = stepGrid(this.session.horizon, CURVE_POINTS);
    return {
      linearised: predictedLosses(run.theory, steps, run.initial.yTest),
      infinite: this.infinite ? predictedLosses(this.infinite, steps, this.data.yTest) : undefined,
    };
  });
  readonly loss = $derived.by(() => {
    const curves = this.predictedCurves;
    return curves ? lossPlot(this.records, curves.linearised, curves.infinite) : null;
  });
  readonly alignment = $derived.by(() => alignmentPlot(this.records, this.session.horizon));

  /** The run was trained at the slider's η: a boolean, so that moving the slider does not redraw the neurons. */
  private readonly trainedAtSliderRate = $derived.by(() => this.session.lr === this.settings.values.lr);
  /** The first layer now (for the slider's η) and at initialisation. */
  private readonly weights = $derived.by(() => {
    const { initial, current } = this.particles;
    if (!initial || !current) return null;
    return { initial, current: this.trainedAtSliderRate ? current : initial, width: initial.length / 2 };
  });
  /** Hidden neurons of the run's first layer. */
  readonly neurons = $derived.by(() => this.weights?.width ?? 0);
  readonly sample = $derived.by(() => particleSample(this.neurons, MAX_PARTICLES));
  readonly cloud = $derived.by(() => (this.weights ? particlePlot(this.weights.current, this.weights.initial, this.weights.width, this.sample) : null));
  readonly particleMove = $derived.by(() => (this.weights ? particleDisplacement(this.weights.current, this.weights.initial, this.weights.width) : null));

  readonly notice = $derived.by(() => {
    const run = this.linearised;
    const warning = run && !this.session.error ? stabilityWarning(run.lr, run.stabilityLimit, run.modeFactor(0)) : null;
    const parts = [warning, parameterizationNotice(this.settings.values.parameterization)].filter((p) => p !== null);
    return parts.length > 0 ? parts.join(' ') : null;
  });

  /** The numbers the caption talks about: off the linearisation, neurons travelling, kernel moving and turning. */
  readonly readouts: Readout[] = $derived.by(() => [
    { key: 'gap-linear-max', label: 'Largest gap to linearisation ‖f − f_lin‖/‖f_lin − f₀‖', value: this.gapLargest },
    { key: 'particle-move', label: 'Neurons moved mean‖Δw_i‖/mean‖w_i(0)‖', value: this.particleMove },
    { key: 'kernel-drift', label: 'Kernel drift ‖K_t − K₀‖/‖K₀‖', value: this.latest?.kernelChange },
    { key: 'alignment', label: `Alignment A(K_t, y), from ${formatReadout(this.initialAlignment)} at t = 0`, value: this.latest?.kernelAlignment },
  ]);

  readonly moreReadouts: Readout[] = $derived.by(() => [
    { key: 'gap-linear', label: 'Gap to linearisation now', value: this.comparison?.gapLinear },
    { key: 'gap-infinite', label: 'Gap to infinite width ‖f − f_∞‖/‖f_∞‖', value: this.comparison?.gapInfinite },
    { key: 'train-loss', label: 'Train loss, network', value: this.latest?.trainLoss },
    { key: 'train-loss-linearised', label: 'Train loss, linearised', value: this.predictedLoss },
    { key: 'test-loss', label: 'Test loss, network', value: this.latest?.testLoss },
    { key: 'test-loss-linearised', label: 'Test loss, linearised', value: this.predictedTestLoss },
    { key: 'alignment-initial', label: 'Alignment A(K₀, y)', value: this.initialAlignment },
    { key: 'limit', label: 'Stability limit 2n/λ_max of K₀', value: this.limit },
    { key: 'lr', label: 'Learning rate η', value: this.linearised?.lr },
  ]);

  isPreset(preset: Preset): boolean {
    return matchesPreset(this.settings.values, preset);
  }

  applyPreset(preset: Preset): void {
    Object.assign(this.settings.values, preset.values);
  }

  dispose(): void {
    this.session.dispose();
  }
}

/** What the widget says about a parameterisation beyond the NTK one. */
function parameterizationNotice(parameterization: Parameterization): string | null {
  if (parameterization === 'standard') {
    return "Standard parameterisation: K₀ grows like the width, so η must shrink like 1/width, and there is no infinite-width kernel at a fixed η: only the network's own linearisation is drawn.";
  }
  if (parameterization === 'mup') {
    return "μP: the network's K₀ tends to the same analytic NTK as in NTK parameterisation, so the green line is what it would do if it stayed lazy. It does not stay lazy: its features move at every width, and its kernel grows as they do, so the limit 2n/λ_max of K₀ is optimistic and the μP preset uses a smaller η.";
  }
  return null;
}
