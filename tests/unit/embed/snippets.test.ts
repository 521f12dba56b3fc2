import { describe, expect, it } from 'vitest';
import { elementName, WIDGET_NAMES } from '../../../src/embed/names';
import { EMBED_PAGE, EMBED_SCRIPT_PATH, HEIGHT_MESSAGE, WIDGET_PARAM } from '../../../src/embed/paths';
import { embedOptions, SLIDE } from '../../../src/embed/options';
import { COPY_FOLDER, embedSnippets, HEIGHT_LISTENER } from '../../../src/embed/snippets';
import { defaults, parseSettings, type Schema, type Setting, type SettingsOf } from '../../../src/lib/settings';
import { WIDGETS } from '../../../src/widgets/registry';

const ESSAY = 'https://uni.example/courses/ml/ntk/index.html?ntk-drift.lr=2#chapter-5';
const BASE = 'https://uni.example/courses/ml/ntk/';

/** A value of each setting other than its default, to see every key survive the round trip. */
function otherValue(s: Setting): unknown {
  switch (s.kind) {
    case 'number':
      return s.default === s.max ? s.min : s.max;
    case 'numberList':
      return [s.min, s.max];
    case 'choice':
      return s.options.find((o) => o.value !== s.default)?.value ?? s.default;
    case 'boolean':
      return !s.default;
    case 'pointList':
      return [{ x: s.x.min, y: s.y.max }, ...Array.from({ length: s.minLength }, (_, i) => ({ x: s.x.max, y: s.y.min + i / 100 }))];
  }
}

function changed(schema: Schema): SettingsOf<Schema> {
  return Object.fromEntries(schema.map((s) => [s.key, otherValue(s)])) as SettingsOf<Schema>;
}

const unescape = (v: string) => v.replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');

