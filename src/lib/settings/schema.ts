/**
 * One typed description per widget setting drives everything that reads or writes settings:
 * URL state, embed attributes, validation messages and the controls. No DOM here.
 */
interface SettingBase {
  /** URL key and HTML attribute name (lowercase, kebab-case). */
  key: string;
  label: string;
  help?: string;
}
export interface NumberSetting extends SettingBase {
  kind: 'number';
  default: number;
  min: number;
  max: number;
  /** 'log' sliders move in equal ratios, 'linear' in equal steps. */
  scale: 'linear' | 'log';
  integer?: boolean;
}
export interface ChoiceSetting<V extends string = string> extends SettingBase {
  kind: 'choice';
  default: V;
  options: readonly { value: V; label: string }[];
}
export interface NumberListSetting extends SettingBase {
  kind: 'numberList';
  default: readonly number[];
  min: number;
  max: number;
  integer?: boolean;
  maxLength: number;
}
export interface BooleanSetting extends SettingBase {
  kind: 'boolean';
  default: boolean;
}
/** One point of a data set the reader can edit: an input (or an angle) and its target. */
export interface DataPoint {
  x: number;
  y: number;
}
/**
 * Data points, written `x:y` and separated by commas (`-0.5:0.2,0.3:-1`), so that the points a
 * reader dragged travel in a link or an attribute. An empty default stands for "no points given"
 * (the widget then uses its generated data).
 */
export interface PointListSetting extends SettingBase {
  kind: 'pointList';
  default: readonly DataPoint[];
  x: { min: number; max: number };
  y: { min: number; max: number };
  /** A list with fewer usable points is rejected (the default is used). */
  minLength: number;
  maxLength: number;
  /** Decimals kept: values are rounded to them when read and written, so a link reproduces the data exactly. */
  digits: number;
}
export type Setting = NumberSetting | ChoiceSetting | NumberListSetting | BooleanSetting | PointListSetting;
export type Schema = readonly Setting[];

type ValueOf<S> = S extends NumberSetting
  ? number
  : S extends ChoiceSetting<infer V>
    ? V
    : S extends NumberListSetting
      ? number[]
      : S extends BooleanSetting
        ? boolean
        : S extends PointListSetting
          ? DataPoint[]
          : never;

export type SettingsOf<S extends Schema> = { [E in S[number] as E['key']]: ValueOf<E> };

/** Declares a schema while keeping literal keys and option values for SettingsOf. */
export function defineSchema<const S extends Schema>(schema: S): S {
  return schema;
}
