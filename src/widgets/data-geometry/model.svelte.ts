/**
 * The data-geometry widget's state: its settings, the training session that follows them live, and
 * everything derived for the view. The infinite-width NTK, its spectrum and the labels' costs are
 * computed here from the settings on every input event (n ≤ 60 points: about a millisecond); the
 * run's K₀ and its linearised prediction (at the slider's η) follow the network once it restarts.
 */
import { getEngine } from '../../engine/client';
import { errorMessage } from '../../lib/errorMessage';
import { formatReadout } from '../../lib/format';
import { hasKernelLimit } from '../../lib/nn/parameterization';
import { logStepGrid, predictedLosses } from '../../lib/ntk';
import { LinearisedSession, type SessionEngine } from '../kit/linearisedSession.svelte';
import { LiveRun } from '../kit/liveRun.svelte';
import type { Readout } from '../kit/ReadoutGrid.svelte';
import { regimeNotice, speedFactor } from '../kit/settings';
import { pastLimit, stabilityWarning } from '../kit/stability';
import { Visibility } from '../kit/visibility.svelte';
import { WidgetSettings } from '../kit/widgetSettings.svelte';
import type { WidgetProps } from '../types';
import { bestRecord, predictedEarlyStop } from '../kit/earlyStopping';
import { costPlot, spectrumPlot, trainingPlot } from './plots';
import { cleanLabels, makeProblem, runRequest } from './run';
import type { schema } from './schema';
import { FLOAT32_EPSILON } from '../../lib/ntk';
import { analyticSpectrum, eFoldingSteps, labelSpectrum, unresolved, type LabelSpectrum } from './theory';

/** Points of the predicted loss curves, evenly spaced in log step. */
const CURVE_POINTS = 160;

const atLeast = (x: number) => `≥ ${formatReadout(x)}`;
const below = (x: number) => `< ${formatReadout(x)}`;
const above = (x: number) => `> ${formatReadout(x)}`;

/** λ_min of a spectrum as a readout: below its precision floor it says so instead of printing round-off (or 0). */
function lambdaMin(s: LabelSpectrum | null | undefined): Pick<Readout, 'value' | 'format'> {
  if (!s) return { value: null };
  return unresolved(s) ? { value: s.floor, format: below } : { value: s.eigenvalues.at(-1) };
}

/** yᵀK⁻¹y as a readout: a lower bound ("≥") when some modes are lost in round-off. */
function norm(s: LabelSpectrum | null | undefined, labels: 'noisy' | 'clean'): Pick<Readout, 'value' | 'format'> {
  if (!s) return { value: null };
  return { value: s[labels].squaredNorm, format: unresolved(s) ? atLeast : undefined };
}

