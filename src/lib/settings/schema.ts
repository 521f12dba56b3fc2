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
export type Setting = NumberSetting | ChoiceSetting | NumberListSetting | BooleanSetting;
export type Schema = readonly Setting[];

type ValueOf<S> = S extends NumberSetting
  ? number
  : S extends ChoiceSetting<infer V>
    ? V
    : S extends NumberListSetting
      ? number[]
      : S extends BooleanSetting
        ? boolean
        : never;

export type SettingsOf<S extends Schema> = { [E in S[number] as E['key']]: ValueOf<E> };

/** Declares a schema while keeping literal keys and option values for SettingsOf. */
export function defineSchema<const S extends Schema>(schema: S): S {
  return schema;
}
