/**
 * Full-batch gradient descent of an Mlp in the output-scaled model of Chizat, Oyallon & Bach (2019):
 *
 *   g(x) = α·(f_θ(x) − f_θ₀(x))  (centered)   or   g(x) = α·f_θ(x),
 *   L(θ) = (1/(2nα²)) ‖g(X) − y‖²,   stored parameters of layer l updated with rate η·lrFactor_l.
 *
 * Then ∂L/∂f = (g − y)/(nα) and in function space ġ = −(η/n) Θ_lr (g − y) for every α, with Θ_lr
 * the lr-weighted NTK of f (./empiricalNtk.ts); reaching a given loss moves θ by O(1/α), so large α
 * is lazy training. α = 1 and centered = false is plain training of f with L = (1/2n)‖f − y‖².
 * Reported losses are (1/2n)‖g − y‖², comparable across α and with the linearised dynamics.
 */
import * as tf from '@tensorflow/tfjs';
import { halfMeanSquaredError, type Matrix } from '../ntk';
import { empiricalNtkTensor } from './empiricalNtk';
import { FusedGdStep } from './fusedGdStep';
import { Mlp, type MlpConfig } from './mlp';

export interface TrainingData {
  xTrain: Matrix;
  yTrain: number[];
  /** Inputs the outputs are also reported on (e.g. a plotting grid). */
  xTest?: Matrix;
  /** Labels of xTest, for the test loss; without them only the outputs are reported. */
  yTest?: number[];
}

export interface TrainerOptions {
  /** Base learning rate η; layer l uses η·lrFactor_l. */
  lr: number;
  /** Heavy-ball momentum μ: v ← μv + ∇L, θ ← θ − η·lrFactor·v. Default 0 (plain GD). */
  momentum?: number;
  /** Output scale α. Default 1. */
  alpha?: number;
  /** Subtract the initial function, so g starts at 0. Default false. */
  centered?: boolean;
  /** Recompute the lr-weighted train kernel K_t at most this often (in steps); 0 = never. Default 0. */
  kernelEvery?: number;
  /** The run counts as diverged once the train loss exceeds this multiple of its initial value. Default 1e6. */
  divergenceFactor?: number;
}

export interface TrainRecord {
  /** Number of GD steps taken when the values below were measured. */
  step: number;
  trainLoss: number;
  testLoss?: number;
  /** g on the training inputs. */
  trainOutputs: number[];
  testOutputs?: number[];
  /**
   * ‖θ_t − θ₀‖/‖θ₀‖ over the effective parameters (multiplier × stored weights and biases of all
   * layers), so that the parameterisations are compared on the weights the forward pass uses.
   */
  paramChange: number;
  /** ‖W_l(t) − W_l(0)‖_F/‖W_l(0)‖_F per layer, input layer first (the multiplier cancels). */
  layerWeightChange: number[];
  /** ‖K_t − K₀‖_F/‖K₀‖_F of the lr-weighted train kernel; present on records where it was recomputed. */
  kernelChange?: number;
  /**
   * Kernel–target alignment A(K_t, y) = yᵀK_t y/(‖K_t‖_F ‖y‖²) of the lr-weighted train kernel with
   * the train labels: the plain (uncentred) alignment of Cristianini et al. (2001), the cosine between
   * K_t and yyᵀ. Present on the initial record (K₀) and on records where the kernel was recomputed.
   */
  kernelAlignment?: number;
  /** True once the loss became non-finite or exploded; the values above are then the last finite ones. */
  diverged: boolean;
  /** Step count at which divergence was detected. */
  divergedAtStep?: number;
}

interface ParamPair<T> {
  w: T;
  b: T;
}

function checkRows(name: string, x: Matrix, y: number[]): void {
  if (x.length === 0 || x.length !== y.length) {
    throw new RangeError(`${name}: need as many labels (${y.length}) as inputs (${x.length}), at least one`);
  }
}

function sumSquares(t: tf.Tensor): tf.Scalar {
  return tf.sum(tf.square(t));
}

export class Trainer {
  readonly net: Mlp;
  private lr: number;
  private readonly momentum: number;
  private readonly alpha: number;
  private readonly kernelEvery: number;
  private readonly divergenceFactor: number;
  private readonly yTrain: number[];
  private readonly yTestValues?: number[];
  private readonly nTest: number;
  private readonly x: tf.Tensor2D;
  private readonly y: tf.Tensor1D;
  /** The train inputs, then the test inputs: what one read-back evaluates f on. */
  private readonly xAll: tf.Tensor2D;
  /** f₀ on xAll when centered (g = α(f − f₀)): on the backend until create() reads it back. */
  private f0Tensor: tf.Tensor1D | null = null;
  private f0: Float32Array | null = null;
  /** t = f₀ + y/α on the train inputs, n × 1: GD moves f towards it. */
  private readonly target: tf.Tensor2D;
  private gradientDescent: FusedGdStep;
  private readonly initialParams: ParamPair<tf.Tensor>[];
  private readonly initialKernel?: tf.Tensor2D;
  private initialParamNorm = NaN;
  private initialLayerWeightNorms: number[] = [];
  private initialKernelNorm = NaN;
  private initialLoss = NaN;
  private steps = 0;
  private lastKernelStep = 0;
  private latest!: TrainRecord;
  private initialRecord!: TrainRecord;

