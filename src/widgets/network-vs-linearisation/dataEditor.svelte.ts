/**
 * Training points the reader edits on a chart (EditablePoints in src/charts/types.ts). Every move
 * writes the points into the widget's settings at once, so the theory drawn from the settings
 * redraws on every pointer move and the URL and the controls follow; what trains on the points waits
 * for the drop: `held(read)` keeps giving what `read` gave when the move began until the point is
 * let go, added or removed, and only then the new value (a LiveRun then restarts the network).
 *
 * Create it while a component initialises, or inside $effect.root.
 */
import type { EditablePoints, Point } from '../../charts';
import { settingPoint, type DataPoint, type PointListSetting } from '../../lib/settings';

/**
 * A move whose end never arrives (focus left the point while an arrow key was held) counts as
 * dropped after this long without a move.
 */
export const MOVE_TIMEOUT_MS = 2000;

/** Palette entry of the data (black in light mode, near-white in dark), apart from every curve's colour. */
const DATA_COLOR = 6;

export class DataEditor {
  /** A point is being dragged, or moved with a held arrow key. */
  moving = $state(false);
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    /** The setting the points are kept in (its range, decimals and counts). */
    private readonly setting: () => PointListSetting,
    private readonly write: (points: DataPoint[]) => void,
  ) {
    $effect(() => () => clearTimeout(this.timer));
  }

  /** `read()` while no point moves; during a move, the value it had when the move began. */
  held<T>(read: () => T): () => T {
    let last: T;
    return () => {
      if (!this.moving) last = read();
      return last;
    };
  }

  /** The chart's options for `points`, named `label` (drawn in the palette's neutral colour): every edit goes to the settings. */
  editable(points: readonly Point[], label: string): EditablePoints {
    const { minLength, maxLength } = this.setting();
    return {
      points,
      label,
      colorIndex: DATA_COLOR,
      minCount: minLength,
      maxCount: maxLength,
      onmove: (moved) => this.move(moved),
      ondrop: (dropped) => this.commit(dropped),
      onadd: (added) => this.commit(added),
      onremove: (left) => this.commit(left),
    };
  }

  move(points: readonly Point[]): void {
    this.moving = true;
    this.store(points);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => (this.moving = false), MOVE_TIMEOUT_MS);
  }

  /** The points are final (dropped, added, removed): what trains on them may restart. */
  commit(points: readonly Point[]): void {
    clearTimeout(this.timer);
    this.store(points);
    this.moving = false;
  }

  private store(points: readonly Point[]): void {
    const setting = this.setting();
    this.write(points.map((p) => settingPoint(setting, p)));
  }
}
