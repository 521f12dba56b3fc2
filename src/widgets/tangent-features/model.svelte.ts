/**
 * The tangent-features widget's state: its settings, the one-step measurement the worker makes for
 * them once the input rests, and everything derived for the view. The infinite-width kernel rows
 * follow x_a and x_b on every input event, and the step predictions follow η; the measured network
 * belongs to the settings it was measured for. x_a and x_b are also handles on the plots: dragging
 * one moves its setting on every pointer move, and the measurement waits for the drop.
 */
import { scaleLinear } from 'd3';
import { untrack } from 'svelte';
import type { EditablePoints, Point } from '../../charts';
import type { EngineApi } from '../../engine/api';
import { backendStatus, type BackendStatus } from '../../engine/backendStatus.svelte';
import { getEngine } from '../../engine/client';
import { errorMessage } from '../../lib/errorMessage';
import type { Readout } from '../kit/ReadoutGrid.svelte';
import { Settled } from '../kit/settled.svelte';
import { pastLimit } from '../kit/stability';
import { WidgetSettings } from '../kit/widgetSettings.svelte';
// The hold is the first-look widget's (to move into the kit).
import { MoveHold } from '../kit/moveHold.svelte';
import type { WidgetProps } from '../types';
import { inputGuides, kernelSeries, outputSeries, stepSeries } from './plots';
import { GRID, measureOneStep, oneStepRequest, type OneStepMeasurement, type OneStepRequest } from './run';
import type { schema } from './schema';
import { A, analyseStep, analyticRows, B, equalOutputPair, GRID_START, type EqualOutputPair } from './theory';

const PROBE_NAMES = ['x_a', 'x_b'];
/** The palette's neutral entry (black, near-white in dark mode): the handles stand apart from both rows' colours. */
const PROBE_COLOR = 6;
/** Dragged inputs are kept to two decimals, like a slider's values, so links stay short and exact. */
const roundInput = (x: number) => Number(x.toFixed(2)) + 0;

type Engine = Pick<EngineApi, 'sampleKernels' | 'analyticKernels' | 'createRun' | 'stepRun' | 'disposeRun'>;

export class TangentFeaturesModel {
  readonly settings: WidgetSettings<typeof schema>;
  readonly request: Settled<OneStepRequest>;
  /** A probe handle is moving: the measurement waits for the drop. */
  readonly hold = new MoveHold();
  measured = $state.raw<{ request: OneStepRequest; measurement: OneStepMeasurement } | null>(null);
  busy = $state(false);
  engineError = $state<string | null>(null);
  backendNotice = $state<string | null>(null);
  /** The pair the button last chose. */
  found = $state.raw<EqualOutputPair | null>(null);
  private latest: OneStepRequest | null = null;
  private destroyed = false;

  constructor(
    props: () => WidgetProps<typeof schema>,
    private readonly engine: Engine = getEngine(),
    private readonly backend: Pick<BackendStatus, 'recover' | 'start'> = backendStatus,
  ) {
    this.settings = new WidgetSettings(props);
    // The learning rate is applied on the page; the worker's step is measured at the settled η too.
    this.request = new Settled(this.hold.held(() => oneStepRequest(this.settings.snapshot())));
    $effect(() => {
      const request = this.request.current;
      untrack(() => {
        this.latest = request;
        this.backendNotice = null;
        void this.drain();
      });
    });
    $effect(() => () => (this.destroyed = true));
  }

  /** Measures the latest settled request, one measurement at a time (each creates and frees a worker run). */
  private async drain(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    while (this.latest && !this.destroyed) {
      const request = this.latest;
      this.latest = null;
      try {
        await this.backend.start();
        const measurement = await measureOneStep(this.engine, request);
        this.measured = { request, measurement };
        this.engineError = null;
      } catch (err) {
        const notice = await this.backend.recover(err);
        if (notice === null) this.engineError = `The measurement failed: ${errorMessage(err)}`;
        else {
          this.backendNotice = notice;
          this.latest ??= request; // the same measurement again, on the backend the worker moved to
        }
      }
    }
    this.busy = false;
  }

  /** Moves x_a and x_b to the two inputs whose outputs agree and whose gradients differ most. */
  findEqualOutputs(): void {
    const m = this.measured?.measurement;
    if (!m) return;
    const pair = equalOutputPair(m.inputs.slice(GRID_START), m.before.slice(GRID_START), m.kernel.gram.slice(GRID_START).map((row) => row.slice(GRID_START)));
    this.found = pair ?? null;
    if (!pair) return;
    this.settings.values.xa = pair.a;
    this.settings.values.xb = pair.b;
  }

  /** Whether the measurement was made for the inputs and network the settings show now (η aside). */
  private readonly matches = $derived.by(() => {
    const m = this.measured;
    if (!m) return false;
    const { lr: _measuredLr, ...measuredFor } = m.request;
    const { lr: _lr, ...wanted } = oneStepRequest(this.settings.values);
    return JSON.stringify(measuredFor) === JSON.stringify(wanted);
  });
  /** The measured Δf belongs to the η it was measured with. */
  readonly measuredAtThisLr = $derived.by(() => this.matches && this.measured!.request.lr === this.settings.values.lr);
  private readonly current = $derived.by(() => this.measured?.measurement ?? null);

  readonly inputs = $derived.by(() => [this.settings.values.xa, this.settings.values.xb, ...GRID]);
  readonly analytic = $derived.by(() => {
    const v = this.settings.values;
    return analyticRows({ depth: v.depth, activation: v.activation, wStd: v.wstd, bStd: v.bstd }, this.inputs) ?? this.current?.analytic ?? null;
  });
  readonly analysis = $derived.by(() => (this.current ? analyseStep(this.current, this.settings.values.lr) : null));

