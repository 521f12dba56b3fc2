/** Row-major flat data (as the worker returns it) as rows. */
export function toRows(flat: ArrayLike<number>, cols: number): number[][] {
  const rows: number[][] = [];
  for (let i = 0; i + cols <= flat.length; i += cols) rows.push(Array.from({ length: cols }, (_, j) => flat[i + j]));
  return rows;
}
