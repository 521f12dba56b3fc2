import katex from 'katex';
import { compile } from 'svelte/compiler';
import { describe, expect, it } from 'vitest';
import { numberEquations, renderMath } from '../../../src/build/mathMarkup.js';

const FILE = '/essay/content/01-test.svelte';
const render = (source: string) => renderMath(source, { filename: FILE, equations: numberEquations([{ filename: FILE, source }]) });
const inline = (tex: string) => katex.renderToString(tex, { output: 'htmlAndMathml' });

/** What the compiled component prints, found in the server code: each {@html} string literal decoded. */
function injected(output: string): string[] {
  return [...output.matchAll(/\{@html ("(?:[^"\\]|\\.)*")\s*\}/g)].map((m) => JSON.parse(m[1]) as string);
}

describe('text glued to the end of inline math stays on its line', () => {
  it('puts the punctuation right after inline math in one no-wrap span with it', () => {
    const output = render('<p>the residual {tex`r`}. Then {tex`x`}, {tex`y`}; and {tex`z`})</p>');
    expect(injected(output)).toEqual([
      `<span class="math-glued">${inline('r')}.</span>`,
      `<span class="math-glued">${inline('x')},</span>`,
      `<span class="math-glued">${inline('y')};</span>`,
      `<span class="math-glued">${inline('z')})</span>`,
    ]);
    // The punctuation moved into the span: the prose around it is unchanged.
    expect(output.replace(/\{@html "(?:[^"\\]|\\.)*"\}/g, 'M')).toBe('<p>the residual M Then M M and M</p>');
  });

  it('takes the whole word glued on, up to white space or markup, and nothing when a space follows', () => {
    const output = render("<p>{tex`\\Theta`}'s rows, {tex`d`}-dimensional, {tex`n`} points, {tex`k`}.<br/> {tex`a`}{tex`b`}</p>");
    expect(injected(output)).toEqual([
      `<span class="math-glued">${inline('\\Theta')}'s</span>`,
      `<span class="math-glued">${inline('d')}-dimensional,</span>`,
      inline('n'),
      `<span class="math-glued">${inline('k')}.</span>`,
      inline('a'),
      inline('b'),
    ]);
  });

  it('glues the full stop after an equation reference too, but never text after a display equation', () => {
    const source = "{equation('loss')`L = 0`}.\n<p>By {eqref('loss')}.</p>";
    const [display, ref] = injected(render(source));
    expect(display).not.toContain('math-glued');
    expect(ref).toBe('<span class="math-glued"><a class="eqref" href="#eq-loss">Eq.&nbsp;(1)</a>.</span>');
  });

  it('keeps entities as entities and compiles without warnings', () => {
    const output = render('<p>at {tex`x`}&nbsp;and {tex`y`}&mdash;so</p>');
    expect(injected(output)[1]).toBe(`<span class="math-glued">${inline('y')}&mdash;so</span>`);
    expect(compile(output, { generate: 'server', filename: 'Test.svelte' }).warnings).toEqual([]);
  });
});
