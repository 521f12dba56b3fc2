/** The stability curve the frozen-kernel widget draws beside the loss. Pure: no DOM. */
import type { Domain, Point } from '../../charts';

/**
 * A mode's factor per GD step |1 − ηλ/n| against η, log-spaced over `lrRange`, with its zero at
 * η = n/λ and its crossing of 1 at η = 2n/λ included exactly so the V's corner is drawn sharp.
 */
export function modeFactorCurve(lambda: number, n: number, [lo, hi]: Domain, count = 120): Point[] {
  const logLo = Math.log(lo);
  const span = Math.log(hi) - logLo;
  const lrs = Array.from({ length: count }, (_, i) => Math.exp(logLo + (span * i) / (count - 1)));
  for (const special of [n / lambda, (2 * n) / lambda]) if (special > lo && special < hi) lrs.push(special);
  return lrs.sort((a, b) => a - b).map((lr) => ({ x: lr, y: Math.abs(1 - (lr * lambda) / n) }));
}
