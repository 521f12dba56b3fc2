/** Generic d3-backed chart components: data and labels in, accessible SVG figure out. */
export { default as BarChart } from './BarChart.svelte';
export { default as Heatmap } from './Heatmap.svelte';
export { default as LineChart } from './LineChart.svelte';
export { default as PathChart } from './PathChart.svelte';
export { default as RichText } from './RichText.svelte';
export { default as ScatterChart } from './ScatterChart.svelte';
export { axisValueFormat } from './format';
export { setChartHeightLimit } from './sizing';
export type { HeatmapScheme } from './heatmap';
export type { PathLink, PathPoint, PathSeries } from './paths';
export { plainText } from './richText';
export type {
  Domain,
  EditablePoints,
  Point,
  ReferenceLine,
  ScaleType,
  ScatterPoint,
  Series,
  SeriesKind,
} from './types';
