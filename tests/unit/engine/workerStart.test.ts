import { describe, expect, it } from 'vitest';
import { importerSource } from '../../../src/engine/workerStart';

describe('importerSource', () => {
  const script = new URL('https://widgets.example/ntk/embed/assets/worker-abc.js');

  it('starts a script from the page’s own origin directly', () => {
    expect(importerSource(script, 'https://widgets.example')).toBeNull();
  });

  it('imports a script from another origin, or into an opaque (sandboxed) origin, from a one-line module', () => {
    expect(importerSource(script, 'https://course.example')).toBe('import "https://widgets.example/ntk/embed/assets/worker-abc.js";\n');
    expect(importerSource(script, 'null')).toBe('import "https://widgets.example/ntk/embed/assets/worker-abc.js";\n');
  });

  it('quotes the address as a string literal, whatever it holds', () => {
    const odd = new URL('https://widgets.example/a"b\\c/worker.js');
    const source = importerSource(odd, 'null')!;
    expect(source.slice('import '.length, -2)).toBe(JSON.stringify(odd.href));
    expect(JSON.parse(source.slice('import '.length, -2))).toBe(odd.href);
  });
});
