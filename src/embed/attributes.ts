/**
 * Which of a custom element's attributes are widget settings and which are embed options
 * (./options.ts). Every other attribute is read as a setting (so a misspelt one, `widht="64"`, is
 * reported rather than silently ignored) except the global HTML attributes a host may put on any
 * element for its own purposes.
 */
import type { Schema } from '../lib/settings';
import { EMBED_OPTION_KEYS } from './options';

const GLOBAL_ATTRIBUTES = new Set(['id', 'class', 'style', 'title', 'lang', 'dir', 'hidden', 'slot', 'part', 'role', 'tabindex', 'nonce', 'translate']);
const GLOBAL_PREFIXES = ['data-', 'aria-', 'on'];

function isGlobalAttribute(name: string): boolean {
  return GLOBAL_ATTRIBUTES.has(name) || GLOBAL_PREFIXES.some((prefix) => name.startsWith(prefix));
}

/** The [name, value] pairs to parse with the widget's schema and with the embed options; a schema key always counts as a setting. */
export function splitAttributes(schema: Schema, attributes: Iterable<{ name: string; value: string }>): { settings: [string, string][]; options: [string, string][] } {
  const keys = new Set(schema.map((s) => s.key));
  const settings: [string, string][] = [];
  const options: [string, string][] = [];
  for (const { name, value } of attributes) {
    const key = name.toLowerCase();
    if (keys.has(key)) settings.push([key, value]);
    else if (EMBED_OPTION_KEYS.includes(key)) options.push([key, value]);
    else if (!isGlobalAttribute(key)) settings.push([key, value]);
  }
  return { settings, options };
}
