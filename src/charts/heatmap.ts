import {
  extent,
  interpolateRdBu,
  interpolateViridis,
  max,
  range,
  rgb,
  scaleSequential,
} from 'd3';
import { isValidDomain, padCollapsed } from './domain';
import type { Domain } from './types';

/** Sequential for magnitudes (viridis); diverging for signed values (RdBu, white at 0). */
export type HeatmapScheme = 'sequential' | 'diverging';

/** The matrix's finite entries. */
function finiteValues(matrix: readonly (readonly number[])[]): number[] {
  return matrix.flat().filter(Number.isFinite);
}

/**
 * Colour domain. Sequential: the caller's domain, else the finite entries' extent.
 * Diverging: always symmetric, [−M, M] with M the larger |end| of the caller's domain or the
 * largest |entry|, so 0 sits on the neutral midpoint colour. Undefined when nothing is finite.
 */
export function heatmapDomain(
  matrix: readonly (readonly number[])[],
  scheme: HeatmapScheme,
  fixed?: Domain,
): Domain | undefined {
  const useFixed = fixed !== undefined && isValidDomain(fixed, 'linear');
  if (scheme === 'sequential') {
    if (useFixed) return fixed;
    const [lo, hi] = extent(finiteValues(matrix));
    return lo === undefined || hi === undefined ? undefined : padCollapsed([lo, hi], 'linear');
  }
  const bound = useFixed
    ? Math.max(Math.abs(fixed[0]), Math.abs(fixed[1]))
    : max(finiteValues(matrix), Math.abs);
  if (bound === undefined) return undefined;
  return bound > 0 ? [-bound, bound] : [-1, 1];
}

/** t ∈ [0, 1] → CSS colour. RdBu is flipped so negative is blue and positive red. */
export function heatmapInterpolator(scheme: HeatmapScheme): (t: number) => string {
  return scheme === 'sequential' ? interpolateViridis : (t) => interpolateRdBu(1 - t);
}

/** Value → CSS colour, clamped to the domain's end colours outside it. */
export function heatmapColor(scheme: HeatmapScheme, domain: Domain) {
  return scaleSequential(heatmapInterpolator(scheme)).domain(domain).clamp(true);
}

const LUT_SIZE = 256;

/**
 * RGBA bytes of the matrix as an image one pixel per cell (row-major, row 0 on top), for canvas
 * ImageData. Colours come from a 256-entry table of the interpolator, which is indistinguishable
 * by eye and keeps a 256×256 matrix to a few ms; non-finite cells are transparent.
 */
export function rasterize(
  matrix: readonly (readonly number[])[],
  columns: number,
  scheme: HeatmapScheme,
  [lo, hi]: Domain,
): Uint8ClampedArray<ArrayBuffer> {
  const interpolate = heatmapInterpolator(scheme);
  const lut = range(LUT_SIZE).map((k) => rgb(interpolate(k / (LUT_SIZE - 1))));
  const perUnit = (LUT_SIZE - 1) / (hi - lo);
  const pixels = new Uint8ClampedArray(matrix.length * columns * 4);
  matrix.forEach((row, i) => {
    for (let j = 0; j < columns; j++) {
      const value = row[j];
      if (!Number.isFinite(value)) continue;
      const k = Math.round((value - lo) * perUnit);
      const c = lut[k < 0 ? 0 : k >= LUT_SIZE ? LUT_SIZE - 1 : k];
      const at = (i * columns + j) * 4;
      pixels[at] = c.r;
      pixels[at + 1] = c.g;
      pixels[at + 2] = c.b;
      pixels[at + 3] = 255;
    }
  });
  return pixels;
}

/** Labels to draw for cells `cellPx` apart: every k-th, k chosen to keep them ≥ `minSpacingPx` apart. */
export function thinnedLabels(
  labels: readonly string[],
  cellPx: number,
  minSpacingPx: number,
): { index: number; label: string }[] {
  const every = Math.max(1, Math.ceil(minSpacingPx / cellPx));
  return labels.flatMap((label, index) => (index % every === 0 ? [{ index, label }] : []));
}

export interface HeatmapLayoutSpec {
  width: number;
  /** Most px the matrix may take vertically. */
  maxPlotHeight: number;
  rows: number;
  columns: number;
  /** Room left of the matrix (row labels) and below it (column labels). */
  left: number;
  bottom: number;
  /** Room right of the matrix: gap, colour bar, its ticks and title. */
  right: number;
}

export interface HeatmapLayout {
  /** Side of a (square) cell in px. */
  cell: number;
  plotWidth: number;
  plotHeight: number;
  /** Total height below the top margin: matrix plus column labels, or the colour bar if taller. */
  height: number;
}

export const MIN_COLORBAR_HEIGHT = 120;

/** Square cells as large as fit both the width and the height limit. */
export function heatmapLayout(spec: HeatmapLayoutSpec): HeatmapLayout {
  const available = Math.max(1, spec.width - spec.left - spec.right);
  const cell = Math.min(available / spec.columns, spec.maxPlotHeight / spec.rows);
  const plotWidth = cell * spec.columns;
  const plotHeight = cell * spec.rows;
  const height = Math.max(plotHeight + spec.bottom, MIN_COLORBAR_HEIGHT);
  return { cell, plotWidth, plotHeight, height };
}

export interface Cell {
  row: number;
  column: number;
}

const CELL_MOVES: Record<string, [number, number]> = {
  ArrowLeft: [0, -1],
  ArrowRight: [0, 1],
  ArrowUp: [-1, 0],
  ArrowDown: [1, 0],
};

/**
 * Where a key moves a heatmap's cursor: arrows one cell (row 0 is on top, so Up goes to the row
 * before), Home/End the first/last cell of the row. The first key lands on the top-left cell.
 * Null when the key is not one of these.
 */
export function cellForKey(key: string, current: Cell | undefined, rows: number, columns: number): Cell | null {
  const move = CELL_MOVES[key];
  if (!move && key !== 'Home' && key !== 'End') return null;
  if (!current) return { row: 0, column: 0 };
  const clampTo = (v: number, n: number) => Math.max(0, Math.min(n - 1, v));
  if (!move) return { row: current.row, column: key === 'Home' ? 0 : columns - 1 };
  return { row: clampTo(current.row + move[0], rows), column: clampTo(current.column + move[1], columns) };
}
