// Types for ./mathMarkup.js, which stays JavaScript because svelte.config.js loads it in plain Node.
export type MathUse =
  | { kind: 'inline'; start: number; end: number; tex: string }
  | { kind: 'equation'; start: number; end: number; tex: string; label: string }
  | { kind: 'eqref'; start: number; end: number; label: string };
export interface Chapter {
  filename: string;
  source: string;
}
export type EquationNumbers = Map<string, { number: number; filename: string }>;

export class MathMarkupError extends Error {
  constructor(filename: string, source: string, index: number, message: string);
}
export function scanMath(source: string, filename: string): MathUse[];
export function numberEquations(chapters: Chapter[]): EquationNumbers;
export function renderMath(source: string, options: { filename: string; equations: EquationNumbers }): string;
