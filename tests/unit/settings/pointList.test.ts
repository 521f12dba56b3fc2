import { describe, expect, it } from 'vitest';
import { defaults, defineSchema, formatValue, parseSettings, serializeSettings } from '../../../src/lib/settings';

const points = {
  kind: 'pointList',
  key: 'points',
  label: 'Training points',
  default: [
    { x: -0.5, y: 0.25 },
    { x: 0.5, y: -1 },
  ],
  x: { min: -1, max: 1 },
  y: { min: -2, max: 2 },
  minLength: 2,
  maxLength: 4,
  digits: 2,
} as const;
const schema = defineSchema([points]);
/** "No points given" by default: the widget generates its own data. */
const optional = defineSchema([{ ...points, key: 'circle', default: [], x: { min: 0, max: 6.29 } }]);

const read = (raw: string) => parseSettings(schema, [['points', raw]]);
const messages = (raw: string) => read(raw).issues.map((i) => i.message);

describe('point list settings', () => {
  it('reads x:y pairs separated by commas, with spaces anywhere', () => {
    const { values, issues } = read(' -0.3:0.7 , 0.1:-1.5,1:2');
    expect(issues).toEqual([]);
    expect(values.points).toEqual([
      { x: -0.3, y: 0.7 },
      { x: 0.1, y: -1.5 },
      { x: 1, y: 2 },
    ]);
  });

  it('writes the compact form, rounded to the decimals kept, and reads it back exactly', () => {
    const dragged = [
      { x: -0.123456, y: 0.98765 },
      { x: 0.5, y: -0.004 },
      { x: 1 / 3, y: 1e-9 },
    ];
    const text = formatValue(points, dragged);
    expect(text).toBe('-0.12:0.99,0.5:0,0.33:0');
    const back = read(text).values.points;
    expect(formatValue(points, back)).toBe(text);
    expect(serializeSettings(schema, { points: back })).toEqual([['points', text]]);
  });

  it('leaves the default out of links and snippets, and copies it for each widget', () => {
    const a = defaults(schema);
    expect(serializeSettings(schema, a)).toEqual([]);
    a.points[0].x = 0.9;
    expect(defaults(schema).points[0].x).toBe(-0.5);
  });

  it('clamps a coordinate out of range and says which point and axis', () => {
    const { values } = read('-3:0,0.2:9');
    expect(values.points).toEqual([
      { x: -1, y: 0 },
      { x: 0.2, y: 2 },
    ]);
    expect(messages('-3:0,0.2:9')).toEqual([
      'points point 1 x = "-3" is below the minimum -1; using -1',
      'points point 2 y = "9" is above the maximum 2; using 2',
    ]);
  });

  it('drops a pair it cannot read, with a message, and keeps the rest', () => {
    const { values, issues } = read('0.1:0.2,abc,0.4:0.5:0.6,0.7:0.8');
    expect(values.points).toEqual([
      { x: 0.1, y: 0.2 },
      { x: 0.7, y: 0.8 },
    ]);
    expect(issues.map((i) => i.message)).toEqual([
      'points point 2 = "abc" is not a pair x:y; point ignored',
      'points point 3 = "0.4:0.5:0.6" is not a pair x:y; point ignored',
    ]);
    expect(messages('0.1:0.2,y:x,0.7:0.8')).toEqual([
      'points point 2 x = "y" is not a number; point ignored',
      'points point 2 y = "x" is not a number; point ignored',
    ]);
    expect(issues.every((i) => i.key === 'points')).toBe(true);
  });

  it('keeps the first maxLength points of a longer list', () => {
    const { values, issues } = read('0:0,0.1:0,0.2:0,0.3:0,0.4:0,0.5:0');
    expect(values.points.map((p) => p.x)).toEqual([0, 0.1, 0.2, 0.3]);
    expect(issues.map((i) => i.message)).toEqual(['points has 6 points; keeping the first 4']);
  });

  it('falls back to the default when fewer than minLength points are usable, and says so', () => {
    for (const raw of ['', ',,,', '0.2:0.3', 'NaN:1,2', '<img src=x onerror=alert(1)>']) {
      const { values, issues } = read(raw);
      expect(values.points, raw).toEqual(points.default);
      expect(issues.at(-1)!.message, raw).toMatch(/fewer than 2; using the default points$/);
    }
  });

  it('an empty value means "no points given" where that is the default, but junk still gets a message', () => {
    expect(parseSettings(optional, [['circle', '']])).toEqual({ values: { circle: [] }, issues: [] });
    const junk = parseSettings(optional, [['circle', ',,,']]);
    expect(junk.values.circle).toEqual([]);
    expect(junk.issues.map((i) => i.message)).toEqual([`circle = ",,," has 0 usable points, fewer than 2; using none (the widget's own data)`]);
    expect(serializeSettings(optional, { circle: [] })).toEqual([]);
  });

  it('never throws and always yields in-range points for random input', () => {
    let seed = 11;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pieces = ['', '-', ':', ',', '1e308', 'NaN', '0.5', '-0', '2', 'x', ' ', '%3A', '9'.repeat(400)];
    for (let i = 0; i < 500; i++) {
      const raw = Array.from({ length: 1 + Math.floor(rand() * 12) }, () => pieces[Math.floor(rand() * pieces.length)]).join('');
      const { values } = read(raw);
      expect(values.points.length).toBeGreaterThanOrEqual(2);
      expect(values.points.length).toBeLessThanOrEqual(4);
      for (const p of values.points) {
        expect(p.x >= -1 && p.x <= 1 && p.y >= -2 && p.y <= 2, raw).toBe(true);
      }
    }
  });
});
