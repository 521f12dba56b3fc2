/** Data types shared by every chart. Charts are generic: nothing here knows what is being plotted. */

import type { Snippet } from 'svelte';

export type ScaleType = 'linear' | 'log';

/** [min, max] of an axis in data units. */
export type Domain = readonly [number, number];

export interface Point {
  x: number;
  y: number;
}

export type SeriesKind = 'line' | 'markers' | 'line+markers';

/**
 * Labels (series, reference lines, axis titles) may raise or lower text with `^{…}` and `_{…}`;
 * `^(…)` counts as `^{…}` ("e^(−2ηλt/n)" renders as a real superscript). See richText.ts.
 */
export interface Series {
  /** Unique among a chart's series; keys the rendering. */
  id: string;
  label: string;
  points: readonly Point[];
  kind: SeriesKind;
  /** Palette entry (--ntk-series-1 … 8, cycled); defaults to the series' position. */
  colorIndex?: number;
  dashed?: boolean;
}

/** A dashed, muted guide labelled at its end, e.g. a slope −1/2 line on log–log axes. */
export interface ReferenceLine {
  points: readonly Point[];
  label: string;
  /**
   * Read this line's value in the hover/focus readout too (off by default: most guides, like a
   * slope, are not data). Use it for a guide that carries a quantity, e.g. the K₀ spectrum over bars.
   */
  readout?: boolean;
}

export interface ScatterPoint extends Point {
  colorIndex?: number;
  /** Marker radius in px. */
  size?: number;
}

export type LegendSwatch = SeriesKind | 'bar';

export interface LegendItem {
  label: string;
  swatch: LegendSwatch;
  colorIndex: number;
  dashed?: boolean;
}

export interface Tick {
  value: number;
  label: string;
}

/** Props every chart takes for its figure: name, caption, screen-reader summary and size. */
export interface FigureProps {
  /** Accessible name (aria-label) of the figure. */
  title: string;
  caption?: string | Snippet;
  /** Visually hidden text for screen readers, e.g. the current numbers. */
  summary?: string;
  /** Fixed height of the plot in px; by default it follows the width. */
  height?: number;
  /** Height ÷ width when no fixed height is given (kept between 180 and 480 px). */
  aspect?: number;
}

/**
 * Points the reader can drag, add and remove (LineChart's `editablePoints`). The chart keeps its own
 * copy while the reader edits and reports every change; pass the points back (e.g. from the
 * callbacks) and the chart follows them. Give the chart fixed xDomain and yDomain so the axes stay
 * put; without them the axes are frozen only for the length of each drag.
 */
export interface EditablePoints {
  points: readonly Point[];
  /** Names the points in the legend and the readout, and starts each handle's accessible name. */
  label: string;
  colorIndex?: number;
  /** Accessible name of point `index`; default `${label} ${index + 1}` (e.g. ['x_a', 'x_b'][index]). */
  pointName?: (index: number) => string;
  /** 'x': the points move along x only (probe handles); 'y': along y only. */
  lockAxis?: 'x' | 'y';
  /** Removing stops at this many points (default 0). */
  minCount?: number;
  /** Adding stops at this many points (default unlimited). */
  maxCount?: number;
  /** On every pointer move of a drag and every arrow-key step: cheap redraws (a kernel solve). */
  onmove?: (points: Point[], index: number) => void;
  /** When a drag ends (pointer released, arrow key released): restart what trains on the points. */
  ondrop?: (points: Point[], index: number) => void;
  /** After a point is added at the end (click on empty plot, Enter on the chart); without it nothing can be added. */
  onadd?: (points: Point[], index: number) => void;
  /** After point `index` is removed (dragged out of the plot, Delete, its × button); without it nothing can be removed. */
  onremove?: (points: Point[], index: number) => void;
}

/** One line of a cursor readout. */
export interface ReadoutRow {
  label: string;
  /** Already formatted. */
  value: string;
  /** CSS colour of the swatch. */
  color: string;
  swatch: LegendSwatch;
  dashed?: boolean;
}

/** What a chart's cursor shows: a title, one row per series, and marks on the plot (plot px). */
export interface Reading {
  title: string;
  rows: readonly ReadoutRow[];
  /** A vertical rule at this x. */
  ruleX?: number;
  /** Rings on the values being read; the readout box avoids covering them. */
  markers: readonly { x: number; y: number; color: string }[];
  /** An outlined region (the hovered bar or cell), also kept clear. */
  highlight?: { x: number; y: number; width: number; height: number };
}
