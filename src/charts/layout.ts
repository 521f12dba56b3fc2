import { max } from 'd3';
import { continuousScale, type ContinuousScale } from './domain';
import { axisTicks, integerTicks, labelWidth, tickCount } from './ticks';
import type { Domain, ScaleType, Tick } from './types';

/** Width used before the container has been measured (server rendering, first client frame). */
export const DEFAULT_WIDTH = 640;
/** Below this the axes no longer fit; narrower containers get a horizontally scrolling chart. */
export const MIN_WIDTH = 240;

/** Chart width for a measured container width (0 when unmeasured or hidden). */
export function chartWidth(measured: number): number {
  return measured > 0 ? Math.max(measured, MIN_WIDTH) : DEFAULT_WIDTH;
}

/** A fixed height when given, else `aspect` × width kept between 180 and 480 px; at most `limit` (./sizing.ts). */
export function chartHeight(width: number, height?: number, aspect = 0.62, limit: number | null = null): number {
  const own = height ?? Math.round(Math.min(480, Math.max(180, width * aspect)));
  return limit === null ? own : Math.min(own, limit);
}

export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** Room taken by an axis title (text line plus gap). */
export const AXIS_TITLE_PX = 18;
/** Least room right of the plot, for half of the last x tick label. */
const MIN_RIGHT = 20;
/** Room taken by tick marks and tick labels below an x axis. */
const X_TICKS_PX = 24;
/** Tick spacing targets, px: x labels are wider than they are tall. */
const X_TICK_SPACING = 80;
const Y_TICK_SPACING = 44;

export interface FrameSpec {
  width: number;
  height: number;
  xType: ScaleType;
  yType: ScaleType;
  xDomain: Domain;
  yDomain: Domain;
  hasXLabel: boolean;
  hasYLabel: boolean;
  /** Tick the x axis at whole numbers only (an index axis). */
  integerX?: boolean;
}

export interface CartesianFrame {
  width: number;
  height: number;
  margin: Margins;
  innerWidth: number;
  innerHeight: number;
  x: ContinuousScale;
  y: ContinuousScale;
  xTicks: Tick[];
  yTicks: Tick[];
}

/**
 * Scales, ticks and margins of an x–y plot. The y ticks come first because their label width sets
 * the left margin, which sets the x range; the right margin then grows if the last x label, centred
 * on its tick, would stick out of the chart.
 */
export function cartesianFrame(spec: FrameSpec): CartesianFrame {
  const { width, height } = spec;
  const top = 10;
  const bottom = X_TICKS_PX + (spec.hasXLabel ? AXIS_TITLE_PX : 0);
  const innerHeight = Math.max(1, height - top - bottom);
  const y = continuousScale(spec.yType, spec.yDomain, [innerHeight, 0]);
  const yTicks = axisTicks(y, spec.yType, tickCount(innerHeight, Y_TICK_SPACING));
  const widestY = max(yTicks, (t) => labelWidth(t.label)) ?? 0;
  const left = Math.ceil(10 + widestY + (spec.hasYLabel ? AXIS_TITLE_PX : 0));

  const xAxis = (right: number) => {
    const innerWidth = Math.max(1, width - left - right);
    const x = continuousScale(spec.xType, spec.xDomain, [0, innerWidth]);
    const count = tickCount(innerWidth, X_TICK_SPACING);
    const xTicks = spec.integerX ? integerTicks(x, count) : axisTicks(x, spec.xType, count);
    return { right, innerWidth, x, xTicks };
  };
  let horizontal = xAxis(MIN_RIGHT);
  const last = horizontal.xTicks.at(-1);
  if (last) {
    const overhang = labelWidth(last.label) / 2 - (horizontal.innerWidth - horizontal.x(last.value)) + 2;
    if (overhang > MIN_RIGHT) horizontal = xAxis(Math.ceil(overhang));
  }
  const { right, innerWidth, x, xTicks } = horizontal;
  return {
    width,
    height,
    margin: { top, right, bottom, left },
    innerWidth,
    innerHeight,
    x,
    y,
    xTicks,
    yTicks,
  };
}
