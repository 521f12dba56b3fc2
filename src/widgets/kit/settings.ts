/**
 * Settings that many widgets share, so that "width" or "learning rate" means the same thing, with
 * the same key, label and bounds, everywhere. A widget picks its own default and, where it needs
 * to, a narrower range.
 */
import type { BooleanSetting, ChoiceSetting, NumberListSetting, NumberSetting } from '../../lib/settings';
import type { Activation } from '../../lib/ntk';
import type { Parameterization } from '../../lib/nn';

type Range = { default: number; min?: number; max?: number };
// Each factory returns its key as a literal type, so SettingsOf<typeof schema> keeps every value's type.

export const MAX_WIDTH = 4096;

export function widthSetting({ default: d, min = 8, max = MAX_WIDTH }: Range): NumberSetting & { key: 'width' } {
  return { kind: 'number', key: 'width', label: 'Width', default: d, min, max, scale: 'log', integer: true, help: 'hidden units per layer' };
}

export function widthsSetting(defaults: number[], maxLength = 5): NumberListSetting & { key: 'widths' } {
  return { kind: 'numberList', key: 'widths', label: 'Widths', default: defaults, min: 8, max: MAX_WIDTH, integer: true, maxLength };
}

export function lrSetting({ default: d, min = 1e-3, max = 100 }: Range): NumberSetting & { key: 'lr' } {
  return { kind: 'number', key: 'lr', label: 'Learning rate η', default: d, min, max, scale: 'log' };
}

export function depthSetting({ default: d, min = 1, max = 4 }: Range): NumberSetting & { key: 'depth' } {
  return { kind: 'number', key: 'depth', label: 'Hidden layers', default: d, min, max, scale: 'linear', integer: true };
}

export function stepsSetting({ default: d, min = 10, max = 20000 }: Range): NumberSetting & { key: 'steps' } {
  return { kind: 'number', key: 'steps', label: 'Training steps', default: d, min, max, scale: 'log', integer: true };
}

/** Multiples of a widget's own schedule of GD steps between plot updates; the values are what the URL and attributes carry. */
export const SPEEDS = ['0.25', '0.5', '1', '2', '4'] as const;
export type Speed = (typeof SPEEDS)[number];
const SPEED_LABELS: Record<Speed, string> = { '0.25': '¼×', '0.5': '½×', '1': '1×', '2': '2×', '4': '4×' };

/** How many GD steps run between plot updates; changing it never restarts a run. */
export function speedSetting(d: Speed = '1'): ChoiceSetting<Speed> & { key: 'speed' } {
  return {
    kind: 'choice',
    key: 'speed',
    label: 'Speed',
    help: 'multiplies the GD steps run between plot updates',
    default: d,
    options: SPEEDS.map((value) => ({ value, label: SPEED_LABELS[value] })),
  };
}

/** The factor a speed stands for: ¼× runs a quarter of the usual steps between updates. */
export function speedFactor(speed: Speed): number {
  return Number(speed);
}

export function seedSetting(d = 1): NumberSetting & { key: 'seed' } {
  return { kind: 'number', key: 'seed', label: 'Seed', default: d, min: 0, max: 9999, scale: 'linear', integer: true };
}

export function alphaSetting(d = 1): NumberSetting & { key: 'alpha' } {
  return { kind: 'number', key: 'alpha', label: 'Output scale α', default: d, min: 0.01, max: 100, scale: 'log' };
}

export function wStdSetting(d = 1.4): NumberSetting & { key: 'wstd' } {
  return { kind: 'number', key: 'wstd', label: 'Weight scale σ_w', default: d, min: 0.1, max: 4, scale: 'linear' };
}

export function bStdSetting(d = 0.1): NumberSetting & { key: 'bstd' } {
  return { kind: 'number', key: 'bstd', label: 'Bias scale σ_b', default: d, min: 0, max: 2, scale: 'linear' };
}

export function activationSetting(d: Activation = 'relu'): ChoiceSetting<Activation> & { key: 'activation' } {
  return {
    kind: 'choice',
    key: 'activation',
    label: 'Activation',
    default: d,
    options: [
      { value: 'relu', label: 'ReLU' },
      { value: 'erf', label: 'erf' },
      { value: 'tanh', label: 'tanh' },
      { value: 'linear', label: 'linear' },
    ],
  };
}

export function parameterizationSetting(d: Parameterization = 'ntk'): ChoiceSetting<Parameterization> & { key: 'parameterization' } {
  return {
    kind: 'choice',
    key: 'parameterization',
    label: 'Parameterisation',
    default: d,
    options: [
      { value: 'ntk', label: 'NTK' },
      { value: 'standard', label: 'standard' },
      { value: 'mup', label: 'μP / mean-field' },
    ],
  };
}

/**
 * Whether to train Chizat et al.'s centred model g = α(f − f₀): when asked for, and always when
 * α ≠ 1, since otherwise g starts at αf₀, far from every target for large α.
 */
export function isCentered({ alpha, centered = false }: { alpha: number; centered?: boolean }): boolean {
  return centered || alpha !== 1;
}

export function centeredSetting(d = false): BooleanSetting & { key: 'centered' } {
  return { kind: 'boolean', key: 'centered', label: 'Subtract f₀ (centred model)', default: d };
}

/**
 * What a widget says when its settings leave the kernel regime, so that a network parting from its
 * frozen-kernel prediction reads as the point, not as a bug: μP has no fixed kernel limit, and a small
 * output scale α makes training rich (Chizat et al. 2019). Null in the lazy regime.
 */
export function regimeNotice({ parameterization, alpha }: { parameterization: Parameterization; alpha: number }): string | null {
  if (parameterization === 'mup') {
    return 'μP / mean-field: the kernel itself moves during training at every width, so the network is expected to leave the frozen-kernel prediction (chapter 5).';
  }
  if (alpha < 1) {
    return `Output scale α = ${alpha} < 1: the network must move its weights further to fit, the kernel moves with them, and the frozen-kernel prediction stops describing it (chapter 5).`;
  }
  return null;
}
