/** How the prose prints the numbers it takes from content/claims.ts (all through formatNumber). */
import { formatNumber } from '../lib/format';

export { formatNumber };

/** "(1, 0, 1, 0)". */
export function formatVector(v: readonly number[], significant = 3): string {
  return `(${v.map((x) => formatNumber(x, significant)).join(', ')})`;
}

/** x as a percentage to `significant` digits: 0.0541 → "5.41%". */
export function formatPercent(x: number, significant = 2): string {
  return `${formatNumber(100 * x, significant)}%`;
}

const SUPERSCRIPT: Record<string, string> = { '-': '⁻', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };

/** An exact power of ten as "10⁻⁶"; throws for other numbers, which formatNumber prints. */
export function formatPowerOfTen(x: number): string {
  const exponent = Math.round(Math.log10(x));
  if (!(x > 0) || 10 ** exponent !== x) throw new RangeError(`${x} is not a power of ten`);
  return `10${[...String(exponent)].map((c) => SUPERSCRIPT[c]).join('')}`;
}
