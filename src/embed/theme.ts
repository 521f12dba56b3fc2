/**
 * The CSS custom properties a host page sets to theme embedded widgets. Custom properties inherit
 * through the shadow boundary, so a host sets them on any ancestor (`:root`, `body`, the element).
 * The essay sets the first group in src/ui/page.css; an embedded widget gets the same light and dark
 * defaults from shadowCss() below, so that the frame (whose fallbacks are light) and the charts
 * (whose fallbacks follow prefers-color-scheme) never disagree when the host sets nothing.
 */
import { EMBED_REM } from '../build/embedRem';

export interface ThemeProperty {
  name: string;
  what: string;
  /** Defaults when the host sets nothing; absent where the charts supply their own (ChartFigure.svelte). */
  light?: string;
  dark?: string;
}

export const THEME_PROPERTIES: readonly ThemeProperty[] = [
  { name: '--ntk-bg', what: 'widget background', light: '#fdfdfb', dark: '#15171b' },
  { name: '--ntk-fg', what: 'text', light: '#1d1f23', dark: '#e6e8ec' },
  { name: '--ntk-muted', what: 'secondary text, tick labels, axis lines', light: '#5b6270', dark: '#a0a7b4' },
  { name: '--ntk-accent', what: 'Train button, sliders, focus ring', light: '#2458c5', dark: '#7aa5ff' },
  { name: '--ntk-surface', what: 'buttons, notices, badges', light: '#f1f3f6', dark: '#1f2228' },
  { name: '--ntk-border', what: 'frame and control borders', light: '#d5d9e0', dark: '#3a3f49' },
  { name: '--ntk-danger', what: 'error messages (divergence, lost device)', light: '#b3261e', dark: '#ff8a80' },
  {
    name: '--ntk-font',
    what: 'font family',
    light: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
    dark: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
  },
  { name: '--ntk-grid', what: 'chart grid lines, empty heatmap cells' },
  { name: '--ntk-series-N', what: 'chart palette, N = 1 … 8 (measured / predicted pairs use 1 and 2)' },
];

/** The inherited value, or the default, captured on the host under a private name (no cycle: read on :host, set below it). */
function captured(name: string): string {
  return `--ntk-embed-${name.slice('--ntk-'.length)}`;
}

function declarations(scheme: 'light' | 'dark'): string {
  return THEME_PROPERTIES.filter((p) => p[scheme])
    .map((p) => `${captured(p.name)}: var(${p.name}, ${p[scheme]});`)
    .join(' ');
}

/**
 * The shadow root's own sheet. `.root` wraps the widget: `all: initial` stops the host's inherited
 * properties (font size, colour, text-transform, visibility …) at the boundary, while custom
 * properties, which `all` does not reset, still come through. Its font size is then the browser's
 * default, and --ntk-embed-rem (registered below, so `1em` computes to a fixed length here and is
 * inherited as such) stands in for rem in the components' styles.
 */
export function shadowCss(): string {
  const themed = THEME_PROPERTIES.filter((p) => p.light).map((p) => `${p.name}: var(${captured(p.name)});`).join(' ');
  return [
    `:host { display: block; ${declarations('light')} }`,
    `@media (prefers-color-scheme: dark) { :host { ${declarations('dark')} } }`,
    ':host([hidden]) { display: none; }',
    `.root { all: initial; display: block; ${EMBED_REM}: 1em; ${themed} color-scheme: light dark; color: var(--ntk-fg); font-family: var(--ntk-font); line-height: 1.4; }`,
    '.root *, .root *::before, .root *::after { box-sizing: border-box; }',
    '.root :focus-visible { outline: 3px solid var(--ntk-accent); outline-offset: 2px; }',
    // As src/ui/page.css does for the essay: that sheet does not reach into the shadow root.
    '@media (prefers-reduced-motion: reduce) { .root *, .root *::before, .root *::after { animation-duration: 0.01ms !important; transition-duration: 0.01ms !important; scroll-behavior: auto !important; } }',
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
