/**
 * The function-space widget's state: its settings, the training session that follows them live, the
 * infinite-width kernel (computed on the page: closed-form activations only), and everything derived
 * for the view. Both predictions are taken at the slider's η, so they redraw on every input event;
 * the measured path is shown only while it belongs to that η.
 */
import { getEngine } from '../../engine/client';
import { hasKernelLimit } from '../../lib/nn/parameterization';
import { LinearisedSession, type SessionEngine } from '../kit/linearisedSession.svelte';
import { LiveRun } from '../kit/liveRun.svelte';
import type { Readout } from '../kit/ReadoutGrid.svelte';
import { regimeNotice, speedFactor } from '../kit/settings';
import { stabilityWarning } from '../kit/stability';
import { Visibility } from '../kit/visibility.svelte';
import { WidgetSettings } from '../kit/widgetSettings.svelte';
import type { WidgetProps } from '../types';
import { CheckpointTracker } from './checkpoint.svelte';
import { outsidePlot, planePlot } from './plots';
import { checkpointStep, functionSpaceDataset, networkSpec, runRequest } from './run';
import { schema } from './schema';
import { infiniteWidthOnPage } from '../kit/functionFit';
import { comparePaths, FunctionSpaceTheory, reanchoring } from './theory';

const sameValues = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const degrees = (x: number) => `${x.toFixed(x < 10 ? 1 : 0)}°`;

export class FunctionSpaceModel {
  readonly visibility = new Visibility();
  readonly settings: WidgetSettings<typeof schema>;
  readonly checkpoints: CheckpointTracker;
  readonly session: LinearisedSession;
  readonly live: LiveRun;

  constructor(props: () => WidgetProps<typeof schema>, engine: SessionEngine = getEngine()) {
    this.settings = new WidgetSettings(props);
    this.checkpoints = new CheckpointTracker(engine, () => checkpointStep(this.session.horizon));
    this.session = new LinearisedSession(this.checkpoints.sessionEngine, () => this.visibility.visible);
    this.live = new LiveRun(this.session, {
      request: () => {
        const s = this.settings.snapshot();
        return runRequest(s, functionSpaceDataset(s));
      },
      horizon: () => this.settings.values.steps,
      speed: () => speedFactor(this.settings.values.speed),
    });
  }

  /** The data set the settings describe (the run in the worker may still have the previous one). */
  readonly data = $derived.by(() => functionSpaceDataset({ n: this.settings.values.n, target: this.settings.values.target }));

  /**
   * The infinite-width prediction, everything but η: the analytic NTK of the settings' inputs. Null
   * under standard parameterisation, whose kernel grows with the width: no limit at a fixed η.
   */
  private readonly infiniteSpectrum = $derived.by(() => {
    const { parameterization, depth, activation } = this.settings.values;
    return hasKernelLimit(parameterization) ? infiniteWidthOnPage(this.data, networkSpec({ depth, activation })) : null;
  });

  /** The linearisation re-anchored at the run's checkpoint, everything but η (one eigendecomposition per checkpoint). */
  private readonly reanchoring = $derived.by(() => {
    const { checkpoint } = this.checkpoints;
    const initial = this.session.initial;
    return checkpoint && initial && checkpoint.kernel.length === initial.n ** 2 ? reanchoring(checkpoint, initial.yTrain) : null;
  });

  /** The paths at the slider's η, in the basis of the run's K₀ (null until it is known). */
  readonly theory = $derived.by(() => {
    const initial = this.session.initial;
    if (!initial) return null;
    const lr = this.settings.values.lr;
    // The infinite-width kernel follows the settings at once; drawn only on the run's own training set.
    const infinite = this.infiniteSpectrum && sameValues(this.infiniteSpectrum.yTrain, initial.yTrain) ? this.infiniteSpectrum.dynamics(lr) : null;
    // The checkpoint belongs to the trajectory at the run's η.
    const reanchored = this.settings.values.reanchor && this.session.lr === lr ? this.reanchoring : null;
    return new FunctionSpaceTheory(initial.at(lr), infinite, reanchored);
  });

  /** Measured records for the η on the slider: just the initial one while a new η waits for its run. */
  readonly records = $derived.by(() => this.session.recordsAt(this.settings.values.lr));
  readonly limit = $derived.by(() => this.session.initial?.stabilityLimit ?? null);

  readonly comparison = $derived.by(() => (this.theory ? comparePaths(this.theory, this.records) : null));
  readonly plane = $derived.by(() => (this.theory && this.comparison ? planePlot(this.theory, this.comparison, this.session.horizon) : null));
  readonly outside = $derived.by(() => (this.theory && this.comparison ? outsidePlot(this.theory, this.comparison, this.session.horizon) : null));

