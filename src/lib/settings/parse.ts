import { readNumber } from '../format';
import type { DataPoint, NumberSetting, NumberListSetting, PointListSetting, Schema, Setting, SettingsOf } from './schema';

/** A setting that was clamped, replaced by its default, or ignored, with a message a reader can act on. */
export interface SettingIssue {
  key: string;
  message: string;
}

export interface ParsedSettings<S extends Schema> {
  values: SettingsOf<S>;
  issues: SettingIssue[];
}

const MAX_SHOWN = 40;

/** Long or odd raw values are shortened before they are echoed back to the reader. */
function show(raw: string): string {
  const s = raw.length > MAX_SHOWN ? `${raw.slice(0, MAX_SHOWN)}…` : raw;
  return JSON.stringify(s);
}

/** A fresh copy of a setting's default (lists and points are never shared between widgets). */
function defaultOf(s: Setting): unknown {
  if (s.kind === 'pointList') return s.default.map((p) => ({ x: p.x, y: p.y }));
  return Array.isArray(s.default) ? [...s.default] : s.default;
}

export function defaults<S extends Schema>(schema: S): SettingsOf<S> {
  const values: Record<string, unknown> = {};
  for (const s of schema) values[s.key] = defaultOf(s);
  return values as SettingsOf<S>;
}

/** What clamping a number needs: its key (for messages), its range and whether it is whole. */
type NumberRange = Pick<NumberSetting, 'key' | 'min' | 'max' | 'integer'>;

function clampNumber(s: NumberRange, x: number): number {
  const v = s.integer ? Math.round(x) : x;
  return Math.min(s.max, Math.max(s.min, v));
}

function parseNumber(s: NumberRange, raw: string, issues: SettingIssue[], label: string): number | undefined {
  const x = readNumber(raw);
  if (!Number.isFinite(x)) {
    issues.push({ key: s.key, message: `${label} = ${show(raw)} is not a number` });
    return undefined;
  }
  const v = clampNumber(s, x);
  if (v !== x) {
    const why = x < s.min ? `below the minimum ${s.min}` : x > s.max ? `above the maximum ${s.max}` : 'not a whole number';
    issues.push({ key: s.key, message: `${label} = ${show(raw)} is ${why}; using ${v}` });
  }
  return v;
}

/**
 * One value typed for a number setting: clamped (with an issue) when out of range or not whole,
 * undefined (with an issue) when it is not a number, so the caller can keep the value it had.
 */
export function parseNumberValue(s: NumberSetting, raw: string): { value: number | undefined; issue?: SettingIssue } {
  const issues: SettingIssue[] = [];
  const value = parseNumber(s, raw, issues, s.key);
  return { value, issue: issues[0] };
}

function parseOne(s: Setting, raw: string, issues: SettingIssue[]): unknown {
  switch (s.kind) {
    case 'number': {
      const v = parseNumber(s, raw, issues, s.key);
      if (v === undefined) issues[issues.length - 1].message += `; using the default ${s.default}`;
      return v ?? s.default;
    }
    case 'choice': {
      const option = s.options.find((o) => o.value === raw.trim().toLowerCase());
      if (option) return option.value;
      issues.push({
        key: s.key,
        message: `${s.key} = ${show(raw)} is not one of ${s.options.map((o) => o.value).join(', ')}; using ${s.default}`,
      });
      return s.default;
    }
    case 'boolean': {
      const t = raw.trim().toLowerCase();
      if (t === '' || t === 'true' || t === '1' || t === 'yes' || t === s.key) return true;
      if (t === 'false' || t === '0' || t === 'no') return false;
      issues.push({ key: s.key, message: `${s.key} = ${show(raw)} is not true or false; using ${s.default}` });
      return s.default;
    }
    case 'numberList': {
      const parts = raw.split(',').filter((p) => p.trim() !== '');
      const values: number[] = [];
      for (const part of parts.slice(0, s.maxLength)) {
        const v = parseNumber(s, part, issues, `${s.key} entry`);
        if (v !== undefined && !values.includes(v)) values.push(v);
      }
      if (parts.length > s.maxLength) {
        issues.push({ key: s.key, message: `${s.key} has ${parts.length} entries; keeping the first ${s.maxLength}` });
      }
      if (values.length === 0) {
        issues.push({ key: s.key, message: `${s.key} = ${show(raw)} has no usable number; using ${s.default.join(',')}` });
        return [...s.default];
      }
      return values;
    }
    case 'pointList':
      return parsePoints(s, raw, issues);
  }
}

