import { describe, expect, it } from 'vitest';
import { controlUsesKey } from '../../../src/embed/keys';

const control = (tagName: string, attributes: Record<string, string> = {}, extra: { type?: string; isContentEditable?: boolean } = {}) => ({
  tagName,
  ...extra,
  getAttribute: (name: string) => attributes[name] ?? null,
});

// The keys a slide deck (Reveal.js) binds: arrows, space, page keys, Home/End, letters, Escape.
describe('controlUsesKey', () => {
  it('keeps a slider’s moving keys, lets space, letters, Escape and Tab go on to the host', () => {
    const slider = control('INPUT', {}, { type: 'range' });
    for (const key of ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown']) expect(controlUsesKey(slider, key), key).toBe(true);
    for (const key of [' ', 'f', 'b', 'Escape', 'Tab', 'Enter']) expect(controlUsesKey(slider, key), key).toBe(false);
  });

  it('keeps every key but Escape and Tab in text fields, number fields and selects', () => {
    for (const c of [control('INPUT', {}, { type: 'text' }), control('INPUT', {}, { type: 'number' }), control('TEXTAREA'), control('SELECT'), control('DIV', {}, { isContentEditable: true })]) {
      for (const key of ['ArrowRight', ' ', 'f', 'a', 'Enter', 'PageDown']) expect(controlUsesKey(c, key), `${c.tagName} ${key}`).toBe(true);
      expect(controlUsesKey(c, 'Escape')).toBe(false);
      expect(controlUsesKey(c, 'Tab')).toBe(false);
    }
  });

  it('keeps only space and Enter on buttons, checkboxes and links, so arrows still change slides', () => {
    for (const c of [control('BUTTON'), control('INPUT', {}, { type: 'checkbox' }), control('A', { href: '#x' }), control('SUMMARY'), control('DIV', { role: 'button' })]) {
      expect(controlUsesKey(c, ' '), c.tagName).toBe(true);
      expect(controlUsesKey(c, 'Enter'), c.tagName).toBe(true);
      expect(controlUsesKey(c, 'ArrowRight'), c.tagName).toBe(false);
    }
  });

  it('keeps arrows on radio buttons and ARIA sliders; nothing on plain text', () => {
    expect(controlUsesKey(control('INPUT', {}, { type: 'radio' }), 'ArrowDown')).toBe(true);
    expect(controlUsesKey(control('DIV', { role: 'slider' }), 'ArrowLeft')).toBe(true);
    expect(controlUsesKey(control('DIV', { role: 'slider' }), ' ')).toBe(false);
    expect(controlUsesKey(control('P'), 'ArrowRight')).toBe(false);
    expect(controlUsesKey(control('A'), 'Enter')).toBe(false);
  });
});