  /** The network's residual now, and both predictions at its step. */
  readonly now = $derived.by(() => {
    const c = this.comparison;
    if (!c || c.network.length === 0) return null;
    return { network: c.network.at(-1)!, linearised: c.linearised.at(-1)!, infinite: c.infinite?.at(-1) ?? null };
  });
  /** Share of ‖r₀‖² in the drawn plane at the start. */
  readonly planeShare = $derived.by(() => {
    const start = this.comparison?.linearised[0];
    return start && this.theory ? (start.v1 ** 2 + start.v2 ** 2) / this.theory.r0Norm ** 2 : null;
  });

  readonly notice = $derived.by(() => {
    const run = this.theory?.linearised;
    const warning = run && !this.session.error ? stabilityWarning(run.lr, run.stabilityLimit, run.modeFactor(0)) : null;
    const standard =
      this.settings.values.parameterization === 'standard'
        ? 'Standard parameterisation: K₀ grows like the width, so there is no infinite-width kernel at a fixed η, and only the network and its linearisation are drawn.'
        : null;
    const parts = [warning, standard ?? regimeNotice(this.settings.values)].filter((p) => p !== null);
    return parts.length > 0 ? parts.join(' ') : null;
  });

  /** The numbers the caption talks about: how far the network's path is from its linearisation, and what the plane hides. */
  readonly readouts: Readout[] = $derived.by(() => {
    const energy = this.theory ? this.theory.r0Norm ** 2 : null;
    const share = (x: number | undefined) => (x !== undefined && energy ? x / energy : null);
    return [
      { key: 'distance', label: 'Largest gap to the linearisation, in the plane, ÷ ‖r₀‖', value: this.comparison?.largestDistance },
      ...(this.settings.values.reanchor
        ? [
            {
              key: 'distance-reanchored',
              label: `Largest gap to the linearisation re-anchored at step ${this.theory?.anchorStep ?? checkpointStep(this.session.horizon)}, ÷ ‖r₀‖`,
              value: this.comparison?.largestReanchoredDistance,
            },
          ]
        : []),
      { key: 'angle', label: "Angle between the network's step and K₀'s", value: this.comparison?.angle, format: degrees },
      { key: 'outside-network', label: 'Outside the plane, network ‖r − Pr‖²/‖r₀‖²', value: share(this.now?.network.outside) },
      { key: 'outside-linearised', label: 'Outside the plane, linearised', value: share(this.now?.linearised.outside) },
    ];
  });

  readonly moreReadouts: Readout[] = $derived.by(() => [
    { key: 'network-v1', label: 'Network v₁ᵀr', value: this.now?.network.v1 },
    { key: 'network-v2', label: 'Network v₂ᵀr', value: this.now?.network.v2 },
    { key: 'linearised-v1', label: 'Linearised v₁ᵀr', value: this.now?.linearised.v1 },
    { key: 'linearised-v2', label: 'Linearised v₂ᵀr', value: this.now?.linearised.v2 },
    { key: 'infinite-v1', label: 'Infinite width v₁ᵀr', value: this.now?.infinite?.v1 },
    { key: 'infinite-v2', label: 'Infinite width v₂ᵀr', value: this.now?.infinite?.v2 },
    { key: 'distance-now', label: 'Gap to the linearisation now, in the plane, ÷ ‖r₀‖', value: this.comparison?.distance },
    { key: 'distance-full', label: 'Largest gap over all n outputs ‖r − r_lin‖/‖r₀‖', value: this.comparison?.largestFullDistance },
    { key: 'distance-infinite', label: 'Largest gap to infinite width, in the plane, ÷ ‖r₀‖', value: this.comparison?.largestInfiniteDistance },
    { key: 'anchor-step', label: 'Checkpoint of the re-anchored linearisation', value: this.theory?.anchorStep },
    { key: 'plane-share', label: 'Share of ‖r₀‖² in the plane', value: this.planeShare },
    { key: 'lambda-1', label: 'λ₁ of K₀', value: this.theory?.eigenvalues[0] },
    { key: 'lambda-2', label: 'λ₂ of K₀', value: this.theory?.eigenvalues[1] },
    { key: 'lambda-3', label: 'λ₃ of K₀ (largest outside the plane)', value: this.theory?.eigenvalues[2] },
    { key: 'limit', label: 'Stability limit 2n/λ_max', value: this.limit },
    { key: 'lr', label: 'Learning rate η', value: this.theory?.lr },
  ]);

  dispose(): void {
    this.session.dispose();
  }
}
