/**
 * The embed bundle's entry (dist/embed/ntk-widgets.js): registers one custom element per widget in
 * the registry. Widget code, tfjs, the worker and the WASM binaries are separate files loaded
 * lazily, all relative to this script's own URL.
 */
import { defineWidgetElement } from './element.svelte';
import { WIDGET_NAMES } from './names';
import { registerEmbedRem, shadowCss } from './theme';

registerEmbedRem();
const sheet = new CSSStyleSheet();
sheet.replaceSync(shadowCss());
for (const widget of WIDGET_NAMES) defineWidgetElement(widget, sheet);
