/** Prints a figure as a Markdown table, so the output can go straight into the README. */

export interface Column<Row> {
  label: string;
  value: (row: Row) => string;
  /** Numbers read best right-aligned. */
  align?: 'left' | 'right';
}

export function printTable<Row>(title: string, columns: Column<Row>[], rows: Row[], notes: string[] = []): void {
  const cells = rows.map((row) => columns.map((c) => c.value(row)));
  const widths = columns.map((c, i) => Math.max(c.label.length, ...cells.map((r) => r[i].length)));
  const line = (values: string[]) =>
    `| ${values.map((v, i) => (columns[i].align === 'left' ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join(' | ')} |`;
  const rule = `| ${widths.map((w, i) => (columns[i].align === 'left' ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`;
  console.log(`\n### ${title}\n`);
  console.log([line(columns.map((c) => c.label)), rule, ...cells.map(line)].join('\n'));
  if (notes.length > 0) console.log(`\n${notes.map((n) => `- ${n}`).join('\n')}`);
}

/** Fixed-precision number, or the reason it is missing. */
export function fmt(value: number | string | undefined, digits = 1): string {
  if (value === undefined) return '–';
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return '–';
  return value.toFixed(digits);
}

/** 2_100_000 → "2.1M". */
export function compact(value: number): string {
  if (value >= 1e6) return `${(value / 1e6).toFixed(1)}M`;
  if (value >= 1e3) return `${(value / 1e3).toFixed(1)}k`;
  return String(value);
}
