// @ts-check
/**
 * Build-time math for the essay's Svelte markup.
 *
 * Chapters write TeX as tagged template literals, which are valid Svelte and TypeScript before this
 * step runs, so svelte-check, editors and formatters read chapter files without tripping over the
 * braces of TeX (a `$\frac{a}{b}$` in markup would be parsed as the expressions {a} and {b}):
 *
 *   {tex`\Theta(x, x')`}                          inline math
 *   {equation('loss-bound')`L(t) \le L(0)e^{…}`}  numbered display equation, labelled
 *   {eqref('loss-bound')}                         "Eq. (n)", a link to that equation
 *
 * Each use is replaced by {@html "…"} holding KaTeX's HTML and MathML as a JSON string literal, so
 * the braces of KaTeX's TeX annotation are never read as Svelte expressions. A dollar sign in prose
 * or code is plain text; inside TeX, `\$` is a dollar sign as in LaTeX.
 *
 * Equations are numbered 1, 2, … in reading order (chapters in file-name order, equations in source
 * order), so a number depends only on the chapters' text, never on build or render order.
 */
import katex from 'katex';

const LABEL = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * A use of tex, equation or eqref inside a markup mustache: the marker name, an optional quoted
 * argument and an optional template literal. Which combinations are valid is checked in scanMath.
 */
