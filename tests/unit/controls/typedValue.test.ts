import { describe, expect, it } from 'vitest';
import { formatNumber, readNumber } from '../../../src/lib/format';
import { parseNumberValue, type NumberSetting } from '../../../src/lib/settings';

const width: NumberSetting = { kind: 'number', key: 'width', label: 'Width', default: 512, min: 8, max: 4096, scale: 'log', integer: true };
const xa: NumberSetting = { kind: 'number', key: 'xa', label: 'x_a', default: -0.5, min: -1, max: 1, scale: 'linear' };

describe('readNumber (what a reader types into a number field)', () => {
  it('reads back everything formatNumber prints', () => {
    for (const x of [4096, -0.5, 0.001, 12_345.6, -20_000, 0.979, 1e-4]) expect(readNumber(formatNumber(x, 6))).toBe(x);
  });

  it('reads plain and scientific notation and ignores surrounding space', () => {
    expect(readNumber(' 0.25 ')).toBe(0.25);
    expect(readNumber('1e-3')).toBe(0.001);
    expect(readNumber('-3')).toBe(-3);
  });

  it('does not take a decimal comma or stray text for a number', () => {
    for (const text of ['0,5', '1,00', '4,0960', 'abc', '', ' ', '12px', '1,024,5']) expect(readNumber(text), text).toBeNaN();
  });
});

describe('parseNumberValue (committing a typed value)', () => {
  it('takes a value in range as it is, with no message', () => {
    expect(parseNumberValue(width, '1,024')).toEqual({ value: 1024 });
    expect(parseNumberValue(xa, '−0.25')).toEqual({ value: -0.25 });
  });

  it('clamps a value out of range and says so, with the same message as a URL setting', () => {
    expect(parseNumberValue(width, '10000')).toEqual({ value: 4096, issue: { key: 'width', message: 'width = "10000" is above the maximum 4096; using 4096' } });
    expect(parseNumberValue(width, '100.4')).toEqual({ value: 100, issue: { key: 'width', message: 'width = "100.4" is not a whole number; using 100' } });
  });

  it('gives no value for text that is not a number, so the control keeps the one it had', () => {
    expect(parseNumberValue(xa, 'half')).toEqual({ value: undefined, issue: { key: 'xa', message: 'xa = "half" is not a number' } });
  });
});
