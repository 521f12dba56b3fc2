/**
 * The CSS custom properties that colour and set the font of a widget, with their light and dark
 * values. A host page themes embedded widgets by setting any of them on an ancestor (`:root`,
 * `body`, the element): custom properties inherit through the shadow boundary. The first group
 * equals the essay's own src/ui/page.css, the chart palette the fallbacks of
 * src/charts/ChartFigure.svelte (tests/unit/embed/docs.test.ts checks both).
 *
 * Every property gets a value in every widget, so that `theme="light"` on a page whose reader
 * prefers dark gives light charts as well as a light frame.
 */
import { EMBED_REM } from '../build/embedRem';
import type { Theme } from './options';

export interface ThemeProperty {
  name: string;
  what: string;
  light: string;
  dark: string;
}

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

/** [light, dark] of --ntk-series-1 … 8: Okabe & Ito's colour-blind-safe set, as ChartFigure.svelte orders it. */
const SERIES: readonly [string, string][] = [
  ['#0072b2', '#56b4e9'],
  ['#d55e00', '#e69f00'],
  ['#009e73', '#009e73'],
  ['#cc79a7', '#cc79a7'],
  ['#e69f00', '#f0e442'],
  ['#56b4e9', '#d55e00'],
  ['#000000', '#f5f5f5'],
  ['#f0e442', '#0072b2'],
];

export const THEME_PROPERTIES: readonly ThemeProperty[] = [
  { name: '--ntk-bg', what: 'widget background', light: '#fdfdfb', dark: '#15171b' },
  { name: '--ntk-fg', what: 'text', light: '#1d1f23', dark: '#e6e8ec' },
  { name: '--ntk-muted', what: 'secondary text, tick labels, axis lines', light: '#5b6270', dark: '#a0a7b4' },
  { name: '--ntk-accent', what: 'Train button, sliders, focus ring', light: '#2458c5', dark: '#7aa5ff' },
  { name: '--ntk-surface', what: 'buttons, notices, badges', light: '#f1f3f6', dark: '#1f2228' },
  { name: '--ntk-border', what: 'frame and control borders', light: '#d5d9e0', dark: '#3a3f49' },
  { name: '--ntk-danger', what: 'error messages (divergence, lost device)', light: '#b3261e', dark: '#ff8a80' },
  { name: '--ntk-font', what: 'font family', light: FONT, dark: FONT },
  { name: '--ntk-grid', what: 'chart grid lines, empty heatmap cells', light: '#e4e4e4', dark: '#2f2f2f' },
  ...SERIES.map(([light, dark], i) => ({
    name: `--ntk-series-${i + 1}`,
    what: `chart palette, entry ${i + 1}${i < 2 ? ` (the ${i === 0 ? 'measured' : 'predicted'} one of a measured / predicted pair)` : ''}`,
    light,
    dark,
  })),
];

type Scheme = Exclude<Theme, 'auto'>;

/** Declarations giving each property its inherited value or, failing that, `scheme`'s value, under `to(name)`. */
function declarations(scheme: Scheme, to: (name: string) => string): string {
  return THEME_PROPERTIES.map((p) => `${to(p.name)}: var(${p.name}, ${p[scheme]});`).join(' ');
}

/** The private name under which .root captures a property (no cycle: read on .root, set on .themed below it). */
function captured(name: string): string {
  return `--ntk-embed-${name.slice('--ntk-'.length)}`;
}

/**
 * The shadow root's own sheet. `.root` wraps the widget: `all: initial` stops the host's inherited
 * properties (font size, colour, text-transform, visibility …) at the boundary, while custom
 * properties, which `all` does not reset, still come through. Its font size is then the browser's
 * default, and --ntk-embed-rem (registered below, so `1em` computes to a fixed length here and is
 * inherited as such) stands in for rem in the components' styles. Its data-theme (the `theme`
 * attribute) picks the palette; `auto` follows prefers-color-scheme.
 */
export function shadowCss(): string {
  const themed = THEME_PROPERTIES.map((p) => `${p.name}: var(${captured(p.name)});`).join(' ');
  return [
    ':host { display: block; }',
    ':host([hidden]) { display: none; }',
    `.root { all: initial; display: block; ${EMBED_REM}: 1em; color-scheme: light dark; ${declarations('light', captured)} }`,
    `@media (prefers-color-scheme: dark) { .root { ${declarations('dark', captured)} } }`,
    `.root[data-theme='light'] { color-scheme: light; ${declarations('light', captured)} }`,
    `.root[data-theme='dark'] { color-scheme: dark; ${declarations('dark', captured)} }`,
    `.themed { ${themed} color: var(--ntk-fg); font-family: var(--ntk-font); line-height: 1.4; }`,
    '.root *, .root *::before, .root *::after { box-sizing: border-box; }',
    '.root :focus-visible { outline: 3px solid var(--ntk-accent); outline-offset: 2px; }',
    // As src/ui/page.css does for the essay: that sheet does not reach into the shadow root.
    '@media (prefers-reduced-motion: reduce) { .root *, .root *::before, .root *::after { animation-duration: 0.01ms !important; transition-duration: 0.01ms !important; scroll-behavior: auto !important; } }',
  ].join('\n');
}

/**
 * For the iframe page (its own document, no shadow root): `theme=light|dark` sets every property
 * on :root, over src/ui/page.css and the charts' prefers-color-scheme fallbacks.
 */
export function pageThemeCss(): string {
  const set = (scheme: Scheme) => THEME_PROPERTIES.map((p) => `${p.name}: ${p[scheme]};`).join(' ');
  return [
    `:root[data-theme='light'] { color-scheme: light; ${set('light')} }`,
    `:root[data-theme='dark'] { color-scheme: dark; ${set('dark')} }`,
  ].join('\n');
}

/**
 * Registers --ntk-embed-rem as a length so that its value computes once, on `.root`. Registration
 * is page-wide and permanent (another copy of the bundle may have done it already); the name is
 * ours, so the host page is unaffected. Without CSS.registerProperty, em sizes compound slightly.
 */
export function registerEmbedRem(): void {
  try {
    CSS.registerProperty({ name: EMBED_REM, syntax: '<length>', inherits: true, initialValue: '16px' });
  } catch {
    // Already registered, or registerProperty unsupported.
  }
}
