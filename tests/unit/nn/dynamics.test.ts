import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { circleFourier, linearisedDynamics } from '../../../src/lib/ntk';
import { empiricalNtk, Mlp, Trainer, type MlpConfig, type TrainRecord } from '../../../src/lib/nn';

const data = circleFourier({ n: 8, modes: [{ k: 1, amp: 1 }, { k: 3, amp: 0.5 }], jitter: 0.4, seed: 3 });
const STEPS = 200;
const CHUNK = 20;

interface Run {
  /** max_t |L(t) − L_lin(t)| / L(0) over the recorded steps. */
  departure: number;
  /** Every CHUNK steps, the initial record first. */
  records: TrainRecord[];
  final: TrainRecord;
}

function network(overrides: Partial<MlpConfig>): MlpConfig {
  return { parameterization: 'ntk', activation: 'relu', depth: 1, inputDim: 2, width: 2048, wStd: 1.5, bStd: 0.5, seed: 4, ...overrides };
}

/**
 * Trains at half the GD stability limit of the network's own lr-weighted K₀ and compares the real
 * train-loss curve with the linearised model started from the same K₀ and initial outputs.
 */
async function trainAgainstLinearised(config: MlpConfig, options: { alpha?: number; centered?: boolean } = {}): Promise<Run> {
  const probe = new Mlp(config);
  const k0 = empiricalNtk(probe, data.xTrain);
  probe.dispose();
  const lr = 0.5 * linearisedDynamics({ kTrain: k0, yTrain: data.yTrain, lr: 1 }).maxStableLr();
  const trainer = await Trainer.create(config, data, { lr, kernelEvery: STEPS, ...options });
  const linear = linearisedDynamics({ kTrain: k0, yTrain: data.yTrain, f0Train: trainer.record.trainOutputs, lr });
  const loss0 = trainer.record.trainLoss;
  let departure = 0;
  const records = [trainer.record];
  while (trainer.stepCount < STEPS) {
    const record = await trainer.step(CHUNK);
    expect(record.diverged).toBe(false);
    departure = Math.max(departure, Math.abs(record.trainLoss - linear.loss(record.step, 'gd')) / loss0);
    records.push(record);
  }
  expect(linear.loss(STEPS, 'gd')).toBeLessThan(0.2 * loss0); // the run really trains
  trainer.dispose();
  return { departure, records, final: records[records.length - 1] };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('real training against the linearised dynamics of its own K₀', () => {
  it('a wide NTK net follows them; a narrow NTK net and a μP net of the same width depart far more', async () => {
    const wide = await trainAgainstLinearised(network({}));
    const narrow = await trainAgainstLinearised(network({ width: 16 }));
    const mup = await trainAgainstLinearised(network({ parameterization: 'mup' }));
    console.info(
      `departure wide ${wide.departure.toExponential(2)}, narrow ${narrow.departure.toExponential(2)}, mup ${mup.departure.toExponential(2)}; ` +
        `kernel drift wide ${wide.final.kernelChange?.toExponential(2)}, narrow ${narrow.final.kernelChange?.toExponential(2)}, mup ${mup.final.kernelChange?.toExponential(2)}`,
    );
    expect(wide.departure).toBeLessThan(0.01);
    expect(narrow.departure).toBeGreaterThan(3 * wide.departure);
    expect(mup.departure).toBeGreaterThan(3 * wide.departure);
    expect(mup.final.kernelChange!).toBeGreaterThan(10 * wide.final.kernelChange!);
  });

  // tanh, not ReLU: at width 16 a ReLU unit whose pre-activation sits within the O(1/α) weight
  // movement of its kink flips, and that changes K by O(1/width) however large α is.
  it('output scale α makes a narrow net lazy: smaller parameter movement for the same loss decrease, and linear dynamics', async () => {
    const config = network({ width: 16, activation: 'tanh' });
    const plain = await trainAgainstLinearised(config, { alpha: 1, centered: true });
    const lazy = await trainAgainstLinearised(config, { alpha: 16, centered: true });
    // ‖θ_t − θ₀‖/‖θ₀‖ at the first record where the loss is down to a quarter.
    const changeAtQuarterLoss = ({ records }: Run) => records.find((r) => r.trainLoss <= 0.25 * records[0].trainLoss)!.paramChange;
    const [plainChange, lazyChange] = [changeAtQuarterLoss(plain), changeAtQuarterLoss(lazy)];
    console.info(
      `Δθ at L0/4: α=1 ${plainChange.toExponential(2)}, α=16 ${lazyChange.toExponential(2)}; ` +
        `departure α=1 ${plain.departure.toExponential(2)}, α=16 ${lazy.departure.toExponential(2)}`,
    );
    // Lazy training moves the weights ∝ 1/α.
    expect(lazyChange).toBeGreaterThan(plainChange / 32);
    expect(lazyChange).toBeLessThan(plainChange / 8);
    expect(lazy.departure).toBeLessThan(plain.departure / 4);
  });
});
