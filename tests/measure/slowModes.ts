/**
 * Where a ReLU network leaves its linearisation (chapter 4): the data-geometry widget's learning
 * problem and network at its defaults, at any width and seed, trained for the widget's default
 * number of GD steps, against the linearised network with the run's own K₀ frozen. The linearised
 * prediction is iterated here step by step, f ← f − (η/n)K₀(f − y) in float64, without the
 * eigenbasis the widget uses. Shared by the recording script (./recordSlowModes.ts) and the unit
 * test that re-measures a cheap part of the recording (tests/unit/content/measuredClaims.test.ts).
 */
import { Trainer, empiricalNtk } from '../../src/lib/nn';
import type { Activation } from '../../src/lib/ntk';
import { defaults } from '../../src/lib/settings';
import { makeProblem, runRequest } from '../../src/widgets/data-geometry/run';
import { schema } from '../../src/widgets/data-geometry/schema';

export interface SlowModesPoint {
  activation: Activation;
  width: number;
  seed: number;
}

export interface SlowModesMeasurement extends SlowModesPoint {
  /** Train loss (1/2n)‖g − y‖² of the network after STEPS steps. */
  network: number;
  /** The same for its linearisation around θ₀. */
  linearised: number;
}

/** The widget's defaults but for the point: n = 20, spread 0.2, 10 % of labels flipped, η = 2, 500 steps, centred. */
export const SLOW_MODES_SETTINGS = (({ activation: _a, width: _w, seed: _s, speed: _v, ...rest }) => rest)(defaults(schema));

/** What content/measured/slowModes.json holds. */
export interface SlowModesRecording {
  /** How, when and where it was measured. */
  note: string;
  settings: typeof SLOW_MODES_SETTINGS;
  measurements: SlowModesMeasurement[];
}

/** Trains on the current tfjs backend (select one first). */
export async function measureSlowModes(point: SlowModesPoint): Promise<SlowModesMeasurement> {
  const settings = { ...SLOW_MODES_SETTINGS, ...point };
  const request = runRequest(settings, makeProblem(settings));
  const trainer = await Trainer.create(request.network, request.data, request.options);
  try {
    const k = empiricalNtk(trainer.net, request.data.xTrain);
    const { trainLoss } = await trainer.step(settings.steps);
    const y = request.data.yTrain;
    const n = y.length;
    // Centred: g starts at 0.
    let f = y.map(() => 0);
    for (let t = 0; t < settings.steps; t++) {
      const r = f.map((fi, i) => fi - y[i]);
      f = f.map((fi, i) => fi - (settings.lr / n) * r.reduce((s, rj, j) => s + k[i][j] * rj, 0));
    }
    const linearised = f.reduce((s, fi, i) => s + (fi - y[i]) ** 2, 0) / (2 * n);
    return { ...point, network: trainLoss, linearised };
  } finally {
    trainer.dispose();
  }
}
