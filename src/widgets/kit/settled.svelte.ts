/**
 * The value of an expression once the reader's input has rested for RESTART_DELAY_MS, or at once
 * when a control announces its value final (../../controls/commits.ts: a key press, a typed value,
 * the end of a drag): what a widget hands to the worker (a network to build, kernels to sample),
 * while everything computed on the page follows the input at once. The first value is taken at once.
 *
 * Create it while a component initialises (it sets up effects), or inside $effect.root.
 */
import { untrack } from 'svelte';
import { onCommit } from '../../controls/commits';

/** How long an input must rest before the worker is asked: about one drag event gap, well inside the 250 ms budget. */
export const RESTART_DELAY_MS = 90;

export class Settled<T> {
  /** The latest value that rested. */
  current: T = $state.raw()!;
  /** The input has moved since: what is shown from the worker belongs to `current`, not to the input. */
  pending = $state(false);
  private timer: ReturnType<typeof setTimeout> | undefined;
  private key: string;

  constructor(
    private readonly read: () => T,
    private readonly keyOf: (value: T) => string = (value) => JSON.stringify(value),
  ) {
    this.current = untrack(read);
    this.key = keyOf(this.current);
    $effect(() => {
      const value = read();
      untrack(() => {
        const key = keyOf(value);
        if (key === this.key) {
          clearTimeout(this.timer);
          this.pending = false;
          return;
        }
        this.pending = true;
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.settle(), RESTART_DELAY_MS);
      });
    });
    $effect(() => () => clearTimeout(this.timer));
    // The commit comes from the control's event handler, before the effect above sees the new value.
    $effect(() =>
      onCommit(() => {
        if (this.keyOf(untrack(this.read)) !== this.key) this.settle();
      }),
    );
  }

  /** Takes the input's value now (e.g. on a button press that must not wait). */
  settle(): void {
    clearTimeout(this.timer);
    const value = untrack(this.read);
    this.key = this.keyOf(value);
    this.current = value;
    this.pending = false;
  }
}
