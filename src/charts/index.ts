/** Generic d3-backed chart components: data and labels in, accessible SVG figure out. */
export { default as BarChart } from './BarChart.svelte';
export { default as Heatmap } from './Heatmap.svelte';
export { default as LineChart } from './LineChart.svelte';
export { default as ScatterChart } from './ScatterChart.svelte';
export { setChartHeightLimit } from './sizing';
export type { HeatmapScheme } from './heatmap';
export type { Domain, Point, ReferenceLine, ScaleType, ScatterPoint, Series, SeriesKind } from './types';
