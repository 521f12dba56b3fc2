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
