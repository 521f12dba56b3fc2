/**
 * Play / pause / step for a widget's training. `advance` does one chunk of work (a few GD steps in
 * the worker plus a read-back) and resolves to false when there is nothing more to do for now
 * (finished or diverged). Chunks never overlap: the next starts on the animation frame after the
 * last resolved, so a slow backend lowers the frame rate of the plots instead of queueing work.
 *
 * `playing` is the reader's intent, as in TensorFlow Playground: it stays on when a run finishes,
 * so that a change of setting (the session calls wake() after restarting its run) trains the new
 * run at once, without a second press. While the widget is off screen or its tab hidden, nothing runs.
 */
import { errorMessage } from '../../lib/errorMessage';

export class Player {
  /** The reader pressed play and has not paused since. */
  playing = $state(false);
  /** A loop is running chunks (false when paused, finished, or waiting for a restart). */
  working = $state(false);
  /** A chunk is in flight. */
  busy = $state(false);
  error = $state<string | null>(null);
  /** A loop may still be awaiting its chunk after pause(); play() then lets it carry on instead of starting a second. */
  private looping = false;
  private lastChunkStart = -Infinity;

  constructor(
    private readonly advance: () => Promise<boolean>,
    private readonly isVisible: () => boolean = () => true,
  ) {}

  play(): void {
    this.playing = true;
    this.error = null;
    this.wake();
  }

  pause(): void {
    this.playing = false;
  }

  /** There may be new work (the run was restarted): trains it if the reader is playing. */
  wake(): void {
    if (this.playing && !this.looping) void this.loop();
  }

  /** One chunk of work, when paused. */
  async step(): Promise<void> {
    if (this.playing || this.busy) return;
    await this.run();
  }

  private async run(): Promise<boolean> {
    this.busy = true;
    this.lastChunkStart = now();
    try {
      return await this.advance();
    } catch (err) {
      this.error = errorMessage(err);
      this.playing = false;
      return false;
    } finally {
      this.busy = false;
    }
  }

  private async loop(): Promise<void> {
    this.looping = true;
    this.working = true;
    try {
      while (this.playing) {
        await nextFrame(this.lastChunkStart + MIN_CHUNK_INTERVAL_MS);
        if (!this.playing) break;
        if (!this.isVisible()) {
          await new Promise((resolve) => setTimeout(resolve, 250));
          continue;
        }
        if (!(await this.run())) break;
      }
    } finally {
      this.looping = false;
      this.working = false;
    }
  }
}

/**
 * Plots redraw at most this often: each redraw costs the main thread layout and paint of the page,
 * and at 60 updates a second on a 2-core machine those tasks ran past 50 ms (npm run bench -- --only=responsiveness).
 */
export const MIN_CHUNK_INTERVAL_MS = 40;

const now = () => (typeof performance === 'undefined' ? Date.now() : performance.now());

/** The first animation frame at or after `notBefore` (a performance.now() time). */
async function nextFrame(notBefore: number): Promise<void> {
  const wait = notBefore - now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  return new Promise((resolve) => {
    if (typeof requestAnimationFrame === 'undefined') setTimeout(resolve, 16);
    // rAF stops in hidden tabs; the visibility check above then keeps the loop parked.
    else requestAnimationFrame(() => resolve());
  });
}
