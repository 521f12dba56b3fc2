import { readNumber } from '../format';
import type { NumberSetting, NumberListSetting, Schema, Setting, SettingsOf } from './schema';

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

export function defaults<S extends Schema>(schema: S): SettingsOf<S> {
  const values: Record<string, unknown> = {};
  for (const s of schema) values[s.key] = Array.isArray(s.default) ? [...s.default] : s.default;
  return values as SettingsOf<S>;
}

function clampNumber(s: NumberSetting | NumberListSetting, x: number): number {
  const v = s.integer ? Math.round(x) : x;
  return Math.min(s.max, Math.max(s.min, v));
}

function parseNumber(s: NumberSetting | NumberListSetting, raw: string, issues: SettingIssue[], label: string): number | undefined {
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
  }
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
