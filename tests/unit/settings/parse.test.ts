import { describe, expect, it } from 'vitest';
import { defineSchema, parseSettings, serializeSettings, defaults } from '../../../src/lib/settings';

const schema = defineSchema([
  { kind: 'number', key: 'width', label: 'Width', default: 256, min: 8, max: 4096, scale: 'log', integer: true },
  { kind: 'number', key: 'lr', label: 'Learning rate', default: 0.5, min: 1e-4, max: 100, scale: 'log' },
  {
    kind: 'choice',
    key: 'parameterization',
    label: 'Parameterisation',
    default: 'ntk',
    options: [
      { value: 'ntk', label: 'NTK' },
      { value: 'mup', label: 'μP' },
    ],
  },
  { kind: 'numberList', key: 'widths', label: 'Widths', default: [64, 256], min: 8, max: 4096, integer: true, maxLength: 4 },
  { kind: 'boolean', key: 'centered', label: 'Centred', default: false },
]);

describe('parseSettings', () => {
  it('returns the defaults and no issue for empty input', () => {
    const { values, issues } = parseSettings(schema, []);
    expect(values).toEqual({ width: 256, lr: 0.5, parameterization: 'ntk', widths: [64, 256], centered: false });
    expect(issues).toEqual([]);
  });

  it('reads valid values', () => {
    const { values, issues } = parseSettings(schema, [
      ['width', '1024'],
      ['lr', '2e-3'],
      ['parameterization', 'MUP'],
      ['widths', '8, 16,4096'],
      ['centered', 'true'],
    ]);
    expect(issues).toEqual([]);
    expect(values).toEqual({ width: 1024, lr: 0.002, parameterization: 'mup', widths: [8, 16, 4096], centered: true });
  });

  it('clamps out-of-range numbers and names the setting and the bound', () => {
    const { values, issues } = parseSettings(schema, [['width', '-5'], ['lr', '1e9']]);
    expect(values.width).toBe(8);
    expect(values.lr).toBe(100);
    expect(issues.map((i) => i.key)).toEqual(['width', 'lr']);
    expect(issues[0].message).toMatch(/width = "-5" is below the minimum 8; using 8/);
    expect(issues[1].message).toMatch(/above the maximum 100/);
  });

  it('falls back to the default for values of the wrong type', () => {
    const { values, issues } = parseSettings(schema, [['lr', 'abc'], ['width', 'NaN'], ['parameterization', 'banana'], ['centered', 'maybe']]);
    expect(values.lr).toBe(0.5);
    expect(values.width).toBe(256);
    expect(values.parameterization).toBe('ntk');
    expect(values.centered).toBe(false);
    expect(issues).toHaveLength(4);
    expect(issues[0].message).toContain('lr = "abc" is not a number; using the default 0.5');
    expect(issues[2].message).toContain('not one of ntk, mup');
  });

  it('rounds integers, drops duplicates and truncates long lists', () => {
    const { values, issues } = parseSettings(schema, [['widths', '10.4,10,x,20,30,40,50']]);
    expect(values.widths).toEqual([10, 20]);
    expect(issues.map((i) => i.message).join('|')).toMatch(/not a whole number.*not a number.*keeping the first 4/);
  });

  it('reports unknown keys unless told to ignore them, and shortens very long values', () => {
    const long = 'x'.repeat(5000);
    const { issues } = parseSettings(schema, [['foo', '1'], ['w', 'drift'], ['lr', long]], { ignoreUnknown: ['w'] });
    expect(issues.map((i) => i.key)).toEqual(['foo', 'lr']);
    expect(issues[1].message.length).toBeLessThan(200);
  });

  it('never throws and always yields in-range values for random input', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pieces = ['', '-', '1e308', 'NaN', 'Infinity', '-0', '0x10', ',', ' ', 'ntk', '3.7', '%00', '<script>', '9'.repeat(400)];
    for (let i = 0; i < 500; i++) {
      const raw: [string, string][] = schema.map((s) => [s.key, Array.from({ length: 1 + Math.floor(rand() * 3) }, () => pieces[Math.floor(rand() * pieces.length)]).join('')]);
      const { values } = parseSettings(schema, raw);
      expect(values.width).toBeGreaterThanOrEqual(8);
      expect(values.width).toBeLessThanOrEqual(4096);
      expect(Number.isInteger(values.width)).toBe(true);
      expect(values.lr).toBeGreaterThanOrEqual(1e-4);
      expect(['ntk', 'mup']).toContain(values.parameterization);
      expect(values.widths.length).toBeGreaterThan(0);
      for (const w of values.widths) expect(w >= 8 && w <= 4096).toBe(true);
    }
  });
});

describe('serializeSettings', () => {
  it('writes only non-defaults and round-trips', () => {
    const values = { ...defaults(schema), width: 512, widths: [8, 32], lr: 0.1 + 0.2 };
    const pairs = serializeSettings(schema, values);
    expect(pairs).toEqual([['width', '512'], ['lr', '0.3'], ['widths', '8,32']]);
    const back = parseSettings(schema, pairs);
    expect(back.issues).toEqual([]);
    expect(back.values).toEqual({ ...values, lr: 0.3 });
  });
});
