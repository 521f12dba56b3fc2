/**
 * Where the embed files land in the build, relative to the essay's own folder (dist/): the
 * vite.embed.config.ts build writes EMBED_SCRIPT into EMBED_DIR, and the essay build emits the
 * iframe page EMBED_PAGE beside index.html. Snippets and docs build their URLs from these.
 */
export const EMBED_DIR = 'embed';
export const EMBED_SCRIPT = 'ntk-widgets.js';
export const EMBED_SCRIPT_PATH = `${EMBED_DIR}/${EMBED_SCRIPT}`;
export const EMBED_PAGE = 'embed.html';

/** The iframe page's parameter that names the widget; every other parameter is a setting. */
export const WIDGET_PARAM = 'w';
/** Page-wide options the iframe page reads besides settings (see src/engine/backendChoice.ts). */
export const PAGE_PARAMS = [WIDGET_PARAM, 'backend'] as const;

/** postMessage the iframe page sends its parent whenever its content height changes. */
export const HEIGHT_MESSAGE = 'ntk-widget-height';
export interface HeightMessage {
  type: typeof HEIGHT_MESSAGE;
  widget: string;
  height: number;
}
