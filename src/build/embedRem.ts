/**
 * For the embed build only: `rem` in component styles becomes a multiple of --ntk-embed-rem, a
 * length the widget's shadow root fixes at the browser's default font size (src/embed/theme.ts).
 * A host page's root font size (`html { font-size: 62.5% }`, `* { font-size: 30px }`) would
 * otherwise rescale every widget, since rem always refers to the document's root element, even
 * inside a shadow tree. At-rule preludes are left alone: var() is not allowed in media queries,
 * where rem means the initial font size anyway.
 */
import type { PreprocessorGroup } from 'svelte/compiler';

export const EMBED_REM = '--ntk-embed-rem';

export function remToEmbedRem(css: string): string {
  return css.replace(/(@[a-z-]+[^{;]*)|(?<![\w.-])(\d*\.?\d+)rem\b/gi, (match, atRule: string | undefined, n: string) =>
    atRule ?? `calc(${n} * var(${EMBED_REM}))`,
  );
}

export function embedRemPreprocess(): PreprocessorGroup {
  return { name: 'embed-rem', style: ({ content }) => ({ code: remToEmbedRem(content) }) };
}
