/**
 * How a host wants its widgets shown, passed down by LazyWidget (which every host uses) and read by
 * WidgetFrame. `compact` is for slides: the frame keeps the plots listed in `plots` and the controls
 * marked `data-primary` (the transport, the learning rate), hides the rest, and limits the plots' heights
 * so that the whole widget fits `fitHeight` px (a 960×700 slide at the host's scale).
 */
import { getContext, setContext } from 'svelte';

export interface Display {
  compact: boolean;
  /** When compact, the plots kept, counted from 1 in the frame's order. */
  plots: readonly number[];
  /** The most px a compact widget may take, title to last plot; unused when not compact. */
  fitHeight: number;
}

export const DEFAULT_DISPLAY: Display = { compact: false, plots: [1, 2], fitHeight: Infinity };

const KEY = Symbol('ntk-display');

/** Call during a component's initialisation; `display` is read again whenever it changes. */
export function setDisplay(display: () => Display): void {
  setContext(KEY, display);
}

export function getDisplay(): () => Display {
  return getContext<(() => Display) | undefined>(KEY) ?? (() => DEFAULT_DISPLAY);
}