const MATH_USE = /\{\s*(tex|equation|eqref)\s*(?:\(\s*(['"])(.*?)\2\s*\))?\s*(?:`([^`]*)`)?\s*\}/gs;

/** Any mention of a marker as code in a mustache, to catch forms MATH_USE does not accept. */
const MARKER_IN_MUSTACHE = /\{[^{}]*?\b(?:tex\s*`|equation\s*\(|eqref\s*\()/g;

/**
 * Text written right after inline math or an equation reference, with no space ("{tex`x`}." or
 * "{eqref('loss')}'s"): it is kept on the line of the math's end, so that a line never starts with
 * the full stop of the sentence before (see glue). Ends at white space or at the next tag or mustache.
 */
const GLUED_TEXT = /^[^\s{<]+/;

const KATEX_HTML = '<span class="katex-html" aria-hidden="true">';
const LAST_BASE = '<span class="base">';
const KATEX_END = '</span></span>';

/**
 * `html` (KaTeX's inline output, or an equation reference) followed by `glued`, with no line break
 * between the end of the math and the text. white-space: nowrap around all of it would keep a long
 * formula from wrapping, and browsers allow a break after KaTeX's last inline block whatever the
 * white space outside says (a word joiner does not stop them either). So the formula's last piece
 * (KaTeX breaks lines only between its top-level "base" boxes) moves out into its own KaTeX box,
 * in one no-wrap span with the text; the MathML, read by screen readers, stays whole in the first box.
 * @param {string} html
 * @param {string} glued
 */
function glue(html, glued) {
  const last = html.lastIndexOf(LAST_BASE);
  if (!html.startsWith('<span class="katex">') || last < html.indexOf(KATEX_HTML) || !html.endsWith(KATEX_END)) {
    return `<span class="math-glued">${html}${glued}</span>`;
  }
  const tail = html.slice(last, -KATEX_END.length);
  return (
    html.slice(0, last) +
    KATEX_END +
    `<span class="math-glued"><span class="katex">${KATEX_HTML}${tail}${KATEX_END}${glued}</span>`
  );
}

/** Regions whose text is not markup: scripts, styles and comments. */
const NOT_MARKUP = /<script\b[^>]*>[\s\S]*?<\/script\s*>|<style\b[^>]*>[\s\S]*?<\/style\s*>|<!--[\s\S]*?-->/g;

/**
 * @typedef {{ kind: 'inline', start: number, end: number, tex: string }
 *   | { kind: 'equation', start: number, end: number, tex: string, label: string }
 *   | { kind: 'eqref', start: number, end: number, label: string }} MathUse
 * @typedef {{ filename: string, source: string }} Chapter
 * @typedef {Map<string, { number: number, filename: string }>} EquationNumbers
 */

/** An error that names the file, line and column, as a build error should. */
export class MathMarkupError extends Error {
  /**
   * @param {string} filename
   * @param {string} source
   * @param {number} index
   * @param {string} message
   */
  constructor(filename, source, index, message) {
    const before = source.slice(0, index).split('\n');
    super(`${filename}:${before.length}:${before[before.length - 1].length + 1}: ${message}`);
    this.name = 'MathMarkupError';
  }
}

/**
 * Blanks scripts, styles and comments (keeping every newline, so indices and line numbers hold).
 * @param {string} source
 */
function markupOnly(source) {
  return source.replace(NOT_MARKUP, (region) => region.replace(/[^\n]/g, ' '));
}

/**
 * Every math use in the markup of a Svelte file, in source order.
 * @param {string} source
 * @param {string} filename
 * @returns {MathUse[]}
 */
export function scanMath(source, filename) {
  const markup = markupOnly(source);
  /** @type {MathUse[]} */
  const uses = [];
  /** @param {number} index @param {string} message */
  const fail = (index, message) => new MathMarkupError(filename, source, index, message);

  for (const match of markup.matchAll(MATH_USE)) {
    const [whole, marker, , label, tex] = match;
    const start = match.index;
    const end = start + whole.length;
    if (markup.slice(0, start).trimEnd().endsWith('=')) {
      throw fail(start, `${marker} is for markup text, not attribute values: put the math in the element's content`);
    }
    if (label !== undefined && !LABEL.test(label)) {
      throw fail(start, `equation label '${label}' must be lowercase words joined by hyphens`);
    }
    if (tex !== undefined && tex.includes('${')) {
      throw fail(start, `TeX cannot interpolate \${…}; write the value in the prose instead: ${tex}`);
    }
    if (marker === 'tex' && tex !== undefined && label === undefined) {
      uses.push({ kind: 'inline', start, end, tex });
    } else if (marker === 'equation' && tex !== undefined && label !== undefined) {
      uses.push({ kind: 'equation', start, end, tex, label });
    } else if (marker === 'eqref' && tex === undefined && label !== undefined) {
      uses.push({ kind: 'eqref', start, end, label });
    } else {
      throw fail(start, `malformed ${marker}: expected {tex\`…\`}, {equation('label')\`…\`} or {eqref('label')}`);
    }
  }

  // Whatever MATH_USE missed (a marker inside a larger expression, say) would reach the browser.
  const covered = markup.split('');
  for (const use of uses) covered.fill(' ', use.start, use.end);
  for (const stray of covered.join('').matchAll(MARKER_IN_MUSTACHE)) {
    throw fail(stray.index, 'math markers must stand alone in their braces: {tex`…`}, {equation(\'label\')`…`}, {eqref(\'label\')}');
  }
  return uses;
}

/**
 * Numbers every equation of the essay: chapters in the order given, equations in source order.
 * @param {Chapter[]} chapters
 * @returns {EquationNumbers}
 */
export function numberEquations(chapters) {
  /** @type {EquationNumbers} */
  const numbers = new Map();
  for (const { filename, source } of chapters) {
    for (const use of scanMath(source, filename)) {
      if (use.kind !== 'equation') continue;
      const earlier = numbers.get(use.label);
      if (earlier) {
        throw new MathMarkupError(filename, source, use.start, `equation label '${use.label}' is already used in ${earlier.filename}`);
      }
      numbers.set(use.label, { number: numbers.size + 1, filename });
    }
  }
  return numbers;
}

/**
 * @param {string} tex
 * @param {boolean} displayMode
 * @param {() => Error} describe  the error to throw, given KaTeX's message
 */
function typeset(tex, displayMode, describe) {
  try {
    // strict: 'error' turns KaTeX's LaTeX-compatibility warnings into build errors too.
    return katex.renderToString(tex, { displayMode, throwOnError: true, strict: 'error', output: 'htmlAndMathml' });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const wrapped = describe();
    wrapped.message += ` (${reason})`;
    throw wrapped;
  }
}

/**
 * The HTML a math use stands for.
 * @param {MathUse} use
 * @param {{ filename: string, source: string, equations: EquationNumbers }} context
 */
function renderUse(use, { filename, source, equations }) {
  /** @param {string} message */
  const fail = (message) => new MathMarkupError(filename, source, use.start, message);
  if (use.kind === 'inline') {
    return typeset(use.tex, false, () => fail(`KaTeX cannot typeset \`${use.tex}\``));
  }
  const entry = equations.get(use.label);
  if (use.kind === 'eqref') {
    if (!entry) throw fail(`eqref('${use.label}') names no equation`);
    return `<a class="eqref" href="#eq-${use.label}">Eq.&nbsp;(${entry.number})</a>`;
  }
  if (!entry || entry.filename !== filename) {
    throw fail(`equation('${use.label}') is not among the numbered chapter equations (only chapter files may number equations)`);
  }
  const body = typeset(use.tex, true, () => fail(`KaTeX cannot typeset equation '${use.label}': \`${use.tex}\``));
  return (
    `<div class="equation" id="eq-${use.label}">` +
    `<div class="equation-body">${body}</div>` +
    `<span class="equation-number">(${entry.number})</span></div>`
  );
}

/**
 * Replaces every math use in a Svelte file's markup by {@html "…"} with the typeset HTML, together
 * with any text glued to its end (GLUED_TEXT). The newlines a use spanned are kept inside the
 * mustache, so later compiler errors report true lines.
 * @param {string} source
 * @param {{ filename: string, equations: EquationNumbers }} options
 */
export function renderMath(source, { filename, equations }) {
  let output = '';
  let cursor = 0;
  for (const use of scanMath(source, filename)) {
    let html = renderUse(use, { filename, source, equations });
    const newlines = source.slice(use.start, use.end).replace(/[^\n]/g, '');
    const glued = use.kind === 'equation' ? '' : (source.slice(use.end).match(GLUED_TEXT)?.[0] ?? '');
    // Markup text and HTML agree on what these characters mean (no tags, no braces; entities stay entities).
    if (glued) html = glue(html, glued);
    output += source.slice(cursor, use.start) + `{@html ${JSON.stringify(html)}${newlines}}`;
    cursor = use.end + glued.length;
  }
  return output + source.slice(cursor);
}
