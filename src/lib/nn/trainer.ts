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
import { Mlp, type MlpConfig } from './mlp';

export interface TrainingData {
  xTrain: Matrix;
  yTrain: number[];
  xTest?: Matrix;
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
  private readonly x: tf.Tensor2D;
  private readonly y: tf.Tensor1D;
  private readonly xTest?: tf.Tensor2D;
  private readonly yTest?: tf.Tensor1D;
  private readonly f0Train?: tf.Tensor1D;
  private readonly f0Test?: tf.Tensor1D;
  private readonly initialParams: ParamPair<tf.Tensor>[];
  private readonly velocity?: ParamPair<tf.Variable>[];
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
    if (data.xTest || data.yTest) checkRows('test set', data.xTest ?? [], data.yTest ?? []);
    if (!(options.lr >= 0 && Number.isFinite(options.lr))) throw new RangeError(`lr must be finite and ≥ 0, got ${options.lr}`);
    this.lr = options.lr;
    this.momentum = options.momentum ?? 0;
    this.alpha = options.alpha ?? 1;
    this.kernelEvery = options.kernelEvery ?? 0;
    this.divergenceFactor = options.divergenceFactor ?? 1e6;

    this.yTrain = data.yTrain.slice();
    this.yTestValues = data.yTest?.slice();
    this.net = new Mlp(network);
    this.x = tf.tensor2d(data.xTrain);
    this.y = tf.tensor1d(data.yTrain);
    if (data.xTest && data.yTest) {
      this.xTest = tf.tensor2d(data.xTest);
      this.yTest = tf.tensor1d(data.yTest);
    }
    if (options.centered) {
      this.f0Train = tf.tidy(() => this.net.forward(this.x));
      if (this.xTest) this.f0Test = tf.tidy(() => this.net.forward(this.xTest!));
    }
    this.initialParams = this.net.layers.map(({ w, b }) => ({ w: w.clone(), b: b.clone() }));
    if (this.momentum !== 0) {
      this.velocity = this.net.layers.map(({ w, b }) => ({
        w: tf.tidy(() => tf.variable(tf.zeros(w.shape), false)),
        b: tf.tidy(() => tf.variable(tf.zeros(b.shape), false)),
      }));
    }
    if (this.kernelEvery > 0) this.initialKernel = tf.tidy(() => empiricalNtkTensor(this.net, this.x));
  }

  /** ‖θ₀‖ (effective), ‖W_l(0)‖ and ‖K₀‖ in one read-back. */
  private async measureInitialNorms(): Promise<void> {
    const packed = tf.tidy(() => {
      const sums = this.net.layers.flatMap(({ w, b }) => [sumSquares(w), sumSquares(b)]);
      if (this.initialKernel) sums.push(sumSquares(this.initialKernel));
      return tf.stack(sums);
    });
    const sums = await packed.data();
    packed.dispose();
    this.initialLayerWeightNorms = this.net.layers.map((_, l) => Math.sqrt(sums[2 * l]));
    this.initialParamNorm = Math.sqrt(this.effectiveSquaredSum(sums));
    if (this.initialKernel) this.initialKernelNorm = Math.sqrt(sums[2 * this.net.layers.length]);
  }

  /** Σ_l m_l²·s[2l] + mb_l²·s[2l+1] for per-layer squared sums s of stored (weight, bias) tensors. */
  private effectiveSquaredSum(layerSums: ArrayLike<number>): number {
    return this.net.layers.reduce(
      (sum, { scaling }, l) =>
        sum + scaling.weightMultiplier ** 2 * layerSums[2 * l] + scaling.biasMultiplier ** 2 * layerSums[2 * l + 1],
      0,
    );
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
      for (const v of this.velocity ?? []) {
        v.w.assign(tf.zerosLike(v.w));
        v.b.assign(tf.zerosLike(v.b));
      }
    });
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
    for (let i = 0; i < k; i++) this.gradientStep();
    this.steps += k;
    const measured = await this.measure();
    const exploded = !(measured.trainLoss <= this.divergenceFactor * this.initialLoss);
    const finite = [measured.trainLoss, measured.testLoss ?? 0, measured.paramChange, measured.kernelChange ?? 0, measured.kernelAlignment ?? 0]
      .concat(measured.trainOutputs, measured.testOutputs ?? [], measured.layerWeightChange)
      .every(Number.isFinite);
    this.latest = finite && !exploded ? measured : { ...this.latest, diverged: true, divergedAtStep: this.steps };
    return this.latest;
  }

  /** g = α(f − f₀) or αf. */
  private modelOutput(f: tf.Tensor1D, f0?: tf.Tensor1D): tf.Tensor1D {
    return (f0 ? f.sub(f0) : f).mul(this.alpha);
  }

  private gradientStep(): void {
    tf.tidy(() => {
      const trace = this.net.trace(this.x);
      const g = this.modelOutput(trace.output, this.f0Train);
      // ∂L/∂f = α(g − y)/(nα²) for L = ‖g − y‖²/(2nα²).
      const dLossDf = g.sub(this.y).div(this.y.size * this.alpha) as tf.Tensor1D;
      const grads = this.net.parameterGradients(trace, this.net.backward(trace, dLossDf));
      this.net.layers.forEach(({ w, b, scaling }, l) => {
        this.update(w, grads[l].w, scaling.weightLrFactor, this.velocity?.[l].w);
        this.update(b, grads[l].b, scaling.biasLrFactor, this.velocity?.[l].b);
      });
    });
  }

  private update(param: tf.Variable, grad: tf.Tensor, lrFactor: number, velocity?: tf.Variable): void {
    let direction = grad;
    if (velocity) {
      velocity.assign(velocity.mul(this.momentum).add(grad));
      direction = velocity;
    }
    param.assign(param.sub(direction.mul(this.lr * lrFactor)));
  }

  /**
   * One read-back: outputs, per-layer squared parameter movement and, when due, the kernel drift
   * and alignment (at step 0 the alignment of K₀, whose drift is zero by definition and left out).
   */
  private async measure(): Promise<TrainRecord> {
    const nTrain = this.y.size;
    const nTest = this.yTest?.size ?? 0;
    const layers = this.net.layers.length;
    const kernelDue = this.initialKernel !== undefined && this.steps - this.lastKernelStep >= this.kernelEvery;
    const alignmentDue = kernelDue || (this.initialKernel !== undefined && this.steps === 0);
    const packed = tf.tidy(() => {
      const movement = this.net.layers.flatMap(({ w, b }, l) => [
        sumSquares(w.sub(this.initialParams[l].w)),
        sumSquares(b.sub(this.initialParams[l].b)),
      ]);
      const parts: tf.Tensor1D[] = [this.modelOutput(this.net.forward(this.x), this.f0Train), tf.stack(movement) as tf.Tensor1D];
      if (this.xTest) parts.push(this.modelOutput(this.net.forward(this.xTest), this.f0Test));
      const kernel = kernelDue ? empiricalNtkTensor(this.net, this.x) : this.initialKernel;
      // [yᵀKy, ‖K‖²_F], then ‖K − K₀‖²_F.
      if (alignmentDue) parts.push(tf.stack([tf.sum(kernel!.mul(tf.outerProduct(this.y, this.y))), sumSquares(kernel!)]) as tf.Tensor1D);
      if (kernelDue) parts.push(sumSquares(kernel!.sub(this.initialKernel!)).reshape([1]));
      return tf.concat(parts);
    });
    const values = await packed.data().finally(() => packed.dispose());
    if (kernelDue) this.lastKernelStep = this.steps;

    const trainOutputs = Array.from(values.subarray(0, nTrain));
    const movement = values.subarray(nTrain, nTrain + 2 * layers);
    const testOutputs = this.xTest ? Array.from(values.subarray(nTrain + 2 * layers, nTrain + 2 * layers + nTest)) : undefined;
    const alignmentAt = nTrain + 2 * layers + (this.xTest ? nTest : 0);
    return {
      step: this.steps,
      trainLoss: halfMeanSquaredError(trainOutputs, this.yTrain),
      testLoss: testOutputs ? halfMeanSquaredError(testOutputs, this.yTestValues!) : undefined,
      trainOutputs,
      testOutputs,
      paramChange: Math.sqrt(this.effectiveSquaredSum(movement)) / this.initialParamNorm,
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
    const owned: (tf.Tensor | undefined)[] = [this.x, this.y, this.xTest, this.yTest, this.f0Train, this.f0Test];
    owned.push(this.initialKernel, ...this.initialParams.flatMap(({ w, b }) => [w, b]));
    owned.push(...(this.velocity ?? []).flatMap(({ w, b }) => [w, b]));
    for (const t of owned) t?.dispose();
  }
}
