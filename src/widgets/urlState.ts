import { parseSettings, serializeSettings, type ParsedSettings, type Schema, type SettingsOf } from '../lib/settings';

/**
 * The essay keeps each widget's settings in the page URL under the widget's name as a prefix
 * (`?ntk-drift.lr=0.5`), so a copied link reproduces every widget's run, seed included.
 */
export function readWidgetSettings<S extends Schema>(schema: S, prefix: string, search = location.search): ParsedSettings<S> {
  const pairs: [string, string][] = [];
  for (const [key, value] of new URLSearchParams(search)) {
    if (key.startsWith(`${prefix}.`)) pairs.push([key.slice(prefix.length + 1), value]);
  }
  return parseSettings(schema, pairs);
}

/** Writes from several widgets within one debounce window accumulate here. */
let pending: URLSearchParams | null = null;
let pendingWrite: ReturnType<typeof setTimeout> | undefined;

/** Replaces this widget's keys in the URL (no history entry per slider move; writes are debounced). */
export function writeWidgetSettings<S extends Schema>(schema: S, prefix: string, values: SettingsOf<S>): void {
  const params = (pending ??= new URLSearchParams(location.search));
  for (const key of [...params.keys()]) if (key.startsWith(`${prefix}.`)) params.delete(key);
  for (const [key, value] of serializeSettings(schema, values)) params.set(`${prefix}.${key}`, value);
  clearTimeout(pendingWrite);
  pendingWrite = setTimeout(() => {
    const query = params.toString();
    pending = null;
    history.replaceState(history.state, '', `${location.pathname}${query ? `?${query}` : ''}${location.hash}`);
  }, 250);
}
