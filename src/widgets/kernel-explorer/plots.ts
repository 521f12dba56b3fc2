/** The kernel explorer's chart series from the analytic kernels and the samples that have arrived. Pure: no DOM. */
import type { Point, ReferenceLine, Series } from '../../charts';
import { formatNumber } from '../../lib/format';
import { powerLawSegment, powerLawThrough, type PowerLaw } from '../../lib/ntk';
import type { WidthError } from './measures';
import { rbfRow, type AngleKernels, type CircleGrid } from './theory';

const degrees = (angle: number) => (angle * 180) / Math.PI;

function rowPoints(grid: CircleGrid, row: ArrayLike<number>): Point[] {
  return grid.angles.map((a, j) => ({ x: degrees(a), y: row[j] }));
}

/** Θ̂(x₀, ·) of each sampled network at the chosen width, the analytic Θ, the matching Gaussian and (if asked) the NNGP. */
export function profileSeries(
  grid: CircleGrid,
  analytic: AngleKernels,
  lengthscale: number,
  cloud: readonly ArrayLike<number>[],
  width: number,
  nngp: boolean,
): Series[] {
  const series: Series[] = [
    { id: 'sampled', label: `${cloud.length} sampled networks, width ${formatNumber(width)}`, kind: 'markers', colorIndex: 5, points: cloud.flatMap((row) => rowPoints(grid, row)) },
    { id: 'analytic', label: 'analytic Θ, infinite width', kind: 'line', colorIndex: 1, points: rowPoints(grid, analytic.ntk) },
    {
      id: 'rbf',
      label: `Gaussian kernel, ℓ = ${formatNumber(lengthscale)}`,
      kind: 'line',
      dashed: true,
      colorIndex: 2,
      points: rowPoints(grid, rbfRow(grid, lengthscale, analytic.ntk[grid.centre])),
    },
  ];
  if (nngp) series.push({ id: 'nngp', label: 'NNGP K, infinite width', kind: 'line', dashed: true, colorIndex: 3, points: rowPoints(grid, analytic.nngp) });
  return series;
}

/** The mean relative error per width (markers) and its least-squares power law. */
export function errorSeries(errors: readonly WidthError[], seeds: number, fit: PowerLaw | null): Series[] {
  const measured: Series = {
    id: 'measured',
    label: `mean over ${seeds} networks per width`,
    kind: 'markers',
    colorIndex: 0,
    points: errors.map((e) => ({ x: e.width, y: e.error })),
  };
  if (!fit) return [measured];
  const ends: [number, number] = [errors[0].width, errors[errors.length - 1].width];
  return [measured, { id: 'fit', label: `least-squares fit, slope ${formatNumber(fit.slope, 2)}`, kind: 'line', colorIndex: 1, points: powerLawSegment(fit, ends) }];
}

/**
 * The slope −1/2 guide, drawn twice as high as the narrowest width's error so that it runs beside
 * the fitted line instead of hiding under it (both pass near the markers when the law holds).
 */
export function halfSlopeGuide(errors: readonly WidthError[]): ReferenceLine[] {
  if (errors.length < 2) return [];
  const first = errors[0];
  const guide = powerLawThrough({ x: first.width, y: 2 * first.error }, -0.5);
  return [{ label: 'slope −1/2', points: powerLawSegment(guide, [first.width, errors[errors.length - 1].width]) }];
}