  readonly outputs = $derived.by(() => (this.measured ? outputSeries(this.measured.measurement) : []));
  readonly kernels = $derived.by(() => (this.analytic ? kernelSeries(this.inputs, this.analytic, this.matches ? this.current!.kernel : null) : []));
  readonly steps = $derived.by(() => (this.analysis ? stepSeries(this.analysis, this.measuredAtThisLr) : []));
  readonly marked = $derived.by(() => [
    { label: 'x_a', x: this.settings.values.xa },
    { label: 'x_b', x: this.settings.values.xb },
  ]);
  readonly outputGuides = $derived.by(() => inputGuides(this.outputs, this.marked));
  readonly kernelGuides = $derived.by(() => inputGuides(this.kernels, this.marked));
  readonly stepGuides = $derived.by(() => inputGuides(this.steps, this.marked.slice(0, 1)));

  /** x_a and x_b as handles on the kernel rows, each on its own row's diagonal Θ(x, x). */
  readonly kernelProbes = $derived.by(() => (this.analytic ? this.probes([this.analytic.a[A], this.analytic.b[B]], 'x_a, x_b') : undefined));
  /** x_a and x_b as handles on the network's output at initialisation (between grid points, interpolated). */
  readonly outputProbes = $derived.by(() => {
    const m = this.current;
    if (!m) return undefined;
    const order = m.inputs.map((_, i) => i).sort((i, j) => m.inputs[i] - m.inputs[j]);
    const f = scaleLinear(order.map((i) => m.inputs[i]), order.map((i) => m.before[i]));
    const { xa, xb } = this.settings.values;
    return this.probes([f(xa), f(xb)], 'f(x_a), f(x_b)');
  });

  /** Handles at x_a and x_b with heights `ys`: they move along x only, and write x_a and x_b. */
  private probes(ys: readonly [number, number], label: string): EditablePoints {
    const { xa, xb } = this.settings.values;
    return {
      points: [
        { x: xa, y: ys[0] },
        { x: xb, y: ys[1] },
      ],
      label,
      pointName: (i) => PROBE_NAMES[i],
      lockAxis: 'x',
      colorIndex: PROBE_COLOR,
      onmove: (points) => {
        this.hold.move();
        this.moveProbes(points);
      },
      ondrop: (points) => {
        this.moveProbes(points);
        this.hold.release();
      },
    };
  }

  private moveProbes([a, b]: Point[]): void {
    this.settings.values.xa = roundInput(a.x);
    this.settings.values.xb = roundInput(b.x);
  }

  readonly error = $derived.by(() => {
    if (this.engineError) return this.engineError;
    const a = this.analysis;
    if (!a || !pastLimit(this.settings.values.lr, a.maxStableLr)) return null;
    return `η = ${this.settings.values.lr} is at or above 2n/λ_max = 2/Θ̂(x_a, x_a) = ${a.maxStableLr.toPrecision(3)}: this step overshoots y_a, and repeated steps would diverge. The one step is still shown.`;
  });

  readonly status = $derived.by(() => {
    if (this.busy || this.request.pending) return 'Measuring…';
    const f = this.found;
    if (f) return `f(x_a) and f(x_b) agree to ${(100 * f.gap).toFixed(1)} % of f's range; gradient cosine ${f.cosine.toFixed(2)}`;
    return this.measured ? 'Measured' : '';
  });

  /** The numbers the caption talks about. */
  readonly readouts: Readout[] = $derived.by(() => [
    { key: 'kaa', label: 'Θ̂(x_a, x_a)', value: this.analysis?.kernel.aa },
    { key: 'kbb', label: 'Θ̂(x_b, x_b)', value: this.analysis?.kernel.bb },
    { key: 'kab', label: 'Θ̂(x_a, x_b)', value: this.analysis?.kernel.ab },
    { key: 'cosine', label: 'Cosine of ∇f(x_a), ∇f(x_b)', value: this.analysis?.kernel.cosine },
  ]);

  readonly moreReadouts: Readout[] = $derived.by(() => {
    const a = this.analysis;
    const m = this.current;
    return [
      { key: 'width', label: 'Width of the measured network', value: this.measured?.request.network.width },
      { key: 'xa', label: 'Step input x_a', value: m?.inputs[A] },
      { key: 'xb', label: 'Second input x_b', value: m?.inputs[B] },
      { key: 'fa', label: 'f(x_a) at initialisation', value: m?.before[A] },
      { key: 'fb', label: 'f(x_b) at initialisation', value: m?.before[B] },
      { key: 'peak', label: 'Peak of Θ̂(x_a, ·) at x', value: a?.peak },
      { key: 'residual', label: 'Residual r = f(x_a) − y_a', value: a?.residual },
      { key: 'dfa', label: 'Δf(x_a), measured', value: this.measuredAtThisLr ? a?.atA.measured : null },
      { key: 'dfapredicted', label: 'Δf(x_a), predicted −ηΘ̂(x_a, x_a)r', value: a?.atA.predicted },
      { key: 'steperror', label: 'Δf error, this network’s Θ̂', value: this.measuredAtThisLr ? a?.error : null },
      { key: 'analyticerror', label: 'Δf error, infinite-width Θ', value: this.measuredAtThisLr ? a?.analyticError : null },
      { key: 'lrlimit', label: 'Stable η below 2/Θ̂(x_a, x_a)', value: a?.maxStableLr },
    ];
  });
}
