/**
 * A height limit for every chart below a component (a host that must fit a fixed box, such as a
 * widget on a slide): charts take min(their own height, the limit). Null means no limit.
 */
import { getContext, setContext } from 'svelte';

const KEY = Symbol('chart-height-limit');

/** Call during a component's initialisation; `limit` is read again whenever it changes. */
export function setChartHeightLimit(limit: () => number | null): void {
  setContext(KEY, limit);
}

export function chartHeightLimit(): () => number | null {
  return getContext<(() => number | null) | undefined>(KEY) ?? (() => null);
}
