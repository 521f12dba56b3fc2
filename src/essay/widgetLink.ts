import { serializeSettings, type Schema, type Setting, type SettingsOf } from '../lib/settings';

/** The element id of a widget's slot in the essay, and so the fragment that scrolls to it. */
export const widgetAnchor = (prefix: string) => `widget-${prefix}`;

/**
 * The schema with the essay's own settings for this widget as its defaults. Serialised against it,
 * a widget's URL keys name only what the reader changed, and a value the reader set back to the
 * schema's default is still written when the essay authored another (μP in the last chapter, say).
 */
export function withDefaults(schema: Schema, values: SettingsOf<Schema>): Schema {
  return schema.map((s) => ({ ...s, default: values[s.key] }) as Setting);
}

/**
 * A link to this page that opens one widget with `values` and scrolls to it: only this widget's
 * settings (`?<prefix>.<key>=…`, the keys that differ from `schema`'s defaults) and its fragment.
 * Other query parameters (another widget's settings, `?backend=`) belong to this reader, not to the link.
 */
export function widgetLink(pageHref: string, prefix: string, schema: Schema, values: SettingsOf<Schema>): string {
  const url = new URL(pageHref);
  url.search = new URLSearchParams(serializeSettings(schema, values).map(([key, value]) => [`${prefix}.${key}`, value])).toString();
  url.hash = widgetAnchor(prefix);
  return url.href;
}
