import type { Schema, SettingIssue, SettingsOf } from '../lib/settings';

/**
 * What every widget component takes, whoever hosts it (the essay, a custom element, the iframe
 * route). The host parses settings with the widget's schema, so values arrive validated; the widget
 * reports the reader's changes through onsettingschange and the host persists them (URL, attribute).
 * When the host passes a new `settings` object (an attribute changed), the widget adopts it.
 */
export interface WidgetProps<S extends Schema> {
  settings: SettingsOf<S>;
  /** Messages about settings that were adjusted when they were read; the widget shows them. */
  issues: SettingIssue[];
  onsettingschange?: (values: SettingsOf<S>) => void;
}
