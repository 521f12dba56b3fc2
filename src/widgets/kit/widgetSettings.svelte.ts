/**
 * A widget's live settings, shared by its model and its controls. The host (essay, custom element,
 * iframe page) parses them with the widget's schema and passes them in; when it passes a new
 * settings object (an attribute changed) the widget adopts it, overriding the reader's values; every
 * change the reader makes is reported back (onsettingschange) so the host can persist it.
 *
 * Create it while a component initialises (it sets up effects), or inside $effect.root.
 */
import { untrack } from 'svelte';
import type { Schema, SettingsOf } from '../../lib/settings';
import type { WidgetProps } from '../types';

export class WidgetSettings<S extends Schema> {
  values: SettingsOf<S> = $state()!;

  constructor(props: () => WidgetProps<S>) {
    const initial = untrack(() => props().settings);
    this.values = $state.snapshot(initial) as SettingsOf<S>;
    let adopted = initial;
    let reported = JSON.stringify(initial);

    $effect.pre(() => {
      const { settings } = props();
      if (settings === adopted) return;
      adopted = settings;
      reported = JSON.stringify(settings);
      this.values = $state.snapshot(settings) as SettingsOf<S>;
    });

    $effect(() => {
      const snapshot = $state.snapshot(this.values) as SettingsOf<S>;
      const text = JSON.stringify(snapshot);
      if (text === reported) return;
      reported = text;
      untrack(() => props().onsettingschange?.(snapshot));
    });
  }

  /** The values as plain data (for the worker: a $state proxy cannot be cloned into a message). */
  snapshot(): SettingsOf<S> {
    return $state.snapshot(this.values) as SettingsOf<S>;
  }
}
