/** The lazy-vs-rich widget's presets: one click to each regime the chapter names. Pure. */
import type { LazyVsRichSettings } from './run';

/** The settings a preset fixes; the data, depth, activation and seed stay as the reader left them. */
export type PresetValues = Pick<LazyVsRichSettings, 'parameterization' | 'width' | 'alpha' | 'centered' | 'lr' | 'steps'>;

export interface Preset {
  id: string;
  label: string;
  values: PresetValues;
}

/**
 * Each preset's η is below the stability limit 2n/λ_max of its K₀ at the default data. μP gets a
 * smaller η than NTK although its K₀ is the same (Yang & Hu 2021's lr-weighted kernel has the NTK
 * limit): its kernel grows several-fold while features move, and with it the top eigenvalue.
 * Standard parameterisation's kernel grows like the width, so its η shrinks like 1/width.
 */
export const PRESETS: readonly Preset[] = [
  { id: 'lazy', label: 'Lazy: NTK, width 1024', values: { parameterization: 'ntk', width: 1024, alpha: 1, centered: false, lr: 2, steps: 300 } },
  { id: 'mup', label: 'Rich: μP', values: { parameterization: 'mup', width: 1024, alpha: 1, centered: false, lr: 0.5, steps: 600 } },
  { id: 'small-alpha', label: 'Rich: small α', values: { parameterization: 'ntk', width: 1024, alpha: 0.1, centered: true, lr: 2, steps: 300 } },
  { id: 'narrow', label: 'Narrow: width 32', values: { parameterization: 'ntk', width: 32, alpha: 1, centered: false, lr: 2, steps: 300 } },
  { id: 'standard', label: 'Standard, η ∝ 1/width', values: { parameterization: 'standard', width: 1024, alpha: 1, centered: false, lr: 0.005, steps: 300 } },
];

/** Whether the settings are exactly a preset's (so its button can show as pressed). */
export function matchesPreset(s: LazyVsRichSettings, preset: Preset): boolean {
  return (Object.keys(preset.values) as (keyof PresetValues)[]).every((key) => s[key] === preset.values[key]);
}
