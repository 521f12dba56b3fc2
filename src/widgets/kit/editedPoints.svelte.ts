/**
 * Training points the reader edits (./dataEditor.svelte.ts) as a widget's data. They are kept in a
 * pointList setting, empty while the reader has not edited them; then n points are generated.
 */
import { untrack } from 'svelte';
import type { Matrix } from '../../lib/ntk';
import type { DataPoint } from '../../lib/settings';

/** The angle θ round the unit circle as a pointList's x range. */
export const CIRCLE_ANGLES = { min: 0, max: 6.28 };

/** The input a network sees at angle θ of the unit circle (d = 2). */
export function onCircle(theta: number): number[] {
  return [Math.cos(theta), Math.sin(theta)];
}

export interface PointData {
  /** The training points along the drawn coordinate (x, or θ) with their targets. */
  points: DataPoint[];
  xTrain: Matrix;
  yTrain: number[];
}

/** The training data: the edited points, or while there are none the generated ones, as inputs `toInput(coordinate)`. */
export function pointData(edited: readonly DataPoint[], generate: () => DataPoint[], toInput: (coordinate: number) => number[]): PointData {
  const points = edited.length > 0 ? edited.map((p) => ({ x: p.x, y: p.y })) : generate();
  return { points, xTrain: points.map((p) => toInput(p.x)), yTrain: points.map((p) => p.y) };
}

/**
 * Keeps n and the edited points in agreement: points that arrive (a drag, a link, an attribute,
 * another data set's list) set n to their count; moving n, or what the generated points are drawn
 * from (`source`, e.g. the target), while points are edited drops them for generated ones.
 *
 * `settings` gives the widget's values (a new object when the host passes new settings). Call it
 * while a component initialises, or inside $effect.root.
 */
export function keepCountWithPoints(
  settings: () => { n: number },
  edited: { read: () => readonly DataPoint[]; clear: () => void },
  source: () => unknown = () => null,
): void {
  let seen = { points: '', n: NaN, source: '' };
  $effect.pre(() => {
    const values = settings();
    const points = edited.read();
    const now = { points: JSON.stringify(points), n: values.n, source: JSON.stringify(source()) };
    untrack(() => {
      if (points.length > 0 && now.points !== seen.points) values.n = points.length;
      else if (points.length > 0 && (now.n !== seen.n || now.source !== seen.source)) edited.clear();
      seen = { points: JSON.stringify(edited.read()), n: values.n, source: now.source };
    });
  });
}
