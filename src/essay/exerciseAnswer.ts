/** Reading and judging a reader's numeric answer to an exercise. */

export type Verdict = 'empty' | 'unreadable' | 'correct' | 'too-low' | 'too-high';

/** "6.9×10^2", "6.9*10^-2", "10^6": a mantissa times a power of ten, as people type it. */
const POWER_OF_TEN = /^(?:([^×*]+)[×*])?10\^\(?([+-]?\d+)\)?$/;
/** "10,000" or "1,234.5": commas that only group thousands. */
const GROUPED_THOUSANDS = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$/;

function plainNumber(text: string): number | null {
  const ungrouped = GROUPED_THOUSANDS.test(text) ? text.replaceAll(',', '') : text;
  // Number('') and Number('0x10') are numbers too; accept only decimal notation.
  if (!/^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i.test(ungrouped)) return null;
  return Number(ungrouped);
}

/** The number in the reader's text, or null if it is not one. */
export function parseAnswer(text: string): number | null {
  const compact = text.replace(/[\s\u2009\u202f]/g, '').replaceAll('\u2212', '-');
  const power = POWER_OF_TEN.exec(compact);
  if (power) {
    const mantissa = power[1] === undefined ? 1 : plainNumber(power[1]);
    return mantissa === null ? null : mantissa * 10 ** Number(power[2]);
  }
  return plainNumber(compact);
}

/** Correct when within relativeTolerance of the answer (absolute, if the answer is 0). */
export function judgeAnswer(text: string, answer: number, relativeTolerance: number): Verdict {
  if (text.trim() === '') return 'empty';
  const value = parseAnswer(text);
  if (value === null || !Number.isFinite(value)) return 'unreadable';
  const tolerance = relativeTolerance * (answer === 0 ? 1 : Math.abs(answer));
  if (Math.abs(value - answer) <= tolerance) return 'correct';
  return value < answer ? 'too-low' : 'too-high';
}
