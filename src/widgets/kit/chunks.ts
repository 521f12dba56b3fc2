/** How many GD steps a session runs between two plot updates. Pure. */

/**
 * A chunk should take about this long in the worker: long enough that the read-back and redraw are
 * a small share, short enough that a restart asked for mid-chunk waits little (a settled change must
 * plot its first step within 250 ms; npm run bench -- --only=interaction).
 */
export const CHUNK_TARGET_MS = 100;

/**
 * GD steps to run before the next record: at speed 1 about an eighth of the steps taken so far, so
 * records are spaced evenly in log t early on (where the top modes fall) and at most `horizon`/40
 * apart later. `speed` multiplies that (rounded, at least one step); never past the horizon. With
 * `msPerStep` measured on the last chunk, no more steps than fit in CHUNK_TARGET_MS (at least one),
 * so a large network still answers within a chunk.
 */
export function nextChunk(step: number, horizon: number, speed: number, msPerStep = 0): number {
  const scheduled = Math.min(Math.max(1, Math.ceil(step / 8)), Math.max(1, Math.ceil(horizon / 40)));
  const wanted = Math.max(1, Math.round(scheduled * speed));
  const affordable = msPerStep > 0 ? Math.max(1, Math.floor(CHUNK_TARGET_MS / msPerStep)) : Infinity;
  return Math.max(0, Math.min(wanted, affordable, horizon - step));
}
