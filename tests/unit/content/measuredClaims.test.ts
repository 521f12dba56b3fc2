/**
 * The statements the chapters make about trained networks (content/claims.ts), measured on the
 * widgets' own problems and networks with tfjs's WASM backend in Node. Every claim is checked over
 * several seeds and at least two widths, with the margin stated beside each check. Long sweeps are
 * not run here: the data-geometry claim cites a recording (content/measured/slowModes.json, from
 * `npm run measure:slow-modes`), and this file re-measures a cheap part of it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { eigenmodeDeparture, mupRate, reluSlowModes, standardFreeze } from '../../../content/claims';
import recording from '../../../content/measured/slowModes.json' with { type: 'json' };
import { Trainer, empiricalNtk, type Parameterization } from '../../../src/lib/nn';
import { linearisedDynamics, symmetricEigen, type Activation } from '../../../src/lib/ntk';
import { defaults } from '../../../src/lib/settings';
import { eigenmodeDataset, runRequest as eigenmodeRequest } from '../../../src/widgets/eigenmode-decay/run';
import { dominantFrequency } from '../../../src/widgets/eigenmode-decay/theory';
import { schema as eigenmodeSchema } from '../../../src/widgets/eigenmode-decay/schema';
import { DRIFT_DATA, networkFor } from '../../../src/widgets/ntk-drift/run';
import { schema as driftSchema } from '../../../src/widgets/ntk-drift/schema';
import { useNodeBackend } from '../../bench/nodeBackend';
import { measureSlowModes, type SlowModesRecording } from '../../measure/slowModes';

beforeAll(async () => {
  await useNodeBackend('wasm');
});

const SEEDS = [1, 2, 3];

describe('chapter 4: ReLU networks fit the flipped labels more slowly than their linearisation', () => {
  const { measurements } = recording as SlowModesRecording;

  // 12 runs of the 96 recorded: seeds 1–3 at widths 512 and 2048, both activations.
  it.each(['relu', 'erf'] as Activation[])('%s: re-measured runs reproduce the recording to 1 %, and the stated bounds hold', async (activation) => {
    for (const width of [512, 2048]) {
      for (const seed of SEEDS) {
        const m = await measureSlowModes({ activation, width, seed });
        const recorded = measurements.find((r) => r.activation === activation && r.width === width && r.seed === seed);
        expect(recorded, `recording has ${activation} width ${width} seed ${seed}`).toBeDefined();
        expect(Math.abs(m.network / recorded!.network - 1)).toBeLessThan(0.01);
        expect(Math.abs(m.linearised / recorded!.linearised - 1)).toBeLessThan(0.01);
        const ratio = m.network / m.linearised;
        // Recorded over six seeds: ReLU excess ≥ 13 % at every width; erf within 4 % at 512, 0.3 % at 2048.
        if (activation === 'relu') expect(ratio - 1).toBeGreaterThan(0.1);
        else expect(Math.abs(ratio - 1)).toBeLessThanOrEqual(width === reluSlowModes.erf.narrow.width ? reluSlowModes.erf.narrow.gap : reluSlowModes.erf.widget.gap);
      }
    }
  });
});

describe('chapter 4: the slow modes of the eigenmode widget leave the prediction first', () => {
  const base = defaults(eigenmodeSchema);

  /**
   * ‖residual‖ on the eigenvectors of K₀ whose dominant frequency is 4 (the target's cos 4θ pair),
   * measured on the network ÷ predicted by (1 − ηλ_k/n)ᵗ, after each of `checkpoints` steps.
   */
  async function slowModeRatios(settings: typeof base, checkpoints: number[]): Promise<number[]> {
    const data = eigenmodeDataset(settings);
    const request = eigenmodeRequest(settings, data);
    const trainer = await Trainer.create(request.network, request.data, request.options);
    try {
      const y = data.yTrain;
      const theory = linearisedDynamics({ kTrain: empiricalNtk(trainer.net, data.xTrain), yTrain: y, lr: settings.lr });
      const slow = theory.eigen.vectors.map((v, k) => ({ v, k })).filter(({ v }) => dominantFrequency(v, data.coordinate!.train) === 4);
      expect(slow).toHaveLength(2);
      const ratios: number[] = [];
      let done = 0;
      for (const t of checkpoints) {
        const { trainOutputs } = await trainer.step(t - done);
        done = t;
        const measured = Math.hypot(...slow.map(({ v }) => v.reduce((s, vi, i) => s + vi * (trainOutputs[i] - y[i]), 0)));
        const predicted = Math.hypot(...slow.map(({ k }) => theory.modeResiduals(t, 'gd')[k]));
        ratios.push(measured / predicted);
      }
      return ratios;
    } finally {
      trainer.dispose();
    }
  }

  it('is stated for the widget’s default width', () => {
    expect(eigenmodeDeparture.width).toBe(base.width);
  });

  // Measured (seeds 1–3): ReLU at 512, 1.06–1.07 after half the steps and 1.23–1.28 after them; at
  // 4096, 1.04–1.07 after them; erf at 512 within 0.4 %. Margins: on the line < 1.12, off it > 1.18.
  it('ReLU at the default width: on the line after half the stated steps, off it after them; close at the wide width', async () => {
    const { steps, width, wideWidth } = eigenmodeDeparture;
    for (const seed of SEEDS) {
      const [half, full] = await slowModeRatios({ ...base, seed, width }, [steps / 2, steps]);
      expect(half).toBeLessThan(1.12);
      expect(full).toBeGreaterThan(1.18);
      const [wide] = await slowModeRatios({ ...base, seed, width: wideWidth }, [steps]);
      expect(wide).toBeLessThan(1.1);
    }
  });

  it('erf at the default width stays on the line', async () => {
    for (const seed of SEEDS) {
      const [ratio] = await slowModeRatios({ ...base, seed, activation: 'erf' }, [2 * eigenmodeDeparture.steps]);
      expect(Math.abs(ratio - 1)).toBeLessThan(0.05);
    }
  });
});

