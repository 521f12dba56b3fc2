/**
 * Figure 1: the structured empirical NTK (src/lib/nn/empiricalNtk.ts) against two full-Jacobian
 * computations of the same kernel, on the same network and backend in the same run:
 * - "batched J": per-sample autodiff gradients stacked into J on the backend, then J Jᵀ (./jacobianNtk.ts);
 * - "reference": the test suite's tests/unit/nn/referenceJacobian.ts (per-sample gradients read back,
 *   J Jᵀ in float64 JavaScript loops), slow by design.
 * Each also gives its FLOP count and achieved GFLOP/s against the backend's measured matmul peak.
 */
import * as tf from '@tensorflow/tfjs';
import { empiricalNtkTensor, Mlp, type BackendName } from '../../src/lib/nn';
import { referenceNtk } from '../unit/nn/referenceJacobian';
import { jacobianNtk } from './jacobianNtk';
import { jacobianNtkFlops, referenceJsMultiplyAdds, structuredNtkFlops } from './flops';
import { NODE_BACKENDS, useNodeBackend } from './nodeBackend';
import { wantsBackend, type BenchOptions } from './options';
import { fasterPeak, measureMatMulPeak, type MatMulPeak } from './peak';
import { affordableRepeats, timeRuns, type RepeatSettings } from './stats';
import { compact, fmt, printTable } from './table';
import { benchData, benchNetwork, ntkShapes, parameterCount, type Shape } from './workloads';

/** Float32 J above this is not attempted (it and one transposed block must fit in wasm's 4 GB heap). */
const MAX_JACOBIAN_BYTES = 1.2e9;
/** The reference keeps J as float64 rows in JavaScript. */
const MAX_REFERENCE_BYTES = 2.4e9;
/** Achieved fraction of the matmul peak assumed when predicting a run's time. */
const ASSUMED_EFFICIENCY = 0.4;
/** The issue's target configuration: every method runs here (once if slow) in a full run, whatever --max-seconds says. */
const TARGET: Shape = { n: 128, width: 1024, depth: 3 };
const isTarget = (shape: Shape) => shape.n === TARGET.n && shape.width === TARGET.width && shape.depth === TARGET.depth;

interface Measured {
  ms: number;
  runs: number;
  kernel: ArrayLike<number>;
}
type Outcome = Measured | { skipped: string };

interface Row {
  backend: string;
  shape: Shape;
  structured: Outcome;
  batched: Outcome;
  reference: Outcome;
  peak: MatMulPeak;
}

const isMeasured = (o: Outcome): o is Measured => 'ms' in o;

/** JavaScript float64 multiply-adds per second, in the reference's own inner-loop shape. */
function measureJsMultiplyAddRate(): number {
  const a = Float64Array.from({ length: 1 << 20 }, (_, i) => Math.sin(i));
  const b = Float64Array.from(a, (v) => v * 0.5);
  let sum = 0;
  const rounds = 20;
  const start = performance.now();
  for (let r = 0; r < rounds; r++) for (let p = 0; p < a.length; p++) sum += 1 * a[p] * b[p];
  const seconds = (performance.now() - start) / 1e3;
  if (!Number.isFinite(sum)) throw new Error('calibration overflowed');
  return (rounds * a.length) / seconds;
}

async function measure(
  predictedSeconds: number,
  memoryBytes: number,
  maxBytes: number,
  options: BenchOptions,
  always: boolean,
  run: () => Promise<ArrayLike<number>>,
): Promise<Outcome> {
  if (memoryBytes > maxBytes) return { skipped: `skip: J ${(memoryBytes / 1e9).toFixed(1)} GB` };
  if (predictedSeconds > options.maxSeconds && !always) return { skipped: `skip: ~${Math.round(predictedSeconds)} s` };
  const settings: RepeatSettings = affordableRepeats(options, predictedSeconds, options.maxSeconds);
  let kernel: ArrayLike<number> = [];
  const timing = await timeRuns(async () => {
    kernel = await run();
  }, settings);
  return { ms: timing.medianMs, runs: settings.repeats, kernel };
}

/** max |a − b| / max |b|. */
function relativeDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return diff / scale;
}

async function measureShape(backend: string, shape: Shape, peak: MatMulPeak, jsRate: number, options: BenchOptions): Promise<Row> {
  const net = new Mlp(benchNetwork(shape));
  const { xTrain } = benchData(shape.n);
  const x = tf.tensor2d(xTrain);
  const p = parameterCount(shape);
  const backendSeconds = (flops: number) => flops / (peak.gflops * 1e9 * ASSUMED_EFFICIENCY);
  const always = isTarget(shape) && !options.quick;
  try {
    const structured = await measure(backendSeconds(structuredNtkFlops(shape)), 0, Infinity, options, always, async () => {
      const kernel = tf.tidy(() => empiricalNtkTensor(net, x, undefined, 'plain'));
      const values = await kernel.data();
      kernel.dispose();
      return values;
    });
    const batched = await measure(backendSeconds(jacobianNtkFlops(shape)), shape.n * p * 4, MAX_JACOBIAN_BYTES, options, always, () =>
      jacobianNtk(net, x),
    );
    const gradientSeconds = backendSeconds(jacobianNtkFlops(shape) - 2 * referenceJsMultiplyAdds(shape));
    const referenceSeconds = gradientSeconds + referenceJsMultiplyAdds(shape) / jsRate;
    const reference = await measure(referenceSeconds, shape.n * p * 8, MAX_REFERENCE_BYTES, options, always, async () =>
      referenceNtk(net, xTrain, xTrain, 'plain').flat(),
    );
    return { backend, shape, structured, batched, reference, peak };
  } finally {
    x.dispose();
    net.dispose();
  }
}

