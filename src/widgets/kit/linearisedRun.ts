/**
 * The frozen-kernel theory of one training run, built from what the worker reports when the run is
 * created (RunStart: the network's own K₀ and initial outputs), and the comparisons of measured
 * records with it. Pure: no DOM, no tfjs.
 *
 * K₀'s eigendecomposition is done once (InitialKernel); the theory at any learning rate is then
 * cheap (InitialKernel.at), so a learning-rate slider redraws the prediction on every input event
 * while the network itself restarts from the same θ₀.
 *
 * The trainer's function-space update is g_{t+1} = g_t − (η/n) Θ_lr (g_t − y) to first order
 * (src/lib/nn/trainer.ts), so the linearised prediction uses the lr-weighted K₀ with the same η.
 */
import type { RunStart } from '../../engine/api';
import type { TrainingData, TrainRecord } from '../../lib/nn';
import { KernelSpectrum, toRows, type LinearisedDynamics, type Matrix } from '../../lib/ntk';

/** A run's K₀ and f₀ with its spectrum: everything of the theory that does not depend on η. */
export class InitialKernel {
  readonly n: number;
  /** K₀ on train × train. */
  readonly kernel: Matrix;
  readonly spectrum: KernelSpectrum;
  readonly yTrain: number[];
  readonly yTest?: number[];
  private last: LinearisedRun | null = null;

  constructor(start: RunStart, data: TrainingData) {
    this.n = data.yTrain.length;
    this.yTrain = data.yTrain.slice();
    this.kernel = toRows(start.kernelTrain, this.n);
    // Test inputs without labels (a plotting grid) still get predictions; only the test loss needs labels.
    const testKernel = start.kernelTestTrain && data.xTest ? toRows(start.kernelTestTrain, this.n) : undefined;
    if (testKernel && data.yTest) this.yTest = data.yTest.slice();
    this.spectrum = new KernelSpectrum({
      kTrain: this.kernel,
      yTrain: this.yTrain,
      f0Train: start.initial.trainOutputs,
      kTestTrain: testKernel,
      f0Test: testKernel ? start.initial.testOutputs : undefined,
    });
  }

  /** 2n/λ_max: GD on the frozen kernel diverges at and above this learning rate. */
  get stabilityLimit(): number {
    return this.spectrum.maxStableLr();
  }

  /** The theory at learning rate `lr` (the last one is kept, so repeated calls cost nothing). */
  at(lr: number): LinearisedRun {
    if (this.last?.lr !== lr) this.last = new LinearisedRun(this, lr);
    return this.last;
  }

  /** v_kᵀ(f − y) for every eigenvector v_k of K₀, from measured outputs on the training set. */
  measuredModes(trainOutputs: readonly number[]): number[] {
    const residual = trainOutputs.map((f, i) => f - this.yTrain[i]);
    return this.spectrum.eigen.vectors.map((v) => v.reduce((sum, vi, i) => sum + vi * residual[i], 0));
  }
}

/** The frozen-kernel prediction of a run at one learning rate, and how measured records compare with it. */
export class LinearisedRun {
  readonly n: number;
  readonly kernel: Matrix;
  readonly theory: LinearisedDynamics;

  constructor(
    readonly initial: InitialKernel,
    readonly lr: number,
  ) {
    this.n = initial.n;
    this.kernel = initial.kernel;
    this.theory = initial.spectrum.dynamics(lr);
  }

  /** 2n/λ_max: GD on the frozen kernel diverges at and above this learning rate. */
  get stabilityLimit(): number {
    return this.initial.stabilityLimit;
  }

  /** |1 − ηλ_k/n|, mode k's factor per step (k = 0 is the top mode). */
  modeFactor(k: number): number {
    return Math.abs(1 - (this.lr * this.theory.eigen.values[k]) / this.n);
  }

  measuredModes(trainOutputs: readonly number[]): number[] {
    return this.initial.measuredModes(trainOutputs);
  }

  /** (1/2m)‖f_t(X*) − y*‖² of the linearised model on the test set. */
  predictedTestLoss(step: number): number {
    if (!this.initial.yTest) throw new Error('predictedTestLoss needs a test set with labels');
    return this.theory.testLoss(step, 'gd', this.initial.yTest);
  }

  /** |L − L_lin| / L_lin at the record's step: how far the network's loss is from its linearisation's. */
  lossGap(record: TrainRecord): number {
    const predicted = this.theory.loss(record.step, 'gd');
    return Math.abs(record.trainLoss - predicted) / predicted;
  }

  /**
   * ‖f_t − f_lin,t‖ / ‖f₀ − y‖ on the training set: the distance from the linearised network that
   * Lee et al. (2019) bound by O(width^−1/2) in the NTK parameterisation, relative to where training started.
   */
  outputGap(record: TrainRecord): number {
    const predicted = this.theory.trainPrediction(record.step, 'gd');
    const gap = Math.hypot(...record.trainOutputs.map((f, i) => f - predicted[i]));
    return gap / Math.hypot(...this.theory.modeCoefficients());
  }
}
