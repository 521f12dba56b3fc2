import { describe, expect, it } from 'vitest';
import { elementName, widgetOfElement, WIDGET_NAMES } from '../../../src/embed/names';
import { WIDGETS } from '../../../src/widgets/registry';

// HTML's valid custom element name, restricted to ASCII (the spec's PCENChar also allows some Unicode).
const VALID_CUSTOM_ELEMENT = /^[a-z][-.0-9_a-z]*-[-.0-9_a-z]*$/;
const RESERVED = ['annotation-xml', 'color-profile', 'font-face', 'font-face-src', 'font-face-uri', 'font-face-format', 'font-face-name', 'missing-glyph'];

describe('element names', () => {
  it('has one name per registered widget', () => {
    expect(new Set(WIDGET_NAMES)).toEqual(new Set(Object.keys(WIDGETS)));
  });

  it('prefixes ntk- unless the widget name already has it', () => {
    expect(elementName('ntk-drift')).toBe('ntk-drift');
    expect(elementName('kernel-explorer')).toBe('ntk-kernel-explorer');
  });

  it('gives every widget a distinct, valid custom element name', () => {
    const names = WIDGET_NAMES.map(elementName);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) {
      expect(name).toMatch(VALID_CUSTOM_ELEMENT);
      expect(RESERVED).not.toContain(name);
    }
  });

  it('maps element names back to widgets, case-insensitively, and rejects others', () => {
    for (const widget of WIDGET_NAMES) expect(widgetOfElement(elementName(widget).toUpperCase())).toBe(widget);
    expect(widgetOfElement('kernel-explorer')).toBeUndefined();
    expect(widgetOfElement('ntk-unknown-widget')).toBeUndefined();
    expect(widgetOfElement('')).toBeUndefined();
  });
});
