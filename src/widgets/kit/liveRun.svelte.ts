/**
 * Keeps a LinearisedSession on the run the widget's settings describe, live: the theory redraws on
 * every input event (the widget derives it from the settings directly), while the network restarts
 * once the input has paused for RESTART_DELAY_MS — a new network when anything but η, the step count
 * or the speed changed, the same network back at θ₀ when only η did. The step count and the speed
 * never restart: they move where training stops and how often it is drawn.
 *
 * Create it while a component initialises (it sets up effects), or inside $effect.root.
 */
import type { RunRequest } from '../../engine/api';
import type { LinearisedSession } from './linearisedSession.svelte';

/** How long an input must rest before the network restarts: about one drag event gap, well inside the 250 ms budget. */
export const RESTART_DELAY_MS = 90;

export interface LiveRunSource {
  /** The run the settings describe now (its options.lr is the η). */
  request: () => RunRequest;
  horizon: () => number;
  speed: () => number;
}

export class LiveRun {
  /** A restart is waiting for the input to rest: what is plotted belongs to the previous settings. */
  pending = $state(false);
  private timer: ReturnType<typeof setTimeout> | undefined;
  private loadedNetwork = '';

  constructor(
    private readonly session: LinearisedSession,
    private readonly source: LiveRunSource,
  ) {
    const network = $derived(networkKey(source.request()));
    const lr = $derived(source.request().options.lr);
    let first = true;
    $effect(() => {
      void network;
      void lr;
      if (first) {
        first = false;
        this.apply();
      } else this.schedule();
    });
    $effect(() => {
      session.horizon = source.horizon();
    });
    $effect(() => {
      session.speed = source.speed();
    });
    $effect(() => () => clearTimeout(this.timer));
  }

  /** Restarts now whatever is waiting (e.g. before a test reads the state). */
  flush(): void {
    if (this.pending) this.apply();
  }

  private schedule(): void {
    this.pending = true;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.apply(), RESTART_DELAY_MS);
  }

  private apply(): void {
    clearTimeout(this.timer);
    this.pending = false;
    const request = this.source.request();
    const network = networkKey(request);
    if (network !== this.loadedNetwork) {
      this.loadedNetwork = network;
      void this.session.load(request);
    } else if (request.options.lr !== this.session.lr) {
      void this.session.retune(request.options.lr);
    }
  }
}

/** Everything of a request that needs a new network: all of it but η. */
function networkKey({ options, ...rest }: RunRequest): string {
  return JSON.stringify({ ...rest, options: { ...options, lr: null } });
}
