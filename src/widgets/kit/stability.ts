/**
 * The one rule every training widget follows for a learning rate past the predicted stability limit
 * 2n/λ_max of its initial kernel: the limit is drawn on the η control, the widget says before
 * training that the run will diverge and offers half the limit, training is still allowed (the
 * frozen-kernel and eigenmode chapters ask the reader to cross the limit), and a divergence names
 * the step the counter shows.
 */
import { formatReadout } from '../../lib/format';

/** η at or above 2n/λ_max: the frozen kernel's top mode grows at every step. */
export function pastLimit(lr: number, limit: number | null): boolean {
  return limit !== null && Number.isFinite(limit) && lr >= limit;
}

/**
 * From this fraction of the limit on, the top mode's factor |1 − ηλ_max/n| is 0.8 or more: the
 * linearised loss falls slowly and oscillates, and a real network parts from it.
 */
export const NEAR_LIMIT = 0.9;

/** η close enough to the limit (or past it) that the widget offers half the limit instead. */
export function nearLimit(lr: number, limit: number | null): boolean {
  return limit !== null && Number.isFinite(limit) && lr >= NEAR_LIMIT * limit;
}

/** The η offered instead of one past the limit: half of it, where GD converges fastest on the top mode. */
export function safeLearningRate(limit: number): number {
  return Number((limit / 2).toPrecision(2));
}

/**
 * What the widget says before training when η is past the limit (training will diverge) or close
 * below it (the linearised top mode barely decays, so network and linearisation part), else null.
 */
export function stabilityWarning(lr: number, limit: number | null, topFactor: number): string | null {
  if (nearLimit(lr, limit) && !pastLimit(lr, limit)) {
    return (
      `η = ${formatReadout(lr)} is within ${Math.round(100 * (1 - NEAR_LIMIT))} % of the stability limit 2n/λ_max = ${formatReadout(limit)}: ` +
      `the linearised model's top mode shrinks only by a factor ${formatReadout(topFactor)} per step, flipping sign each time, so its loss falls slowly. ` +
      'Here small departures from the frozen kernel grow, and the real network parts from its linearisation. Use half the limit to see the two agree.'
    );
  }
  if (!pastLimit(lr, limit)) return null;
  return (
    `η = ${formatReadout(lr)} is past the predicted stability limit 2n/λ_max = ${formatReadout(limit)}: ` +
    `the top mode of K₀ is multiplied by ${formatReadout(topFactor)} per step, so training will diverge. ` +
    'Train anyway to watch it happen (a real network can escape for a while by shrinking its kernel), or use half the limit.'
  );
}

/** What the widget says when the trainer reports divergence at `step`, with η next to the predicted limit. */
export function divergenceMessage(step: number, lr: number, limit: number): string {
  const over = lr >= limit;
  const why = over
    ? 'the top eigenmode of K₀ grows at every step, as predicted'
    : 'the kernel moved away from K₀, so the frozen-kernel prediction no longer applies';
  return (
    `Training diverged at step ${step}: η = ${formatReadout(lr)} is ${over ? 'at or above' : 'below'} the predicted ` +
    `stability limit 2n/λ_max = ${formatReadout(limit)}; ${why}. Lower η to train again.`
  );
}