export class DataGeometryModel {
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
        return runRequest(s, makeProblem(s));
      },
      horizon: () => this.settings.values.steps,
      speed: () => speedFactor(this.settings.values.speed),
    });
  }

  /** The clusters and labels the settings describe now. */
  readonly problem = $derived.by(() => {
    const { n, spread, noise, seed } = this.settings.values;
    return makeProblem({ n, spread, noise, seed });
  });

  /** The infinite-width NTK's spectrum and the labels' costs, for the settings now. */
  private readonly analyticResult = $derived.by(() => {
    const { xTrain, yNoisy, yClean } = this.problem;
    try {
      return { spectrum: analyticSpectrum(xTrain, yNoisy, yClean, this.settings.values), error: null };
    } catch (err) {
      return { spectrum: null, error: `The infinite-width kernel could not be computed: ${errorMessage(err)}` };
    }
  });
  readonly analytic = $derived.by(() => this.analyticResult.spectrum);

  /** The run's own K₀ (float32, from the worker): its spectrum and what the run's labels cost under it. */
  readonly measured = $derived.by(() => {
    const initial = this.session.initial;
    return initial ? labelSpectrum(initial.spectrum.eigen, initial.yTrain, cleanLabels(initial.n), FLOAT32_EPSILON) : undefined;
  });

  /** The frozen-kernel theory at the slider's η (null until the run's K₀ is known). */
  readonly theory = $derived.by(() => this.session.initial?.at(this.settings.values.lr) ?? null);
  /** Measured records for the η on the slider: just the initial one while a new η waits for its run. */
  readonly records = $derived.by(() => this.session.recordsAt(this.settings.values.lr));
  readonly latest = $derived.by(() => this.records.at(-1));
  readonly limit = $derived.by(() => this.session.initial?.stabilityLimit ?? null);

  readonly predicted = $derived.by(() => {
    const { theory, session } = this;
    return theory ? predictedLosses(theory.theory, logStepGrid(session.horizon, CURVE_POINTS), session.initial!.yTest) : [];
  });
  readonly stop = $derived.by(() => (this.theory ? predictedEarlyStop(this.theory, this.session.horizon) : null));
  /** The record of least test loss, once training has begun. */
  readonly measuredStop = $derived.by(() => (this.records.length > 1 ? bestRecord(this.records) : undefined));

  readonly spectrum = $derived.by(() => (this.analytic ? spectrumPlot(this.analytic, this.measured) : null));
  readonly cost = $derived.by(() => (this.analytic ? costPlot(this.analytic, this.measured) : null));
  readonly training = $derived.by(() =>
    trainingPlot(this.records, this.predicted, { measured: this.measuredStop?.step, predicted: this.stop?.step }, this.session.horizon),
  );

  /** n/(ηλ_min) of K₀: steps for its slowest mode to shrink by e (a lower bound when λ_min is lost in round-off). */
  readonly slowest = $derived.by((): Pick<Readout, 'value' | 'format'> => {
    const { measured, theory } = this;
    if (!measured || !theory) return { value: null };
    const { value } = lambdaMin(measured);
    return { value: eFoldingSteps(theory.n, theory.lr, value as number), format: unresolved(measured) ? above : undefined };
  });

  readonly notice = $derived.by(() => {
    const t = this.theory;
    const parts = [
      this.analyticResult.error,
      t && !this.session.error ? stabilityWarning(t.lr, t.stabilityLimit, t.modeFactor(0)) ?? overshootNotice(t.lr, t.stabilityLimit) : null,
      hasKernelLimit(this.settings.values.parameterization)
        ? null
        : "Standard parameterisation: this network's K₀ grows like the width and has no infinite-width limit. The bars, the cost lines and the norms yᵀK⁻¹y are the NTK-parameterisation limit, kept as a reference for the data's geometry; only the K₀ guide and markers, the training lines and the K₀ readouts describe this network.",
      regimeNotice(this.settings.values),
    ];
    return parts.filter((p) => p !== null).join(' ') || null;
  });

  /** The numbers the caption talks about: what the labels cost, and where training on them is best stopped. */
  readonly readouts: Readout[] = $derived.by(() => [
    { key: 'rkhs-noisy', label: 'yᵀK⁻¹y, noisy labels', ...norm(this.analytic, 'noisy') },
    { key: 'rkhs-clean', label: 'yᵀK⁻¹y, clean labels', ...norm(this.analytic, 'clean') },
    { key: 'lambda-min', label: 'λ_min, analytic NTK', ...lambdaMin(this.analytic) },
    { key: 'best-step', label: 'Best test step, network', value: this.measuredStop?.step },
    { key: 'best-step-predicted', label: 'Best test step, linearised', value: this.stop?.step },
    { key: 'test-loss', label: 'Test loss now', value: this.latest?.testLoss },
  ]);

  readonly moreReadouts: Readout[] = $derived.by(() => [
    { key: 'lambda-max', label: 'λ_max, analytic NTK', value: this.analytic?.eigenvalues[0] },
    { key: 'rkhs-noisy-k0', label: 'yᵀK₀⁻¹y, noisy, this network', ...norm(this.measured, 'noisy') },
    { key: 'k0-lambda-min', label: 'λ_min of K₀', ...lambdaMin(this.measured) },
    { key: 'slowest-steps', label: 'Slowest e-fold of K₀, n/(ηλ_min)', ...this.slowest },
    { key: 'lr-limit', label: 'Stability limit 2n/λ_max', value: this.limit },
    { key: 'best-test-loss', label: 'Best test loss, network', value: this.measuredStop?.testLoss },
    { key: 'best-test-loss-predicted', label: 'Best test loss, linearised', value: this.stop?.testLoss },
  ]);

  dispose(): void {
    this.session.dispose();
  }
}

/**
 * Between n/λ_max and the limit 2n/λ_max the top mode overshoots: its residual flips sign every step,
 * shrinking by |1 − ηλ_max/n| < 1. The losses then zigzag over the first steps, and the least test loss
 * can fall on one of them instead of where the spectrum's soft cut puts it.
 */
function overshootNotice(lr: number, limit: number): string | null {
  const oneStep = limit / 2;
  if (!(lr > oneStep) || pastLimit(lr, limit)) return null;
  return (
    `η = ${formatReadout(lr)} is above n/λ_max = ${formatReadout(oneStep)}: the top mode overshoots and flips sign at every step, ` +
    `so the losses zigzag over the first steps and the lowest test loss may fall on one of them. Below n/λ_max the curves fall smoothly.`
  );
}