  /** Builds the network from `network` (the trainer owns it) and measures the initial record. */
  static async create(network: MlpConfig, data: TrainingData, options: TrainerOptions): Promise<Trainer> {
    const trainer = new Trainer(network, data, options);
    await trainer.measureInitialNorms();
    trainer.initialRecord = trainer.latest = await trainer.measure();
    trainer.initialLoss = trainer.latest.trainLoss;
    return trainer;
  }

  private constructor(network: MlpConfig, data: TrainingData, options: TrainerOptions) {
    checkRows('train set', data.xTrain, data.yTrain);
    if (data.yTest) checkRows('test set', data.xTest ?? [], data.yTest);
    else if (data.xTest?.length === 0) throw new RangeError('test set: xTest is empty');
    if (!(options.lr >= 0 && Number.isFinite(options.lr))) throw new RangeError(`lr must be finite and ≥ 0, got ${options.lr}`);
    this.lr = options.lr;
    this.momentum = options.momentum ?? 0;
    this.alpha = options.alpha ?? 1;
    this.kernelEvery = options.kernelEvery ?? 0;
    this.divergenceFactor = options.divergenceFactor ?? 1e6;

    this.yTrain = data.yTrain.slice();
    this.yTestValues = data.yTest?.slice();
    this.nTest = data.xTest?.length ?? 0;
    this.net = new Mlp(network);
    this.x = tf.tensor2d(data.xTrain);
    this.y = tf.tensor1d(data.yTrain);
    this.xAll = this.nTest > 0 ? tf.tensor2d([...data.xTrain, ...data.xTest!]) : this.x;
    // ∂L/∂f = (g − y)/(nα) = (f − t)/n with t = f₀ + y/α (f₀ = 0 uncentred).
    if (options.centered) this.f0Tensor = tf.tidy(() => this.net.forward(this.xAll));
    this.target = tf.tidy(() => {
      const scaled = this.y.div(this.alpha);
      return (this.f0Tensor ? scaled.add(this.f0Tensor.slice(0, this.yTrain.length)) : scaled).reshape([-1, 1]);
    });
    this.gradientDescent = this.stepFor(this.lr);
    this.initialParams = this.net.layers.map(({ w, b }) => ({ w: w.clone(), b: b.clone() }));
    if (this.kernelEvery > 0) this.initialKernel = tf.tidy(() => empiricalNtkTensor(this.net, this.x));
  }

  /** ‖θ₀‖ (effective), ‖W_l(0)‖, ‖K₀‖ and f₀ (centered) in one read-back. */
  private async measureInitialNorms(): Promise<void> {
    const packed = tf.tidy(() => {
      const sums = this.net.layers.flatMap(({ w, b }) => [sumSquares(w), sumSquares(b)]);
      if (this.initialKernel) sums.push(sumSquares(this.initialKernel));
      return this.f0Tensor ? tf.concat([tf.stack(sums), this.f0Tensor]) : tf.stack(sums);
    });
    const values = (await packed.data().finally(() => packed.dispose())) as Float32Array;
    const layers = this.net.layers.length;
    const sums = values.subarray(0, 2 * layers + (this.initialKernel ? 1 : 0));
    if (this.f0Tensor) {
      this.f0 = values.slice(sums.length);
      this.f0Tensor.dispose();
      this.f0Tensor = null;
    }
    this.initialLayerWeightNorms = this.net.layers.map((_, l) => Math.sqrt(sums[2 * l]));
    this.initialParamNorm = Math.sqrt(sums.subarray(0, 2 * layers).reduce((a, b) => a + b, 0));
    if (this.initialKernel) this.initialKernelNorm = Math.sqrt(sums[2 * layers]);
  }

  private stepFor(lr: number): FusedGdStep {
    return new FusedGdStep(this.net, this.x, this.target, lr, this.momentum);
  }

  get stepCount(): number {
    return this.steps;
  }

  get learningRate(): number {
    return this.lr;
  }

  /**
   * Back to θ₀ (the same network, its K₀ still valid) to train again with learning rate `lr`: no
   * new network and no kernel computation, so a learning-rate slider can restart a run cheaply.
   * Returns the initial record.
   */
  restart(lr: number = this.lr): TrainRecord {
    if (!(lr >= 0 && Number.isFinite(lr))) throw new RangeError(`lr must be finite and ≥ 0, got ${lr}`);
    this.lr = lr;
    tf.tidy(() => {
      this.net.layers.forEach(({ w, b }, l) => {
        w.assign(this.initialParams[l].w.clone() as tf.Tensor2D);
        b.assign(this.initialParams[l].b.clone() as tf.Tensor1D);
      });
    });
    // A new step plan: its constants carry η, and its velocity starts at zero.
    this.gradientDescent.dispose();
    this.gradientDescent = this.stepFor(lr);
    this.steps = 0;
    this.lastKernelStep = 0;
    this.latest = this.initialRecord;
    return this.latest;
  }

