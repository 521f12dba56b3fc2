/**
 * What the drift widget predicts from each width's K₀ at the rate the settings give it: the η, the
 * stability limit 2n/λ_max and the frozen-kernel (linearised) loss. Cheap once K₀'s spectrum is
 * known, so it follows the rate controls on every input event. Pure: no DOM.
 */
import type { InitialKernel, LinearisedRun } from '../kit/linearisedRun';
import { learningRate, type RateRule } from './run';

export interface WidthTheory {
  width: number;
  /** 2n/λ_max of this width's K₀. */
  limit: number;
  /** The η the rule gives this width. */
  lr: number;
  /** The frozen-kernel prediction at that η. */
  linearised: LinearisedRun;
}

export function widthTheories(runs: readonly { width: number; initial: InitialKernel }[], rule: RateRule): WidthTheory[] {
  return runs.map(({ width, initial }) => {
    const limit = initial.stabilityLimit;
    const lr = learningRate(rule, limit);
    return { width, limit, lr, linearised: initial.at(lr) };
  });
}

/** The width with the smallest limit: under one η for all, the first to pass its limit. */
export function tightest(theories: readonly WidthTheory[]): WidthTheory | null {
  return theories.reduce<WidthTheory | null>((low, t) => (low === null || t.limit < low.limit ? t : low), null);
}

/**
 * Under μP the kernel grows during training by order one at every width, so an η chosen from K₀
 * ends up past the limit of the kernel the network grows into. Measured on the widget's task
 * (ReLU, widths 64–1024, 300 steps, in Node): at half the initial limit the loss stalls at 24–28 %
 * of its start (and still after 2000 steps), and at depth 3 training diverges within 10 steps;
 * already at 0.15 of the limit the loss stops falling (5–9 %, rising again); at a tenth of the
 * limit every width fits (below 2 % on seeds 1–3, and at depth 2 and 3). Above this fraction
 * under μP the widget says so (the default, 0.5, suits the NTK and standard parameterisations).
 */
export const MUP_FRACTION = 0.1;

/** The largest η ÷ (2n/λ_max) over the widths. */
export function largestFraction(theories: readonly WidthTheory[]): number {
  return Math.max(0, ...theories.map((t) => t.lr / t.limit));
}
