/**
 * Three trajectories of the residual r_t = g_t(X) − y on the training set, seen in the eigenbasis
 * v₁ … v_n of the run's own lr-weighted K₀ (eigenvalues descending). Pure: no DOM, no tfjs.
 *
 * - the network: its measured outputs;
 * - its linearisation around θ₀: r_t = (I − ηK₀/n)^t r₀, so mode k shrinks by (1 − ηλ_k/n) per
 *   step, each coordinate an exponential toward 0 (../kit/linearisedRun.ts);
 * - the infinite-width prediction: the same GD with the analytic NTK Θ∞ (src/lib/ntk) and f₀ = 0,
 *   the mean over initialisations, so r₀ = −y: (I − ηΘ∞/n)^t (−y), seen in the same K₀ basis;
 * - the linearisation re-anchored at a checkpoint t_c a little way into training, with the
 *   network's kernel K_c and residual r_c there: (I − ηK_c/n)^(t − t_c) r_c for t ≥ t_c (the early
 *   phase of Fort et al. 2020: the kernel moves most at the start).
 *
 * The trainer's g = α(f − f₀) obeys ġ = −(η/n) Θ_lr (g − y) for every α (src/lib/nn/trainer.ts), so
 * all three use the same η, and the run is centred (./run.ts): all three start at −y.
 */
import type { TrainRecord } from '../../lib/nn';
import { KernelSpectrum, toRows, type LinearisedDynamics, type Matrix } from '../../lib/ntk';
import type { LinearisedRun } from '../kit/linearisedRun';

/** A residual in the K₀ eigenbasis: its place in the plane of the top two eigenvectors, and what the plane hides. */
export interface Projected {
  step: number;
  /** v₁ᵀr. */
  v1: number;
  /** v₂ᵀr. */
  v2: number;
  /** ‖r‖² − (v₁ᵀr)² − (v₂ᵀr)², the energy outside the plane. */
  outside: number;
}

const sumOfSquares = (v: readonly number[]) => v.reduce((s, x) => s + x * x, 0);

/** The residual whose coordinates in an orthonormal basis are `modes`, seen in the plane of the first two. */
export function projectModes(step: number, modes: readonly number[]): Projected {
  const [v1 = 0, v2 = 0] = modes;
  return { step, v1, v2, outside: sumOfSquares(modes.slice(2)) };
}

/** c_k = v_kᵀ r for each basis vector v_k. */
export function coordinates(vectors: Matrix, r: readonly number[]): number[] {
  return vectors.map((v) => v.reduce((s, vi, i) => s + vi * r[i], 0));
}

/** The network's kernel K_c and outputs at a checkpoint step, as the worker reports them. */
export interface Checkpoint {
  record: TrainRecord;
  /** K_c on train × train, row-major. */
  kernel: Float32Array;
}

/** The linearisation re-anchored at a checkpoint, everything but η (one eigendecomposition of K_c). */
export interface Reanchoring {
  from: number;
  spectrum: KernelSpectrum;
}

export function reanchoring({ record, kernel }: Checkpoint, yTrain: number[]): Reanchoring {
  return { from: record.step, spectrum: new KernelSpectrum({ kTrain: toRows(kernel, yTrain.length), yTrain, f0Train: record.trainOutputs }) };
}

/** The paths of one run at one η, in the basis of that run's K₀. */
export class FunctionSpaceTheory {
  /** ‖r₀‖, the length every distance is measured against. */
  readonly r0Norm: number;
  /** The re-anchored linearisation at this η. */
  private readonly reanchoredDynamics: LinearisedDynamics | null;

  constructor(
    readonly linearised: LinearisedRun,
    /** The infinite-width prediction on the run's training set at the same η; null where there is none. */
    readonly infinite: LinearisedDynamics | null,
    /** The linearisation re-anchored at a checkpoint of this run at this η; null before the checkpoint. */
    readonly reanchored: Reanchoring | null = null,
  ) {
    this.r0Norm = Math.sqrt(sumOfSquares(linearised.theory.modeCoefficients()));
    this.reanchoredDynamics = reanchored?.spectrum.dynamics(linearised.lr) ?? null;
  }

  /** The checkpoint's step; null without one. */
  get anchorStep(): number | null {
    return this.reanchored?.from ?? null;
  }

  get lr(): number {
    return this.linearised.lr;
  }

  /** K₀'s eigenvalues, descending. */
  get eigenvalues(): number[] {
    return this.linearised.theory.eigen.values;
  }

  linearisedAt(step: number): Projected {
    return projectModes(step, this.linearised.theory.modeResiduals(step, 'gd'));
  }

  infiniteAt(step: number): Projected | null {
    if (!this.infinite) return null;
    return projectModes(step, coordinates(this.linearised.theory.eigen.vectors, this.infinite.residual(step, 'gd')));
  }

