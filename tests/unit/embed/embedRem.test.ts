import { describe, expect, it } from 'vitest';
import { EMBED_REM, remToEmbedRem } from '../../../src/build/embedRem';

const R = `var(${EMBED_REM})`;

describe('remToEmbedRem', () => {
  it('rewrites rem lengths in declarations, including several per value and leading-dot numbers', () => {
    expect(remToEmbedRem('.a { gap: 0.4rem 1rem; font-size: .8rem; }')).toBe(`.a { gap: calc(0.4 * ${R}) calc(1 * ${R}); font-size: calc(.8 * ${R}); }`);
    expect(remToEmbedRem('.a { grid-template-columns: repeat(auto-fill, minmax(9.5rem, 1fr)); }')).toBe(
      `.a { grid-template-columns: repeat(auto-fill, minmax(calc(9.5 * ${R}), 1fr)); }`,
    );
  });

  it('leaves other units, names that merely contain "rem", and at-rule preludes alone', () => {
    const untouched = '.x-2rem { width: 2em; height: 10px; } @media (min-width: 40rem) { .b { color: red; } } .remove { margin: 0; }';
    expect(remToEmbedRem(untouched)).toBe(untouched);
    expect(remToEmbedRem('@media (min-width: 40rem) { .b { margin: 1rem; } }')).toBe(`@media (min-width: 40rem) { .b { margin: calc(1 * ${R}); } }`);
  });
});
