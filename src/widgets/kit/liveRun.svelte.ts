/**
 * Keeps a session on the runs the widget's settings describe, live: the theory redraws on every
 * input event (the widget derives it from the settings directly), while the networks restart once
 * the input has rested (./settled.svelte.ts) — new networks when anything but the learning rate
 * changed, the same networks back at θ₀ when only the learning rate did. The step count and the
 * speed never restart: they move where training stops and how often it is drawn.
 *
 * LiveRun does this for a LinearisedSession (one RunRequest, η = options.lr); LiveTraining for any
 * session that can load and retune (the drift widget's runs over several widths).
 *
 * Create them while a component initialises (they set up effects), or inside $effect.root.
 */
import { untrack } from 'svelte';
import type { RunRequest } from '../../engine/api';
import type { LinearisedSession } from './linearisedSession.svelte';
import { Settled } from './settled.svelte';

/** What LiveTraining drives. */
export interface LiveSession<R, Rate> {
  horizon: number;
  speed: number;
  /** New networks for `request`. */
  load(request: R): Promise<void>;
  /** The networks already loaded, back at θ₀ to train at `rate`. */
  retune(rate: Rate): Promise<void>;
}

export interface LiveRunSource<R> {
  /** The runs the settings describe now. */
  request: () => R;
  horizon: () => number;
  speed: () => number;
}

/** How a request splits into what needs new networks and the learning rate, which does not. */
export interface RequestSplit<R, Rate> {
  /** Everything of the request but the learning rate, as a comparable key. */
  networkKey(request: R): string;
  rate(request: R): Rate;
}

export class LiveTraining<R, Rate> {
  private readonly settled: Settled<R>;
  private loadedNetwork = '';
  private trainedRate = '';

  constructor(session: LiveSession<R, Rate>, source: LiveRunSource<R>, split: RequestSplit<R, Rate>) {
    this.settled = new Settled(source.request);
    $effect(() => {
      const request = this.settled.current;
      untrack(() => {
        const network = split.networkKey(request);
        const rate = split.rate(request);
        const rateKey = JSON.stringify(rate);
        if (network !== this.loadedNetwork) void session.load(request);
        else if (rateKey !== this.trainedRate) void session.retune(rate);
        this.loadedNetwork = network;
        this.trainedRate = rateKey;
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

/** A RunRequest's network is all of it but η. */
const runRequestSplit: RequestSplit<RunRequest, number> = {
  networkKey: ({ options, ...rest }) => JSON.stringify({ ...rest, options: { ...options, lr: null } }),
  rate: (request) => request.options.lr,
};

export class LiveRun extends LiveTraining<RunRequest, number> {
  constructor(session: LinearisedSession, source: LiveRunSource<RunRequest>) {
    super(session, source, runRequestSplit);
  }
}
