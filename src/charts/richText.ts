/**
 * A tiny markup for chart labels (legends, axis titles, guide tags, readouts): `^{…}` raises and
 * `_{…}` lowers the braced text, so "L(0)e^{−2ηλ_{min} t/n}" is drawn with a real superscript.
 * `^(…)` is read like `^{…}` (the parentheses only grouped the exponent in plain text), so existing
 * caret labels such as "e^(−2ηλ t/n)" render properly unchanged. Anything else, including a bare
 * "λ_min", is literal text. Groups nest: "e^{x_{a}}".
 */

export type Shift = 'super' | 'sub';

export interface RichSegment {
  text: string;
  /** Raised or lowered, outermost first; empty on the baseline. */
  shifts: readonly Shift[];
}

const OPENERS: Record<string, string> = { '{': '}', '(': ')' };

/** Index of the bracket closing the one at `open`, or −1 when it is never closed. */
function closing(label: string, open: number): number {
  const opener = label[open];
  const closer = OPENERS[opener];
  let depth = 0;
  for (let i = open; i < label.length; i++) {
    if (label[i] === opener) depth++;
    else if (label[i] === closer && --depth === 0) return i;
  }
  return -1;
}

/** Calls `text` for each literal run and `group` for each raised or lowered group, in order. */
function walk(label: string, text: (run: string) => void, group: (shift: Shift, inner: string) => void): void {
  let plain = '';
  const flush = () => {
    if (plain) text(plain);
    plain = '';
  };
  for (let i = 0; i < label.length; i++) {
    const c = label[i];
    const next = label[i + 1];
    const shift: Shift | undefined = c === '^' ? 'super' : c === '_' ? 'sub' : undefined;
    // `_(` stays literal ("f_(x)" is ambiguous); only `^(` and braces group.
    const groups = next === '{' || (shift === 'super' && next === '(');
    const end = shift && groups ? closing(label, i + 1) : -1;
    if (shift && end > 0) {
      flush();
      group(shift, label.slice(i + 2, end));
      i = end;
    } else {
      plain += c;
    }
  }
  flush();
}

/** The label split into runs of text at one baseline each; empty runs are dropped. */
export function parseRichText(label: string, shifts: readonly Shift[] = []): RichSegment[] {
  const segments: RichSegment[] = [];
  walk(
    label,
    (text) => segments.push({ text, shifts }),
    (shift, inner) => segments.push(...parseRichText(inner, [...shifts, shift])),
  );
  return segments;
}

/** Whether the label uses the markup at all (plain labels render as one text node). */
export function isRich(label: string): boolean {
  return parseRichText(label).some((s) => s.shifts.length > 0);
}

/** The label as plain text for screen readers: "e^(−2ηλ t/n)", "λ_(min)". */
export function plainText(label: string): string {
  let out = '';
  walk(
    label,
    (text) => (out += text),
    (shift, inner) => (out += `${shift === 'super' ? '^' : '_'}(${plainText(inner)})`),
  );
  return out;
}

/** Font size of a raised or lowered run relative to its parent run. */
export const SHIFT_SCALE = 0.75;
/** How far a superscript's baseline rises and a subscript's drops, in the parent run's em. */
const RISE = 0.4;
const DROP = 0.25;

export interface Run {
  text: string;
  /** Font size relative to the label's own. */
  scale: number;
  /** Baseline offset (positive is down) relative to the label's baseline, in the label's em. */
  baseline: number;
}

/** The label's runs with the size and baseline each is drawn at. */
export function richRuns(label: string): Run[] {
  return parseRichText(label).map(({ text, shifts }) => {
    let scale = 1;
    let baseline = 0;
    for (const shift of shifts) {
      baseline += (shift === 'super' ? -RISE : DROP) * scale;
      scale *= SHIFT_SCALE;
    }
    return { text, scale, baseline };
  });
}

/** Rendered width in characters of the label's own size (shifted runs are smaller), for size estimates. */
export function richTextLength(label: string): number {
  return richRuns(label).reduce((sum, r) => sum + [...r.text].length * r.scale, 0);
}
