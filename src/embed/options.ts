/**
 * How an embedded widget is shown, besides its settings: the same keys as attributes of the custom
 * element and as parameters of the iframe page. One schema, so they are validated, reported and
 * documented (README, `npm run docs:embed`) like settings.
 */
import { defineSchema, parseSettings, type SettingIssue, type SettingsOf } from '../lib/settings';
import type { Display } from '../widgets/kit/display';

export const embedOptions = defineSchema([
  {
    key: 'compact',
    kind: 'boolean',
    default: false,
    label: 'Compact',
    help: 'for slides: the plots and the main controls only, fitted to 570 px of a 960×700 slide (room for a heading) at the widget’s scale',
  },
  {
    key: 'plots',
    kind: 'numberList',
    default: [1, 2],
    min: 1,
    max: 8,
    integer: true,
    maxLength: 4,
    label: 'Plots kept when compact',
    help: 'counted from 1 in the order the full widget shows them; on a slide two fit with readable text',
  },
  { key: 'scale', kind: 'number', default: 1, min: 0.5, max: 3, scale: 'linear', label: 'Scale', help: 'multiplies every size: text, controls and plots' },
  {
    key: 'theme',
    kind: 'choice',
    default: 'auto',
    label: 'Colours',
    help: '`auto` follows the reader’s light or dark setting',
    options: [
      { value: 'auto', label: 'auto' },
      { value: 'light', label: 'light' },
      { value: 'dark', label: 'dark' },
    ],
  },
  {
    key: 'backend',
    kind: 'choice',
    default: 'auto',
    label: 'Backend',
    help: 'page-wide: the first widget on the page that names one decides; the page address’s `?backend=` wins over it',
    options: [
      { value: 'auto', label: 'auto' },
      { value: 'webgpu', label: 'WebGPU' },
      { value: 'webgl', label: 'WebGL' },
      { value: 'wasm', label: 'WASM' },
      { value: 'cpu', label: 'CPU' },
    ],
  },
]);

export type EmbedOptions = SettingsOf<typeof embedOptions>;
export type Theme = EmbedOptions['theme'];

export const EMBED_OPTION_KEYS: readonly string[] = embedOptions.map((s) => s.key);

/** The slide a compact widget is fitted to, and the part of its height left to the widget (the rest for a heading). */
export const SLIDE = { width: 960, height: 700, forWidget: 570 } as const;

export function parseEmbedOptions(raw: Iterable<[string, string]>): { values: EmbedOptions; issues: SettingIssue[] } {
  return parseSettings(embedOptions, raw);
}

/** What the widget's frame is told: `fitHeight` is in the widget's own px, which `scale` magnifies. */
export function displayOf(options: EmbedOptions, forWidget: number = SLIDE.forWidget): Display {
  return { compact: options.compact, plots: options.plots, fitHeight: forWidget / options.scale };
}