  /** The re-anchored linearisation at `step` ≥ the checkpoint's; null before it or without one. */
  reanchoredAt(step: number): Projected | null {
    const from = this.anchorStep;
    if (from === null || step < from) return null;
    return projectModes(step, coordinates(this.linearised.theory.eigen.vectors, this.reanchoredDynamics!.residual(step - from, 'gd')));
  }

  network(record: TrainRecord): Projected {
    return projectModes(record.step, this.linearised.measuredModes(record.trainOutputs));
  }

  /** Distance between two points of the plane, relative to ‖r₀‖. */
  planeDistance(a: Projected, b: Projected): number {
    return Math.hypot(a.v1 - b.v1, a.v2 - b.v2) / this.r0Norm;
  }

  /** ‖r_t − r_lin,t‖/‖r₀‖ in the whole space of outputs on the training set, not just the plane. */
  fullDistance(record: TrainRecord): number {
    const measured = this.linearised.measuredModes(record.trainOutputs);
    const predicted = this.linearised.theory.modeResiduals(record.step, 'gd');
    return Math.sqrt(sumOfSquares(measured.map((c, k) => c - predicted[k]))) / this.r0Norm;
  }

  /**
   * The angle, in degrees, between the network's move from record `before` to record `after` and
   * the move its frozen kernel K₀ makes from the same residual over the same steps,
   * ((I − ηK₀/n)^s − I) r, both in the whole space of outputs on the training set. Near 0 while the
   * network trains like its linearisation; large once its kernel has turned. Null when either move
   * is zero.
   */
  stepAngle(before: TrainRecord, after: TrainRecord): number | null {
    const steps = after.step - before.step;
    if (steps <= 0) return null;
    const from = this.linearised.measuredModes(before.trainOutputs);
    const to = this.linearised.measuredModes(after.trainOutputs);
    const { values } = this.linearised.theory.eigen;
    const n = this.linearised.n;
    const network = to.map((c, k) => c - from[k]);
    const frozen = from.map((c, k) => ((1 - (this.lr * values[k]) / n) ** steps - 1) * c);
    const norms = Math.sqrt(sumOfSquares(network) * sumOfSquares(frozen));
    if (!(norms > 0)) return null;
    const cosine = network.reduce((s, d, k) => s + d * frozen[k], 0) / norms;
    return (Math.acos(Math.min(1, Math.max(-1, cosine))) * 180) / Math.PI;
  }
}

/** The network's path beside both predictions at its recorded steps, and how far apart they are. */
export interface PathComparison {
  network: Projected[];
  /** The linearisation at the network's steps. */
  linearised: Projected[];
  /** The infinite-width prediction at the network's steps; null where there is none. */
  infinite: Projected[] | null;
  /** Largest distance in the plane between the network and its linearisation at the same step, relative to ‖r₀‖. */
  largestDistance: number;
  /** The same at the latest record. */
  distance: number;
  /** Largest ‖r_t − r_lin,t‖/‖r₀‖ over all n outputs, not just the plane. */
  largestFullDistance: number;
  /** Largest distance in the plane between the network and the infinite-width prediction, relative to ‖r₀‖. */
  largestInfiniteDistance: number | null;
  /** Largest distance in the plane between the network and the re-anchored linearisation from its checkpoint on; null without one. */
  largestReanchoredDistance: number | null;
  /** stepAngle between the last two records; null before the second record. */
  angle: number | null;
}

export function comparePaths(theory: FunctionSpaceTheory, records: readonly TrainRecord[]): PathComparison {
  const network = records.map((r) => theory.network(r));
  const linearised = records.map((r) => theory.linearisedAt(r.step));
  const infinite = theory.infinite ? records.map((r) => theory.infiniteAt(r.step)!) : null;
  const gaps = network.map((p, i) => theory.planeDistance(p, linearised[i]));
  const largest = (values: number[]) => values.reduce((a, b) => Math.max(a, b), 0);
  return {
    network,
    linearised,
    infinite,
    largestDistance: largest(gaps),
    distance: gaps.at(-1) ?? 0,
    largestFullDistance: largest(records.map((r) => theory.fullDistance(r))),
    largestInfiniteDistance: infinite ? largest(network.map((p, i) => theory.planeDistance(p, infinite[i]))) : null,
    largestReanchoredDistance:
      theory.anchorStep === null
        ? null
        : largest(network.flatMap((p) => {
            const anchored = theory.reanchoredAt(p.step);
            return anchored ? [theory.planeDistance(p, anchored)] : [];
          })),
    angle: records.length >= 2 ? theory.stepAngle(records[records.length - 2], records[records.length - 1]) : null,
  };
}
