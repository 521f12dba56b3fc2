/** How the essay and the widgets print numbers: one set of formatters, so prose, readouts and captions agree. */
import { format } from 'd3';

const bySignificantDigits = new Map<number, (x: number) => string>();

const printInteger = format(',d');

/**
 * x to `significant` digits, thousands grouped, trailing zeros dropped, a true minus sign. Integers
 * are printed exactly: a width of 4096 must not read "4,100".
 */
export function formatNumber(x: number, significant = 3): string {
  if (Number.isSafeInteger(x)) return printInteger(x);
  let print = bySignificantDigits.get(significant);
  if (!print) {
    print = format(`,.${significant}~r`);
    bySignificantDigits.set(significant, print);
  }
  return print(x + 0); // + 0 turns −0 into 0
}

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

/**
 * A measured or predicted value in a widget's readout or caption: three significant digits, in
 * scientific notation ("1.2 × 10⁻⁴") outside 10⁻³ … 10⁵, "–" when there is nothing to show yet.
 * Non-finite values say what they are instead of printing "Infinity".
 */
export function formatReadout(x: number | null | undefined, significant = 3): string {
  if (x === null || x === undefined) return '–';
  if (Number.isNaN(x)) return 'not a number';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  if (x !== 0 && (Math.abs(x) >= 1e5 || Math.abs(x) < 1e-3)) return formatScientific(x, significant);
  // Integers (widths, step counts) are exact, as in formatNumber.
  return formatNumber(Number.isInteger(x) ? x : Number(x.toPrecision(significant)), significant);
}

/** x as "−1.23 × 10⁻⁴", with `significant` digits in the mantissa. */
export function formatScientific(x: number, significant = 3): string {
  const [mantissa, exponent] = x.toExponential(significant - 1).split('e');
  const digits = mantissa.replace(/\.?0+$/, '').replace('-', '−');
  return `${digits} × 10${[...String(Number(exponent))].map((c) => SUPERSCRIPT[c]).join('')}`;
}
