import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import katex from 'katex';
import { compile, preprocess } from 'svelte/compiler';
import { afterEach, describe, expect, it } from 'vitest';
import { numberEquations, renderMath, scanMath } from '../../../src/build/mathMarkup.js';
import { mathPreprocess } from '../../../src/build/mathPreprocess.js';

const FILE = '/essay/content/01-test.svelte';

function render(source: string, chapters = [{ filename: FILE, source }]): string {
  return renderMath(source, { filename: FILE, equations: numberEquations(chapters) });
}

/** The HTML strings the output injects, decoded from their {@html "…"} JSON literals. */
function injected(output: string): string[] {
  return [...output.matchAll(/\{@html ("(?:[^"\\]|\\.)*")\s*\}/g)].map((m) => JSON.parse(m[1]) as string);
}

/** Compiles for the server and returns the generated code, failing on any compiler warning. */
function compileClean(source: string): string {
  const result = compile(source, { generate: 'server', filename: 'Test.svelte' });
  expect(result.warnings.map((w) => w.message)).toEqual([]);
  return result.js.code;
}

describe('inline and display math', () => {
  it('replaces inline TeX with exactly what KaTeX renders for it', () => {
    const output = render('<p>Let {tex`x^2 + y_i`} be small.</p>');
    expect(injected(output)).toEqual([katex.renderToString('x^2 + y_i', { output: 'htmlAndMathml' })]);
    expect(output.startsWith('<p>Let {@html ')).toBe(true);
    expect(output.endsWith('} be small.</p>')).toBe(true);
  });

  it('typesets display equations in display mode, numbered and anchored', () => {
    const [html] = injected(render("{equation('gd-step')`r_{t+1} = (I - \\eta K/n) r_t`}"));
    expect(html).toContain('class="katex-display"');
    expect(html).toContain('<div class="equation" id="eq-gd-step">');
    expect(html).toContain('<span class="equation-number">(1)</span>');
    expect(html).toContain('<annotation encoding="application/x-tex">r_{t+1} = (I - \\eta K/n) r_t</annotation>');
  });

  it('keeps the braces of the TeX annotation away from the Svelte parser', () => {
    const source = '<p>Here {tex`\\frac{a}{b} + \\sqrt{\\lambda_{\\min}}`} sits.</p>';
    const code = compileClean(render(source));
    // The annotation survives compilation verbatim: {a} and {b} were never read as expressions.
    expect(code).toContain('\\\\frac{a}{b} + \\\\sqrt{\\\\lambda_{\\\\min}}');
  });

  it('escapes quotes, backslashes and angle brackets into a valid string literal', () => {
    const source = '<p>{tex`a < b \\text{ and "c"} \\\\ d`}</p>';
    const [html] = injected(render(source));
    expect(html).toContain('<annotation encoding="application/x-tex">a &lt; b \\text{ and &quot;c&quot;} \\\\ d</annotation>');
    compileClean(render(source));
  });

  it('leaves dollar signs in prose and code alone and reads \\$ in TeX as a dollar sign', () => {
    const prose = '<p>It costs $5, or <code>$x$</code> in a shell, and $$ is not math.</p>';
    expect(render(prose)).toBe(prose);
    const [html] = injected(render('<p>{tex`\\$5`}</p>'));
    expect(html).toMatch(/<mi mathvariant="normal">\$<\/mi>|<mo>\$<\/mo>/);
  });

  it('ignores markers inside scripts, styles and comments', () => {
    const source = [
      '<script lang="ts">const note = `{tex`;</script>',
      '<!-- {tex`\\frac{broken`} -->',
      '<style>p::after { content: "{eqref(\'x\')}"; }</style>',
      '<p>plain</p>',
    ].join('\n');
    expect(render(source)).toBe(source);
  });

  it('keeps the line count, so later compiler errors point at the right line', () => {
    const source = "<p>a</p>\n{equation('two-lines')`a =\n b +\n c`}\n<p>{tex`x\n+ y`}</p>\n";
    const output = render(source);
    expect(output.split('\n').length).toBe(source.split('\n').length);
    expect(output.split('\n').at(-2)).toContain('</p>');
  });
});

describe('equation numbers and references', () => {
  const first = { filename: '/essay/content/01-a.svelte', source: "{equation('first')`a`}\n{equation('second')`b`}" };
  const second = { filename: '/essay/content/02-b.svelte', source: "<p>By {eqref('second')}:</p>\n{equation('third')`c`}" };

  it('numbers equations in reading order across chapters', () => {
    const numbers = numberEquations([first, second]);
    expect([...numbers].map(([label, { number }]) => [label, number])).toEqual([
      ['first', 1],
      ['second', 2],
      ['third', 3],
    ]);
  });

  it('renders a reference as a link to the numbered equation, in any chapter', () => {
    const output = renderMath(second.source, { filename: second.filename, equations: numberEquations([first, second]) });
    // The colon written right after the reference is kept on its line (see tests/unit/build/mathGlued.test.ts).
    expect(injected(output)[0]).toBe('<span class="math-glued"><a class="eqref" href="#eq-second">Eq.&nbsp;(2)</a>:</span>');
    expect(injected(output)[1]).toContain('<span class="equation-number">(3)</span>');
  });

  it("keeps earlier chapters' numbers when a later chapter gains an equation", () => {
    const grown = { ...second, source: `{equation('new')\`d\`}\n${second.source}` };
    const before = numberEquations([first, second]);
    const after = numberEquations([first, grown]);
    expect(after.get('first')).toEqual(before.get('first'));
    expect(after.get('second')).toEqual(before.get('second'));
    expect(after.get('third')?.number).toBe(4);
  });

  it('rejects a duplicate label, naming both files', () => {
    const clash = { filename: '/essay/content/02-b.svelte', source: "\n{equation('first')`x`}" };
    expect(() => numberEquations([first, clash])).toThrow(/02-b\.svelte:2:1: .*'first' is already used in \/essay\/content\/01-a\.svelte/);
  });

  it('rejects a reference to a missing label and an equation outside the chapters', () => {
    expect(() => render("<p>{eqref('nowhere')}</p>")).toThrow(/01-test\.svelte:1:4: eqref\('nowhere'\) names no equation/);
    const outside = "{equation('stray')`x`}";
    expect(() => renderMath(outside, { filename: '/essay/src/essay/Intro.svelte', equations: numberEquations([]) })).toThrow(
      /Intro\.svelte:1:1: .*only chapter files may number equations/,
    );
  });
});

describe('errors name the file, the place and the formula', () => {
  it('surfaces a KaTeX parse error with the formula', () => {
    const source = '<p>fine</p>\n<p>broken: {tex`\\frac{a`}</p>';
    expect(() => render(source)).toThrow(/01-test\.svelte:2:12: KaTeX cannot typeset `\\frac\{a` \(KaTeX parse error/);
  });

  it('treats KaTeX strict-mode complaints as errors', () => {
    expect(() => render('{tex`é`}')).toThrow(/KaTeX cannot typeset `é` .*unicodeTextInMathMode/);
  });

  it.each([
    ['an attribute value', '<a title={tex`x`}>x</a>', /not attribute values/],
    ['a marker inside a larger expression', '<p>{String(tex`x`)}</p>', /must stand alone/],
    ['interpolation', '<p>{tex`x = ${y}`}</p>', /cannot interpolate/],
    ['a label with capitals', "{equation('Loss')`x`}", /lowercase words joined by hyphens/],
    ['tex without TeX', '<p>{tex}</p>', /malformed tex/],
    ['eqref with TeX', "<p>{eqref('a')`x`}</p>", /malformed eqref/],
  ])('rejects %s', (_what, source, message) => {
    expect(() => scanMath(source, FILE)).toThrow(message);
  });
});

describe('the Svelte preprocessor', () => {
  let dir = '';
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function chapterDir(files: Record<string, string>): string {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chapters-'));
    // Written in reverse so that numbering cannot lean on creation order.
    for (const [name, source] of Object.entries(files).reverse()) fs.writeFileSync(path.join(dir, name), source);
    return dir;
  }

  it('numbers by chapter file name and uses the in-memory text of the file being compiled', async () => {
    const root = chapterDir({
      '01-one.svelte': "{equation('one')`1`}",
      '02-two.svelte': "{equation('two')`2`}",
      'notes.svelte': "{equation('ignored')`0`}",
    });
    const group = mathPreprocess({ chapterDir: root, include: [root] });
    const edited = "{equation('two')`2`}\n<p>{eqref('one')}</p>";
    const result = await preprocess(edited, group, { filename: path.join(root, '02-two.svelte') });
    const [equationHtml, refHtml] = injected(result.code);
    expect(equationHtml).toContain('<span class="equation-number">(2)</span>');
    expect(refHtml).toContain('Eq.&nbsp;(1)');
    expect(result.dependencies).toEqual([path.join(root, '01-one.svelte')]);
  });

  it('fails the Svelte preprocess step, as a build would', async () => {
    const root = chapterDir({ '01-bad.svelte': '' });
    const group = mathPreprocess({ chapterDir: root, include: [root] });
    await expect(preprocess("<p>{tex`\\left(x`}</p>", group, { filename: path.join(root, '01-bad.svelte') })).rejects.toThrow(
      /01-bad\.svelte:1:4: KaTeX cannot typeset `\\left\(x`/,
    );
  });

  it('leaves files outside the included folders untouched', async () => {
    const group = mathPreprocess({ chapterDir: '/nonexistent', include: ['/essay/content'] });
    const source = '<p>{tex`x`}</p>';
    expect((await preprocess(source, group, { filename: '/essay/src/widgets/W.svelte' })).code).toBe(source);
  });
});
