/**
 * The HTML a teacher pastes into a course page to embed one widget with given settings, either as
 * a custom element (script tag + element) or as an iframe of the essay's embed page. URLs are
 * absolute, built from the essay page's own address, so a snippet works wherever it is pasted.
 */
import { serializeSettings, type Schema, type SettingsOf } from '../lib/settings';
import { WIDGETS, type WidgetName } from '../widgets/registry';
import { elementName } from './names';
import { EMBED_PAGE, EMBED_SCRIPT_PATH, HEIGHT_MESSAGE, WIDGET_PARAM } from './paths';

export interface EmbedSnippets {
  /** `<script type="module" src=…>` followed by the custom element with its attributes. */
  element: string;
  /** The iframe, followed by the optional listener that sizes it to its content. */
  iframe: string;
}

/** Starting height of an iframe before its first height message arrives (a widget with one plot row). */
export const IFRAME_INITIAL_HEIGHT = 640;

function escapeAttribute(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** The three lines a host page adds so that every embedded iframe takes its content's height. */
export const HEIGHT_LISTENER = [
  `addEventListener('message', (e) => {`,
  `  for (const f of document.querySelectorAll('iframe')) if (f.contentWindow === e.source && e.data?.type === '${HEIGHT_MESSAGE}') f.style.height = e.data.height + 'px';`,
  `});`,
].join('\n');

/** The iframe page's URL for a widget with the given settings (only values that differ from the defaults). */
export function iframeUrl(widget: WidgetName, values: SettingsOf<Schema>, essayUrl: string): string {
  const url = new URL(EMBED_PAGE, essayUrl);
  const params = new URLSearchParams([[WIDGET_PARAM, elementName(widget)], ...serializeSettings(WIDGETS[widget].schema, values)]);
  // Commas are legal in a query; left unescaped, `widths=64,256` stays readable for the teacher.
  url.search = params.toString().replaceAll('%2C', ',');
  return url.href;
}

export function embedSnippets(widget: WidgetName, values: SettingsOf<Schema>, essayUrl: string): EmbedSnippets {
  const { schema, title } = WIDGETS[widget];
  const tag = elementName(widget);
  const attributes = serializeSettings(schema, values).map(([key, value]) => ` ${key}="${escapeAttribute(value)}"`).join('');
  const script = new URL(EMBED_SCRIPT_PATH, essayUrl).href;
  return {
    element: `<script type="module" src="${escapeAttribute(script)}"></script>\n<${tag}${attributes}></${tag}>`,
    iframe: [
      `<iframe src="${escapeAttribute(iframeUrl(widget, values, essayUrl))}" title="${escapeAttribute(title)}" style="width: 100%; height: ${IFRAME_INITIAL_HEIGHT}px; border: 0" loading="lazy"></iframe>`,
      `<!-- Optional: size the iframe to its content. -->`,
      `<script>\n${HEIGHT_LISTENER}\n</script>`,
    ].join('\n'),
  };
}
