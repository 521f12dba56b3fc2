/**
 * The HTML a teacher pastes into a course page to embed one widget with given settings, as a
 * custom element (script tag + element) or as an iframe of the essay's embed page, each in two
 * forms: loading the files from the essay's own site (absolute URLs built from the essay page's
 * address), or from the teacher's copy of `dist/` in a folder beside the course page (URLs relative
 * to that page).
 */
import { serializeSettings, type Schema, type SettingsOf } from '../lib/settings';
import { WIDGETS, type WidgetName } from '../widgets/registry';
import { elementName } from './names';
import { embedOptions, SLIDE, type EmbedOptions } from './options';
import { EMBED_PAGE, EMBED_SCRIPT_PATH, HEIGHT_MESSAGE, WIDGET_PARAM } from './paths';

export interface Snippets {
  /** `<script type="module" src=…>` followed by the custom element with its attributes. */
  element: string;
  /** The iframe, followed by the optional listener that sizes it to its content. */
  iframe: string;
}

export interface EmbedSnippets {
  /** Files loaded from the essay's own site: works from any page once that site sends CORS headers. */
  absolute: Snippets;
  /** Files loaded from the teacher's copy of dist/ in COPY_FOLDER beside the course page. */
  copy: Snippets;
}

/** The folder, beside the course page, that the copy snippets expect dist/ to be copied to. */
export const COPY_FOLDER = 'ntk';

/** Starting height of an iframe before its first height message arrives (a widget with one plot row). */
export const IFRAME_INITIAL_HEIGHT = 640;

function escapeAttribute(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function escapeText(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** The three lines a host page adds so that every embedded iframe takes its content's height. */
export const HEIGHT_LISTENER = [
  `addEventListener('message', (e) => {`,
  `  for (const f of document.querySelectorAll('iframe')) if (f.contentWindow === e.source && e.data?.type === '${HEIGHT_MESSAGE}') f.style.height = e.data.height + 'px';`,
  `});`,
].join('\n');

/** [key, value] pairs of the settings and embed options that differ from their defaults. */
function pairs(widget: WidgetName, values: SettingsOf<Schema>, options: Partial<EmbedOptions>): [string, string][] {
  const allOptions = { ...Object.fromEntries(embedOptions.map((s) => [s.key, s.default])), ...options } as EmbedOptions;
  return [...serializeSettings(WIDGETS[widget].schema, values), ...serializeSettings(embedOptions, allOptions)];
}

/** The iframe page's URL for a widget (relative when `base` is), with its non-default settings and options. */
export function iframeUrl(widget: WidgetName, values: SettingsOf<Schema>, base: string, options: Partial<EmbedOptions> = {}): string {
  const params = new URLSearchParams([[WIDGET_PARAM, elementName(widget)], ...pairs(widget, values, options)]);
  // Commas are legal in a query; left unescaped, `widths=64,256` stays readable for the teacher.
  return `${base}${EMBED_PAGE}?${params.toString().replaceAll('%2C', ',')}`;
}

function snippets(widget: WidgetName, values: SettingsOf<Schema>, base: string, options: Partial<EmbedOptions>): Snippets {
  const { title } = WIDGETS[widget];
  const tag = elementName(widget);
  const attributes = pairs(widget, values, options)
    .map(([key, value]) => (value === 'true' ? ` ${key}` : ` ${key}="${escapeAttribute(value)}"`))
    .join('');
  const script = `${base}${EMBED_SCRIPT_PATH}`;
  // Shown until the script defines the element (its shadow root then hides it), and for good if it never does.
  const fallback = `Loading the widget “${escapeText(title)}”. If this stays, its script ${escapeText(script)} did not load.`;
  return {
    element: `<script type="module" src="${escapeAttribute(script)}"></script>\n<${tag}${attributes}>${fallback}</${tag}>`,
    // Compact: the widget fits the height given (a slide's share), so no height listener.
    iframe: [
      `<iframe src="${escapeAttribute(iframeUrl(widget, values, base, options))}" title="${escapeAttribute(title)}" style="width: 100%; height: ${options.compact ? SLIDE.forWidget : IFRAME_INITIAL_HEIGHT}px; border: 0" loading="lazy"></iframe>`,
      ...(options.compact ? [] : [`<!-- Optional: size the iframe to its content. -->`, `<script>\n${HEIGHT_LISTENER}\n</script>`]),
    ].join('\n'),
  };
}

/** Both forms of both snippets; `essayUrl` is the essay page's address (its folder holds embed.html and embed/). */
export function embedSnippets(widget: WidgetName, values: SettingsOf<Schema>, essayUrl: string, options: Partial<EmbedOptions> = {}): EmbedSnippets {
  return {
    absolute: snippets(widget, values, new URL('./', essayUrl).href, options),
    copy: snippets(widget, values, `${COPY_FOLDER}/`, options),
  };
}