/** The attributes of the first element named `tag` in an HTML snippet (enough for the snippets' own quoting; a bare attribute reads as ''). */
function attributesOf(html: string, tag: string): [string, string][] {
  const open = new RegExp(`<${tag}((?:\\s+[a-z-]+(?:="[^"]*")?)*)>`).exec(html);
  if (!open) throw new Error(`no <${tag}> in ${html}`);
  return [...open[1].matchAll(/([a-z-]+)(?:="([^"]*)")?/g)].map((m) => [m[1], unescape(m[2] ?? '')]);
}

describe('embedSnippets', () => {
  it.each(WIDGET_NAMES)('%s: the element and the iframe reproduce the current settings', (widget) => {
    const { schema } = WIDGETS[widget];
    const values = changed(schema);
    const { element, iframe } = embedSnippets(widget, values, ESSAY).absolute;

    const [script] = attributesOf(element, 'script').filter(([k]) => k === 'src');
    expect(script[1]).toBe(`${BASE}${EMBED_SCRIPT_PATH}`);
    const fromElement = parseSettings(schema, attributesOf(element, elementName(widget)));
    expect(fromElement.issues).toEqual([]);
    expect(fromElement.values).toEqual(values);

    const src = new URL(Object.fromEntries(attributesOf(iframe, 'iframe')).src);
    expect(`${src.origin}${src.pathname}`).toBe(`${BASE}${EMBED_PAGE}`);
    expect(src.searchParams.get(WIDGET_PARAM)).toBe(elementName(widget));
    const fromUrl = parseSettings(schema, src.searchParams, { ignoreUnknown: [WIDGET_PARAM] });
    expect(fromUrl.issues).toEqual([]);
    expect(fromUrl.values).toEqual(values);
  });

  it('leaves defaults out, so a snippet stays short', () => {
    const { element, iframe } = embedSnippets('kernel-explorer', defaults(WIDGETS['kernel-explorer'].schema), `${BASE}`).absolute;
    expect(element).toContain('<ntk-kernel-explorer>Loading the widget');
    expect(Object.fromEntries(attributesOf(iframe, 'iframe')).src).toBe(`${BASE}${EMBED_PAGE}?${WIDGET_PARAM}=ntk-kernel-explorer`);
  });

  it('gives the iframe an accessible title and the height listener', () => {
    const { iframe } = embedSnippets('ntk-drift', defaults(WIDGETS['ntk-drift'].schema), ESSAY).absolute;
    expect(Object.fromEntries(attributesOf(iframe, 'iframe')).title).toBe(WIDGETS['ntk-drift'].title);
    expect(iframe).toContain(HEIGHT_LISTENER);
  });
});

describe('embedSnippets, copy of dist/ and options', () => {
  const values = { ...defaults(WIDGETS['ntk-drift'].schema), seed: 5 };

  it('loads the copy from the page-relative folder, the absolute form from the essay’s folder', () => {
    const { absolute, copy } = embedSnippets('ntk-drift', values, ESSAY);
    expect(Object.fromEntries(attributesOf(copy.element, 'script')).src).toBe(`${COPY_FOLDER}/${EMBED_SCRIPT_PATH}`);
    expect(Object.fromEntries(attributesOf(copy.iframe, 'iframe')).src).toBe(`${COPY_FOLDER}/${EMBED_PAGE}?${WIDGET_PARAM}=ntk-drift&seed=5`);
    // Apart from where the files are, the two forms are the same.
    expect(copy.element.replaceAll(`${COPY_FOLDER}/`, BASE)).toBe(absolute.element);
    expect(copy.iframe.replaceAll(`${COPY_FOLDER}/`, BASE)).toBe(absolute.iframe);
  });

  it('says in the element, until its script defines it, which script it waits for', () => {
    const { element } = embedSnippets('ntk-drift', values, ESSAY).absolute;
    expect(element).toMatch(new RegExp(`<ntk-drift seed="5">Loading the widget “${WIDGETS['ntk-drift'].title}”\\. If this stays, its script ${BASE}${EMBED_SCRIPT_PATH} did not load\\.</ntk-drift>$`));
  });

  it('adds the embed options that differ from their defaults, readable by the options schema', () => {
    const { element, iframe } = embedSnippets('ntk-drift', values, ESSAY, { compact: true, scale: 1.5 }).absolute;
    const attributes = attributesOf(element, 'ntk-drift');
    expect(attributes).toEqual([['seed', '5'], ['compact', ''], ['scale', '1.5']]);
    expect(parseSettings(embedOptions, attributes.slice(1)).values).toEqual({ compact: true, plots: [1, 2], scale: 1.5, theme: 'auto', backend: 'auto' });
    const src = new URL(Object.fromEntries(attributesOf(iframe, 'iframe')).src);
    expect([...src.searchParams]).toEqual([[WIDGET_PARAM, 'ntk-drift'], ['seed', '5'], ['compact', 'true'], ['scale', '1.5']]);
    // A compact iframe keeps the height it is given: a slide's share, and no height listener.
    expect(iframe).toContain(`height: ${SLIDE.forWidget}px`);
    expect(iframe).not.toContain(HEIGHT_LISTENER);
  });
});

describe('HEIGHT_LISTENER', () => {
  it('is three lines that size the iframe whose window sent the height message, and no other', () => {
    expect(HEIGHT_LISTENER.split('\n')).toHaveLength(3);
    const sender = {};
    const frames = [{ contentWindow: sender, style: { height: '' } }, { contentWindow: {}, style: { height: '' } }];
    let listener: ((e: { source: unknown; data: unknown }) => void) | undefined;
    const addEventListener = (type: string, fn: typeof listener) => type === 'message' && (listener = fn);
    const document = { querySelectorAll: () => frames };
    new Function('addEventListener', 'document', HEIGHT_LISTENER)(addEventListener, document);
    listener!({ source: sender, data: { type: 'something-else', height: 10 } });
    expect(frames[0].style.height).toBe('');
    listener!({ source: sender, data: { type: HEIGHT_MESSAGE, height: 731 } });
    expect(frames.map((f) => f.style.height)).toEqual(['731px', '']);
  });
});