/** `x` rounded to the setting's decimals (−0 becomes 0). */
function roundTo(s: PointListSetting, x: number): number {
  return Number(x.toFixed(s.digits)) + 0;
}

/** A point as the setting keeps it: in range and rounded to its decimals, so that a link reproduces it exactly. */
export function settingPoint(s: PointListSetting, { x, y }: DataPoint): DataPoint {
  const clamp = (v: number, { min, max }: { min: number; max: number }) => Math.min(max, Math.max(min, v));
  return { x: roundTo(s, clamp(x, s.x)), y: roundTo(s, clamp(y, s.y)) };
}

/**
 * `x:y` pairs separated by commas. A pair that cannot be read is dropped, a coordinate out of range
 * is clamped, each with a message; too many points keep the first maxLength, too few usable ones
 * give the default. An empty value is the default when the default is empty ("no points given").
 */
function parsePoints(s: PointListSetting, raw: string, issues: SettingIssue[]): DataPoint[] {
  if (raw.trim() === '' && s.default.length === 0) return [];
  const parts = raw.split(',').map((p) => p.trim()).filter((p) => p !== '');
  const points: DataPoint[] = [];
  parts.slice(0, s.maxLength).forEach((part, i) => {
    const pair = part.split(':');
    if (pair.length !== 2) {
      issues.push({ key: s.key, message: `${s.key} point ${i + 1} = ${show(part)} is not a pair x:y; point ignored` });
      return;
    }
    const [x, y] = (['x', 'y'] as const).map((axis, j) => {
      const v = parseNumber({ key: s.key, ...s[axis] }, pair[j], issues, `${s.key} point ${i + 1} ${axis}`);
      if (v === undefined) issues[issues.length - 1].message += '; point ignored';
      return v;
    });
    if (x !== undefined && y !== undefined) points.push({ x: roundTo(s, x), y: roundTo(s, y) });
  });
  if (parts.length > s.maxLength) {
    issues.push({ key: s.key, message: `${s.key} has ${parts.length} points; keeping the first ${s.maxLength}` });
  }
  if (points.length < s.minLength) {
    const fallback = s.default.length > 0 ? 'the default points' : "none (the widget's own data)";
    issues.push({
      key: s.key,
      message: `${s.key} = ${show(raw)} has ${points.length} usable point${points.length === 1 ? '' : 's'}, fewer than ${s.minLength}; using ${fallback}`,
    });
    return defaultOf(s) as DataPoint[];
  }
  return points;
}

/**
 * Reads settings from raw strings (URL parameters or attributes). Unknown keys, values of the wrong
 * type and values out of range never throw: they become issues, and the value falls back to the
 * clamped value or the default, so a widget always starts in a safe state.
 */
export function parseSettings<S extends Schema>(
  schema: S,
  raw: Iterable<[string, string]>,
  options: { ignoreUnknown?: readonly string[] } = {},
): ParsedSettings<S> {
  const values = defaults(schema) as Record<string, unknown>;
  const issues: SettingIssue[] = [];
  const byKey = new Map(schema.map((s) => [s.key, s] as const));
  for (const [key, value] of raw) {
    const s = byKey.get(key.toLowerCase());
    if (s) values[s.key] = parseOne(s, value, issues);
    else if (!options.ignoreUnknown?.includes(key)) {
      issues.push({ key, message: `unknown setting ${show(key)} ignored` });
    }
  }
  return { values: values as SettingsOf<S>, issues };
}

export function formatValue(s: Setting, value: unknown): string {
  if (s.kind === 'pointList') return (value as readonly DataPoint[]).map((p) => `${roundTo(s, p.x)}:${roundTo(s, p.y)}`).join(',');
  if (Array.isArray(value)) return value.join(',');
  if (typeof value === 'number') return String(Number(value.toPrecision(6)));
  return String(value);
}

/** The settings that differ from their defaults, as [key, string] pairs, in schema order. */
export function serializeSettings<S extends Schema>(schema: S, values: SettingsOf<S>): [string, string][] {
  const out: [string, string][] = [];
  const record = values as Record<string, unknown>;
  for (const s of schema) {
    const text = formatValue(s, record[s.key]);
    if (text !== formatValue(s, s.default)) out.push([s.key, text]);
  }
  return out;
}