describe('chapter 5: the drift widget in the standard parameterisation and under μP', () => {
  const driftDefaults = defaults(driftSchema);
  const n = DRIFT_DATA.yTrain.length;

  interface DriftRun {
    initialLoss: number;
    loss: number;
    firstLayerChange: number;
    kernelChange: number;
    /** ηλ_max(K_t)/(2n): above 1, the grown kernel has passed the stability limit. */
    edge: number;
    /** λ_max(K_t)/λ_max(K₀). */
    growth: number;
  }

  /** The widget's run for one width: η = fraction·2n/λ_max of K₀, the widget's default steps. */
  async function driftRun(parameterization: Parameterization, width: number, seed: number, fraction: number): Promise<DriftRun> {
    const network = { ...networkFor({ ...driftDefaults, parameterization, seed }), width };
    const probe = await Trainer.create(network, DRIFT_DATA, { lr: 0 });
    const lambda0 = symmetricEigen(empiricalNtk(probe.net, DRIFT_DATA.xTrain)).values[0];
    probe.dispose();
    const lr = (fraction * 2 * n) / lambda0;
    const trainer = await Trainer.create(network, DRIFT_DATA, { lr, kernelEvery: driftDefaults.steps });
    try {
      const initialLoss = trainer.record.trainLoss;
      const record = await trainer.step(driftDefaults.steps);
      const lambda = symmetricEigen(empiricalNtk(trainer.net, DRIFT_DATA.xTrain)).values[0];
      return {
        initialLoss,
        loss: record.trainLoss,
        firstLayerChange: record.layerWeightChange[0],
        kernelChange: record.kernelChange!,
        edge: (lr * lambda) / (2 * n),
        growth: lambda / lambda0,
      };
    } finally {
      trainer.dispose();
    }
  }

  const slope = (widths: number[], values: number[]) => Math.log(values[values.length - 1] / values[0]) / Math.log(widths[widths.length - 1] / widths[0]);

  // Measured (seeds 1–3, widths 64 → 1024): slope −1.37 to −1.53 standard, −0.44 to −0.49 NTK; loss
  // after 300 steps 0.005–0.008 standard, at least 30 times the NTK parameterisation's.
  it('standard: the first layer freezes (movement ∝ m^(−3/2), NTK: m^(−1/2)) and the loss is left higher', async () => {
    const widths = driftDefaults.widths;
    for (const seed of SEEDS) {
      const standard = await Promise.all(widths.map((w) => driftRun('standard', w, seed, driftDefaults.lrfraction)));
      const ntk = await Promise.all(widths.map((w) => driftRun('ntk', w, seed, driftDefaults.lrfraction)));
      expect(Math.abs(slope(widths, standard.map((r) => r.firstLayerChange)) - standardFreeze.firstLayerExponent)).toBeLessThan(0.25);
      expect(Math.abs(slope(widths, ntk.map((r) => r.firstLayerChange)) + 0.5)).toBeLessThan(0.2);
      standard.forEach((r, i) => expect(r.loss).toBeGreaterThan(10 * ntk[i].loss));
    }
  });

  // Measured (seeds 1–3, widths 64 and 1024): at 0.1 the loss ends at 0.13–1.9 % of its start, the
  // drift at 5.4–9.1, λ_max grown 6.4–10.2 times, ηλ_max/2n at 0.64–1.02; at 0.5 the loss stays at
  // 22–28 % of its start with ηλ_max/2n at 1.27–1.52.
  it('μP: at the stated fraction it fits, λ_max grows within the stated range and the drift stays large; at the default it stalls past the limit', async () => {
    expect(mupRate.defaultFraction).toBe(driftDefaults.lrfraction);
    expect(mupRate.steps).toBe(driftDefaults.steps);
    for (const seed of SEEDS) {
      for (const width of [driftDefaults.widths[0], driftDefaults.widths[driftDefaults.widths.length - 1]]) {
        const fits = await driftRun('mup', width, seed, mupRate.fraction);
        expect(fits.loss).toBeLessThan(0.05 * fits.initialLoss);
        expect(fits.kernelChange).toBeGreaterThan(3);
        expect(fits.growth).toBeGreaterThan(0.9 * mupRate.kernelGrowth.low);
        expect(fits.growth).toBeLessThan(1.1 * mupRate.kernelGrowth.high);
        const stalls = await driftRun('mup', width, seed, mupRate.defaultFraction);
        expect(stalls.loss).toBeGreaterThan(0.15 * stalls.initialLoss);
        expect(stalls.edge).toBeGreaterThan(1.1);
      }
    }
  });
});