const msCell = (o: Outcome) => (isMeasured(o) ? `${fmt(o.ms, o.ms < 10 ? 2 : 0)}${o.runs < 3 ? ` (${o.runs}×)` : ''}` : o.skipped);
const speedup = (slow: Outcome, fast: Outcome) => (isMeasured(slow) && isMeasured(fast) ? `${fmt(slow.ms / fast.ms, 1)}×` : '–');
const agreement = (row: Row) => {
  if (!isMeasured(row.structured)) return '–';
  const others = [row.batched, row.reference].filter(isMeasured);
  return others.length === 0 ? '–' : Math.max(...others.map((o) => relativeDifference(o.kernel, (row.structured as Measured).kernel))).toExponential(0);
};
const gflops = (o: Outcome, flops: number) => (isMeasured(o) ? flops / (o.ms * 1e6) : NaN);

export async function ntkFigure(options: BenchOptions): Promise<void> {
  const rows: Row[] = [];
  const peaks: string[] = [];
  const jsRate = measureJsMultiplyAddRate();
  for (const name of NODE_BACKENDS.filter((b) => wantsBackend(options, 'node', b)) as BackendName[]) {
    const label = await useNodeBackend(name);
    const size = options.quick ? 512 : 1024;
    const before = await measureMatMulPeak(size, options);
    const shapes = ntkShapes(options.quick);
    // Untimed: one-time costs (JIT, kernel set-up) would otherwise land on the first row.
    await measureShape(label, shapes[0], before, jsRate, { ...options, warmup: 0, repeats: 1 });
    const backendRows: Row[] = [];
    for (const shape of shapes) {
      const row = await measureShape(label, shape, before, jsRate, options);
      backendRows.push(row);
      console.error(`  ntk ${label} n=${shape.n} w=${shape.width} d=${shape.depth}: structured ${msCell(row.structured)}, batched J ${msCell(row.batched)}, reference ${msCell(row.reference)} (ms)`);
    }
    // Measured again after the grid, since the machine's other load changes over a long run.
    const peak = fasterPeak(before, await measureMatMulPeak(size, options));
    peaks.push(`${label}: ${size}×${size} matmul peak ${fmt(peak.gflops, 2)} GFLOP/s (${fmt(peak.ms, 0)} ms; fastest run, before and after the grid)`);
    rows.push(...backendRows.map((row) => ({ ...row, peak })));
  }
  await tf.setBackend('cpu');
  printTable(
    'Empirical NTK: structured per-layer Grams against the full Jacobian (Node, medians in ms)',
    [
      { label: 'backend', value: (r) => r.backend, align: 'left' },
      { label: 'n', value: (r) => String(r.shape.n) },
      { label: 'width', value: (r) => String(r.shape.width) },
      { label: 'depth', value: (r) => String(r.shape.depth) },
      { label: 'params', value: (r) => compact(parameterCount(r.shape)) },
      { label: 'structured ms', value: (r) => msCell(r.structured) },
      { label: 'GFLOP', value: (r) => fmt(structuredNtkFlops(r.shape) / 1e9, 2) },
      { label: 'GFLOP/s', value: (r) => fmt(gflops(r.structured, structuredNtkFlops(r.shape)), 2) },
      { label: '% peak', value: (r) => fmt((100 * gflops(r.structured, structuredNtkFlops(r.shape))) / r.peak.gflops, 0) },
      { label: 'batched J ms', value: (r) => msCell(r.batched) },
      { label: 'J GFLOP', value: (r) => fmt(jacobianNtkFlops(r.shape) / 1e9, 1) },
      { label: 'batched J ÷ structured', value: (r) => speedup(r.batched, r.structured) },
      { label: 'reference ms', value: (r) => msCell(r.reference) },
      { label: 'reference ÷ structured', value: (r) => speedup(r.reference, r.structured) },
      { label: 'max rel. diff', value: agreement },
    ],
    rows,
    [
      ...peaks,
      `JavaScript float64 multiply-add rate (the reference's inner loop): ${fmt(jsRate / 1e9, 2)} G/s`,
      'structured: src/lib/nn/empiricalNtk.ts (forward, one backward of Σf, then per layer (G Gᵀ) ⊙ (A Aᵀ)), read back.',
      'batched J: per-sample tf.variableGrads stacked into J on the backend, then Σ_v J_v J_vᵀ (tests/bench/jacobianNtk.ts).',
      'reference: tests/unit/nn/referenceJacobian.ts (per-sample gradients read back, J Jᵀ in float64 JS loops), slow by design.',
      `skip: predicted from FLOPs at ${ASSUMED_EFFICIENCY * 100}% of the measured peak to exceed --max-seconds=${options.maxSeconds} per run, or J too large for memory; (k×) = fewer repeats to stay in that budget. The target n=${TARGET.n} width ${TARGET.width} depth ${TARGET.depth} runs every method (once if slow) except with --quick.`,
      'max rel. diff: max |K − K_structured| / max |K| against whichever full-Jacobian kernels ran (float32 vs float64 sums).',
    ],
  );
}
