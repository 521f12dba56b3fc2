/**
 * How numbers are printed everywhere (prose, readouts, captions, chart ticks): U+2212 minus,
 * thousands separated by commas, integers below a million exact (a width of 4096 must not read
 * "4,100"), and "3.1×10⁻⁵" instead of "3.1e-5" outside [10⁻³, 10⁶).
 */
import { format } from 'd3';

const SUPERSCRIPT: Record<string, string> = Object.fromEntries([...'-0123456789'].map((c, i) => [c, '⁻⁰¹²³⁴⁵⁶⁷⁸⁹'[i]]));

/** "⁻³" for −3. */
export function superscriptInteger(n: number): string {
  return [...String(n)].map((c) => SUPERSCRIPT[c]).join('');
}

/** "10⁻³" for exponent −3. */
export function powerOfTenLabel(exponent: number): string {
  return '10' + superscriptInteger(exponent);
}

/** Magnitudes printed in positional notation; beyond them, mantissa × power of ten. */
const FIXED_MIN = 1e-3;
const FIXED_MAX = 1e6;

export const positional = (magnitude: number): boolean => magnitude >= FIXED_MIN && magnitude < FIXED_MAX;

/** d3's exponent form ("−3.1e-5", from format('.2~e')) rewritten as "−3.1×10⁻⁵". */
export function withPowerOfTen(text: string): string {
  const [mantissa, exponent] = text.split('e');
  return `${mantissa}×10${superscriptInteger(Number(exponent.replace('−', '-')))}`;
}

export interface FormatOptions {
  /** Significant digits of non-integers (default 3). */
  significant?: number;
  /** |value| ≤ this prints as "0", e.g. round-off of zero on a linear axis. */
  zeroBelow?: number;
}

const printInteger = format(',d');

/** A single value: "0.0312", "1,234", "−2.5", "3.1×10⁻⁵"; "0" for round-off of zero; "—", "∞" for the non-finite. */
export function formatNumber(value: number, options: number | FormatOptions = {}): string {
  const { significant = 3, zeroBelow = 0 } = typeof options === 'number' ? { significant: options } : options;
  if (Number.isNaN(value)) return '—';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  const magnitude = Math.abs(value);
  if (magnitude === 0 || magnitude <= zeroBelow) return '0';
  if (positional(magnitude)) {
    if (Number.isInteger(value)) return printInteger(value);
    // Never round away integer digits: 1234.5 keeps four of them.
    const digits = Math.max(significant, Math.floor(Math.log10(magnitude)) + 1);
    return format(`,.${digits}~r`)(value);
  }
  return withPowerOfTen(format(`.${Math.max(0, significant - 1)}~e`)(value));
}

/** A measured or predicted value in a readout or caption, "–" while there is nothing to show. */
export function formatReadout(x: number | null | undefined, significant = 3): string {
  return x === null || x === undefined ? '–' : formatNumber(x, significant);
}

/** "(1, 0, 1, 0)". */
export function formatVector(v: readonly number[], significant = 3): string {
  return `(${v.map((x) => formatNumber(x, significant)).join(', ')})`;
}

/** x as a percentage to `significant` digits: 0.0541 → "5.41%". */
export function formatPercent(x: number, significant = 2): string {
  return `${formatNumber(100 * x, significant)}%`;
}

/** An exact power of ten as "10⁻⁶"; throws for other numbers, which formatNumber prints. */
export function formatPowerOfTen(x: number): string {
  const exponent = Math.round(Math.log10(x));
  if (!(x > 0) || 10 ** exponent !== x) throw new RangeError(`${x} is not a power of ten`);
  return powerOfTenLabel(exponent);
}

const FROM_SUPERSCRIPT: Record<string, string> = Object.fromEntries(Object.entries(SUPERSCRIPT).map(([plain, sup]) => [sup, plain]));

/**
 * Reads back what a reader types, including everything formatNumber prints: a true minus sign,
 * thousands grouped with commas ("4,096", "−0.5") and "m×10ᵉ". A comma anywhere else ("0,5") is
 * not read as a decimal point: the text is then not a number (NaN), rather than silently a different one.
 */
export function readNumber(text: string): number {
  let t = text.trim().replace(/^[−–]/, '-');
  const power = /^(.*?)\s*[×x]\s*10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)$/.exec(t);
  if (power) {
    const exponent = [...power[2]].map((c) => FROM_SUPERSCRIPT[c]).join('');
    // Through e-notation, so that "1×10⁻⁴" reads as 1e-4 exactly (1 · 10 ** −4 is not).
    return Number(`${readNumber(power[1])}e${exponent}`);
  }
  if (/^[-+]?\d{1,3}(,\d{3})+(\.\d*)?$/.test(t)) t = t.replaceAll(',', '');
  return t === '' ? NaN : Number(t);
}
