/**
 * Math markers for chapter markup: {tex`…`}, {equation('label')`…`} and {eqref('label')}.
 *
 * src/build/mathMarkup.js replaces every use with KaTeX's HTML at build time; these functions exist
 * so that the markup type-checks and an editor can jump here. Reaching one at run time means the
 * file was compiled without the preprocessor in svelte.config.js.
 */
function unprocessed(marker: string): never {
  throw new Error(`${marker} reached the browser untypeset: compile this file with the math preprocessor (svelte.config.js)`);
}

/** Inline math: {tex`\Theta(x, x')`}. */
export function tex(_source: TemplateStringsArray): string {
  return unprocessed('tex');
}

/** A numbered display equation: {equation('loss-bound')`L(t) \le …`}. */
export function equation(_label: string): (source: TemplateStringsArray) => string {
  return () => unprocessed('equation');
}

/** "Eq. (n)", linking to the equation with this label: {eqref('loss-bound')}. */
export function eqref(_label: string): string {
  return unprocessed('eqref');
}
