import { describe, expect, it } from 'vitest';
import { judgeAnswer, parseAnswer } from '../../../src/essay/exerciseAnswer';

describe('parseAnswer', () => {
  it.each([
    ['690.8', 690.8],
    [' 690.78 ', 690.78],
    ['-5', -5],
    ['\u22125', -5],
    ['.5', 0.5],
    ['1e-6', 1e-6],
    ['6.9E2', 690],
    ['6.9×10^2', 690],
    ['6.9 * 10^(-2)', 0.069],
    ['10^6', 1e6],
    ['10,000', 10000],
    ['1,234.5', 1234.5],
    ['1 000', 1000],
  ])('reads %s as %d', (text, value) => {
    expect(parseAnswer(text)).toBeCloseTo(value, 12);
  });

  it.each(['', 'abc', '0x10', '1,5', '12,34', '1e', '--1', '10^', '2×', 'Infinity'])('rejects %j', (text) => {
    expect(parseAnswer(text)).toBeNull();
  });
});

describe('judgeAnswer', () => {
  it('accepts answers within the relative tolerance and says which way others miss', () => {
    expect(judgeAnswer('691', 690.78, 0.01)).toBe('correct');
    expect(judgeAnswer('683', 690.78, 0.01)).toBe('too-low');
    expect(judgeAnswer('700', 690.78, 0.01)).toBe('too-high');
    expect(judgeAnswer('-8', -8.05, 0.01)).toBe('correct');
  });

  it('uses an absolute tolerance around a zero answer', () => {
    expect(judgeAnswer('0.005', 0, 0.01)).toBe('correct');
    expect(judgeAnswer('0.02', 0, 0.01)).toBe('too-high');
  });

  it('tells empty input from unreadable input', () => {
    expect(judgeAnswer('  ', 1, 0.01)).toBe('empty');
    expect(judgeAnswer('about ten', 10, 0.01)).toBe('unreadable');
    expect(judgeAnswer('1e400', 10, 0.01)).toBe('unreadable');
  });
});
