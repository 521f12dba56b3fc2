import katex from 'katex';
import { compile } from 'svelte/compiler';
import { describe, expect, it } from 'vitest';
import { numberEquations, renderMath } from '../../../src/build/mathMarkup.js';

const FILE = '/essay/content/01-test.svelte';
const render = (source: string) => renderMath(source, { filename: FILE, equations: numberEquations([{ filename: FILE, source }]) });
const inline = (tex: string) => katex.renderToString(tex, { output: 'htmlAndMathml' });

/** The HTML strings the output injects, decoded from their {@html "…"} JSON literals. */
function injected(output: string): string[] {
  return [...output.matchAll(/\{@html ("(?:[^"\\]|\\.)*")\s*\}/g)].map((m) => JSON.parse(m[1]) as string);
}

/** Every <span> that starts with `open`, through its matching </span>, found by counting nesting. */
function spans(html: string, open: string): string[] {
  const found: string[] = [];
  for (let start = html.indexOf(open); start >= 0; start = html.indexOf(open, start + 1)) {
    let depth = 0;
    const tags = /<span\b|<\/span>/g;
    tags.lastIndex = start;
    for (let m = tags.exec(html); m; m = tags.exec(html)) {
      depth += m[0] === '</span>' ? -1 : 1;
      if (depth === 0) {
        found.push(html.slice(start, m.index + m[0].length));
        break;
      }
    }
  }
  return found;
}

const BASE = '<span class="base">';
const GLUED = '<span class="math-glued">';
const mathml = (html: string) => html.match(/<math[\s\S]*<\/math>/g);

/** The output for inline math `tex` followed directly by `text` keeps the math, joined to the text at its end. */
function expectGlued(html: string, tex: string, text: string) {
  const typeset = inline(tex);
  // What is seen, box by box, and what is read (the MathML, whole, once) are KaTeX's own.
  expect(spans(html, BASE)).toEqual(spans(typeset, BASE));
  expect(mathml(html)).toEqual(mathml(typeset));
  // The text is glued to the formula's last box only, so a long formula can still wrap before it.
  const [glued] = spans(html, GLUED);
  expect(spans(glued, BASE)).toEqual(spans(typeset, BASE).slice(-1));
  expect(glued.endsWith(`</span>${text}</span>`)).toBe(true);
  expect(html.endsWith(glued)).toBe(true);
  // Balanced: as many spans open as close.
  expect(html.match(/<span\b/g)!.length).toBe(html.match(/<\/span>/g)!.length);
}

describe('text glued to the end of inline math stays on its line', () => {
  it('joins the punctuation right after inline math to the math’s last box, in a no-wrap span', () => {
    const output = render('<p>the residual {tex`r`}. Then {tex`\\gamma = 0`}, {tex`f(x) = v_1\\,\\mathrm{relu}(w_1x)`}; and {tex`z`})</p>');
    const [r, gamma, f, z] = injected(output);
    expectGlued(r, 'r', '.');
    expectGlued(gamma, '\\gamma = 0', ',');
    expectGlued(f, 'f(x) = v_1\\,\\mathrm{relu}(w_1x)', ';');
    expectGlued(z, 'z', ')');
    expect(spans(inline('\\gamma = 0'), BASE)).toHaveLength(2); // a formula that can break, split before its last box
    // The punctuation moved into the math's HTML: the prose around it is unchanged.
    expect(output.replace(/\{@html "(?:[^"\\]|\\.)*"\}/g, 'M')).toBe('<p>the residual M Then M M and M</p>');
  });

  it('takes the whole word glued on, up to white space or markup, and nothing when a space follows', () => {
    const output = render("<p>{tex`\\Theta`}'s rows, {tex`d`}-dimensional, {tex`n`} points, {tex`k`}.<br/> {tex`a`}{tex`b`}</p>");
    const [theta, d, n, k, a, b] = injected(output);
    expectGlued(theta, '\\Theta', "'s");
    expectGlued(d, 'd', '-dimensional,');
    expect(n).toBe(inline('n'));
    expectGlued(k, 'k', '.');
    expect([a, b]).toEqual([inline('a'), inline('b')]);
  });

  it('glues the full stop after an equation reference too, but never text after a display equation', () => {
    const source = "{equation('loss')`L = 0`}.\n<p>By {eqref('loss')}.</p>";
    const [display, ref] = injected(render(source));
    expect(display).not.toContain('math-glued');
    expect(ref).toBe('<span class="math-glued"><a class="eqref" href="#eq-loss">Eq.&nbsp;(1)</a>.</span>');
  });

  it('keeps entities as entities and compiles without warnings', () => {
    const output = render('<p>at {tex`x`}&nbsp;and {tex`y`}&mdash;so</p>');
    expectGlued(injected(output)[1], 'y', '&mdash;so');
    expect(compile(output, { generate: 'server', filename: 'Test.svelte' }).warnings).toEqual([]);
  });
});
