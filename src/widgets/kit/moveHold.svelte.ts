/**
 * What trains or measures on a dragged thing waits for the drop: while a handle moves (dragged, or
 * an arrow key held), `held(read)` keeps giving what `read` gave when the move began, and gives the
 * new value once the handle is let go. Everything computed on the page reads the settings directly
 * and follows every move. Hand a held read to a LiveRun or a Settled, and call move() on every move
 * and release() on the drop.
 *
 * Create it while a component initialises, or inside $effect.root.
 */
import { announceCommit } from '../../controls/commits';

/**
 * A move whose end never arrives (focus left the handle while an arrow key was held) counts as
 * dropped after this long without a move.
 */
export const MOVE_TIMEOUT_MS = 2000;

export class MoveHold {
  /** A handle is being dragged, or moved with a held arrow key. */
  moving = $state(false);
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    $effect(() => () => clearTimeout(this.timer));
  }

  /** `read()` while nothing moves; during a move, the value it had when the move began. */
  held<T>(read: () => T): () => T {
    let last: T;
    return () => {
      if (!this.moving) last = read();
      return last;
    };
  }

  move(): void {
    this.moving = true;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.release(), MOVE_TIMEOUT_MS);
  }

  /** The move ended: what waited for it starts at once (a Settled reading a held value). */
  release(): void {
    clearTimeout(this.timer);
    this.moving = false;
    announceCommit();
  }
}
