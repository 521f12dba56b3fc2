/**
 * Keeps a LinearisedSession on the run the widget's settings describe, live: the theory redraws on
 * every input event (the widget derives it from the settings directly), while the network restarts
 * once the input has rested (./settled.svelte.ts) — a new network when anything but η changed, the
 * same network back at θ₀ when only η did. The step count and the speed never restart: they move
 * where training stops and how often it is drawn.
 *
 * Create it while a component initialises (it sets up effects), or inside $effect.root.
 */
import { untrack } from 'svelte';
import type { RunRequest } from '../../engine/api';
import type { LinearisedSession } from './linearisedSession.svelte';
import { Settled } from './settled.svelte';

export interface LiveRunSource {
  /** The run the settings describe now (its options.lr is the η). */
  request: () => RunRequest;
  horizon: () => number;
  speed: () => number;
}

export class LiveRun {
  private readonly settled: Settled<RunRequest>;
  private loadedNetwork = '';

  constructor(session: LinearisedSession, source: LiveRunSource) {
    this.settled = new Settled(source.request);
    $effect(() => {
      const request = this.settled.current;
      untrack(() => {
        const network = networkKey(request);
        if (network !== this.loadedNetwork) {
          this.loadedNetwork = network;
          void session.load(request);
        } else if (request.options.lr !== session.lr) {
          void session.retune(request.options.lr);
        }
      });
    });
    $effect(() => {
      session.horizon = source.horizon();
    });
    $effect(() => {
      session.speed = source.speed();
    });
  }

  /** A restart is waiting for the input to rest: what is plotted belongs to the previous settings. */
  get pending(): boolean {
    return this.settled.pending;
  }
}

/** Everything of a request that needs a new network: all of it but η. */
function networkKey({ options, ...rest }: RunRequest): string {
  return JSON.stringify({ ...rest, options: { ...options, lr: null } });
}
