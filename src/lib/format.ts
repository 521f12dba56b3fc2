/**
 * The one way numbers are printed for readers: in the prose (src/essay/format.ts builds on it) and
 * in the controls' values. Thousands grouped, trailing zeros dropped, a true minus sign.
 */
import { format } from 'd3';

const bySignificantDigits = new Map<number, (x: number) => string>();

const printInteger = format(',d');

/**
 * x to `significant` digits. Integers are printed exactly: a width of 4096 must not read "4,100".
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

/**
 * Reads back what a reader types, including what formatNumber prints: a true minus sign and
 * thousands grouped with commas ("4,096", "−0.5"). A comma anywhere else ("0,5") is not read as a
 * decimal point: the text is then not a number (NaN), rather than silently a different one.
 */
export function readNumber(text: string): number {
  let t = text.trim().replace(/^[−–]/, '-');
  if (/^[-+]?\d{1,3}(,\d{3})+(\.\d*)?$/.test(t)) t = t.replaceAll(',', '');
  return t === '' ? NaN : Number(t);
}
