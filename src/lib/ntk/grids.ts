/** Integer step grids on which predicted curves are evaluated. */

/** At most `count` distinct integer steps from `from` to `horizon` inclusive, evenly spaced. */
export function stepGrid(horizon: number, count: number, from = 0): number[] {
  const span = horizon - from;
  if (span <= 0) return [from];
  const intervals = Math.max(1, Math.min(count, span + 1) - 1);
  const steps = Array.from({ length: intervals + 1 }, (_, i) => Math.round(from + (span * i) / intervals));
  return [...new Set(steps)];
}

/** At most `count` distinct integer steps from 1 to `horizon` inclusive, evenly spaced in log t (for a log-t axis). */
export function logStepGrid(horizon: number, count: number): number[] {
  if (horizon <= 1) return [1];
  const top = Math.log(horizon);
  const steps = Array.from({ length: count }, (_, i) => Math.round(Math.exp((top * i) / (count - 1))));
  return [...new Set(steps)];
}
