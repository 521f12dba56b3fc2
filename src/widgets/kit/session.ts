/**
 * What every training widget's session offers the kit's controls (TrainingControls, the frame):
 * LinearisedSession (one run and its frozen-kernel theory) and the drift widget's runs over several
 * widths both implement it.
 */
import type { Player } from './player.svelte';
import type { Readout } from './ReadoutGrid.svelte';
import type { Visibility } from './visibility.svelte';
import type { Progress } from './workEstimate';

export interface TrainingSession {
  readonly player: Player;
  /** GD steps taken; at a divergence, the step it was detected at. */
  readonly step: number;
  /** Where training stops. */
  readonly horizon: number;
  /** A run exists and can be stepped. */
  readonly ready: boolean;
  /** Reached the horizon, or stopped by an error. */
  readonly finished: boolean;
  /** Why training cannot go on (divergence, a failed creation). */
  readonly error: string | null;
  /** Why the run started again on another backend. */
  readonly backendNotice: string | null;
  /** What the worker is computing now, when it may take a while. */
  readonly progress: Progress | null;
  /** Measured on the last chunk; null before one. */
  readonly stepsPerSecond: number | null;
  /** Back to initialisation (the same network where possible); keeps playing if playing. */
  restart(): void;
  dispose(): void;
}

/** What a training widget's model offers its frame (TrainingFrame): the session and what is shown around the charts. */
export interface TrainingModel {
  readonly session: TrainingSession;
  readonly visibility: Visibility;
  readonly settings: { values: Record<string, unknown> };
  /** The learning rate's stability limit, drawn on its control; null where there is none. */
  readonly limit: number | null;
  readonly notice: string | null;
  /** A settled change waits to restart the network. */
  readonly live: { readonly pending: boolean };
  readonly readouts: readonly Readout[];
  readonly moreReadouts: readonly Readout[];
}