  /** The lr-weighted NTK on the training inputs at the current parameters, on the backend. Call inside tf.tidy. */
  trainKernel(): tf.Tensor2D {
    return empiricalNtkTensor(this.net, this.x);
  }

  /** The latest record (the initial one before any step). */
  get record(): TrainRecord {
    return this.latest;
  }

  /**
   * Runs k GD steps on the backend without reading anything back, then measures one record.
   * After divergence the trainer stays frozen and returns the divergence record.
   */
  async step(k = 1): Promise<TrainRecord> {
    if (!(Number.isInteger(k) && k >= 0)) throw new RangeError(`step count must be an integer ≥ 0, got ${k}`);
    if (this.latest.diverged) return this.latest;
    for (let i = 0; i < k; i++) this.gradientDescent.step();
    this.steps += k;
    const measured = await this.measure();
    const exploded = !(measured.trainLoss <= this.divergenceFactor * this.initialLoss);
    const finite = [measured.trainLoss, measured.testLoss ?? 0, measured.paramChange, measured.kernelChange ?? 0, measured.kernelAlignment ?? 0]
      .concat(measured.trainOutputs, measured.testOutputs ?? [], measured.layerWeightChange)
      .every(Number.isFinite);
    this.latest = finite && !exploded ? measured : { ...this.latest, diverged: true, divergedAtStep: this.steps };
    return this.latest;
  }

  /** g = α(f − f₀) or αf for entry i of xAll. */
  private modelOutputs(f: Float32Array, from: number, to: number): number[] {
    const out = new Array<number>(to - from);
    for (let i = from; i < to; i++) out[i - from] = this.alpha * (f[i] - (this.f0 ? this.f0[i] : 0));
    return out;
  }

  /**
   * One read-back: f on the train and test inputs, per-layer squared parameter movement and, when
   * due, the kernel drift and alignment (at step 0 the alignment of K₀, whose drift is zero by
   * definition and left out).
   */
  private async measure(): Promise<TrainRecord> {
    const nTrain = this.y.size;
    const nAll = nTrain + this.nTest;
    const layers = this.net.layers.length;
    const kernelDue = this.initialKernel !== undefined && this.steps - this.lastKernelStep >= this.kernelEvery;
    const alignmentDue = kernelDue || (this.initialKernel !== undefined && this.steps === 0);
    const packed = tf.tidy(() => {
      const movement = this.net.layers.flatMap(({ w, b }, l) => [
        tf.sum(tf.squaredDifference(w, this.initialParams[l].w)),
        tf.sum(tf.squaredDifference(b, this.initialParams[l].b)),
      ]);
      const parts: tf.Tensor1D[] = [this.net.forward(this.xAll), tf.stack(movement) as tf.Tensor1D];
      const kernel = kernelDue ? empiricalNtkTensor(this.net, this.x) : this.initialKernel;
      // [yᵀKy, ‖K‖²_F], then ‖K − K₀‖²_F.
      if (alignmentDue) parts.push(tf.stack([tf.sum(kernel!.mul(tf.outerProduct(this.y, this.y))), sumSquares(kernel!)]) as tf.Tensor1D);
      if (kernelDue) parts.push(sumSquares(kernel!.sub(this.initialKernel!)).reshape([1]));
      return tf.concat(parts);
    });
    const values = (await packed.data().finally(() => packed.dispose())) as Float32Array;
    if (kernelDue) this.lastKernelStep = this.steps;

    const trainOutputs = this.modelOutputs(values, 0, nTrain);
    const testOutputs = this.nTest > 0 ? this.modelOutputs(values, nTrain, nAll) : undefined;
    const movement = values.subarray(nAll, nAll + 2 * layers);
    const alignmentAt = nAll + 2 * layers;
    return {
      step: this.steps,
      trainLoss: halfMeanSquaredError(trainOutputs, this.yTrain),
      testLoss: testOutputs && this.yTestValues ? halfMeanSquaredError(testOutputs, this.yTestValues) : undefined,
      trainOutputs,
      testOutputs,
      paramChange: Math.sqrt(movement.reduce((a, b) => a + b, 0)) / this.initialParamNorm,
      layerWeightChange: this.initialLayerWeightNorms.map((norm, l) => Math.sqrt(movement[2 * l]) / norm),
      kernelChange: kernelDue ? Math.sqrt(values[values.length - 1]) / this.initialKernelNorm : undefined,
      kernelAlignment: alignmentDue
        ? values[alignmentAt] / (Math.sqrt(values[alignmentAt + 1]) * this.yTrain.reduce((sum, y) => sum + y * y, 0))
        : undefined,
      diverged: false,
    };
  }

  /** Releases every tensor the trainer and its network hold. */
  dispose(): void {
    this.net.dispose();
    this.gradientDescent.dispose();
    const owned = new Set<tf.Tensor | null | undefined>([this.x, this.y, this.xAll, this.target, this.f0Tensor, this.initialKernel]);
    for (const { w, b } of this.initialParams) owned.add(w).add(b);
    for (const t of owned) t?.dispose();
  }
}
