/**
 * Training points the reader edits on a chart (EditablePoints in src/charts/types.ts). Every move
 * writes the points into the widget's settings at once, so the theory drawn from the settings
 * redraws on every pointer move and the URL and the controls follow; what trains on the points waits
 * for the drop (./moveHold.svelte.ts): a LiveRun given `held(request)` restarts the network when a
 * point is let go, added or removed.
 *
 * Create it while a component initialises, or inside $effect.root.
 */
import type { EditablePoints, Point } from '../../charts';
import { settingPoint, type DataPoint, type PointListSetting } from '../../lib/settings';
import { MoveHold } from './moveHold.svelte';

/** Palette entry of the data (black in light mode, near-white in dark), apart from every curve's colour. */
export const DATA_COLOR = 6;

export class DataEditor extends MoveHold {
  constructor(
    /** The setting the points are kept in (its range, decimals and counts). */
    private readonly setting: () => PointListSetting,
    private readonly write: (points: DataPoint[]) => void,
  ) {
    super();
  }

  /** The chart's options for `points`, named `label`: every edit goes to the settings. */
  editable(points: readonly Point[], label: string): EditablePoints {
    const { minLength, maxLength } = this.setting();
    return {
      points,
      label,
      colorIndex: DATA_COLOR,
      minCount: minLength,
      maxCount: maxLength,
      onmove: (moved) => this.drag(moved),
      ondrop: (dropped) => this.commit(dropped),
      onadd: (added) => this.commit(added),
      onremove: (left) => this.commit(left),
    };
  }

  /** A point moved: the settings follow, what trains waits. */
  drag(points: readonly Point[]): void {
    this.move();
    this.store(points);
  }

  /** The points are final (dropped, added, removed): what trains on them may restart. */
  commit(points: readonly Point[]): void {
    this.store(points);
    this.release();
  }

  private store(points: readonly Point[]): void {
    const setting = this.setting();
    this.write(points.map((p) => settingPoint(setting, p)));
  }
}
