import type { Component } from 'svelte';
import { render } from 'svelte/server';

/**
 * Server-rendered HTML of a chart, without Svelte's hydration comments (which would otherwise sit
 * inside text such as `<text>…</text>`). (Record<string, any> is Svelte's own bound on props.)
 */
export function renderChart<P extends Record<string, any>>(component: Component<P>, props: NoInfer<P>): string {
  return render(component, { props }).body.replaceAll(/<!--.*?-->/gs, '');
}

/** Number of `<tag …class="…name…">` elements. */
export function countElements(html: string, tag: string, className: string): number {
  const pattern = new RegExp(`<${tag}\\b[^>]*\\bclass="[^"]*\\b${className}\\b`, 'g');
  return html.match(pattern)?.length ?? 0;
}

/** Every numeric attribute value must be finite; any NaN or Infinity in the markup is a defect. */
export function nonFiniteTokens(html: string): string[] {
  return html.match(/NaN|Infinity/g) ?? [];
}

export interface RenderedAxis {
  horizontal: boolean;
  ticks: { at: number; label: string }[];
}

/**
 * The axes in document order, read back from the markup: each tick's offset along its axis and
 * its label. An axis is horizontal when its domain line runs along x.
 */
export function renderedAxes(html: string): RenderedAxis[] {
  return html
    .split('<g class="axis')
    .slice(1)
    .map((segment) => {
      const [ticksPart, rest] = segment.split('<line class="domain');
      const horizontal = /^[^>]*\by2="0"/.test(rest);
      const tickPattern = /<g class="tick" transform="translate\(([^,]+),([^)]+)\)">.*?<text[^>]*>([^<]*)<\/text>/g;
      const ticks = [...ticksPart.matchAll(tickPattern)].map(([, tx, ty, label]) => ({
        at: Number(horizontal ? tx : ty),
        label,
      }));
      return { horizontal, ticks };
    });
}

/** Centres of the `<circle class="marker">` elements, in document order. */
export function markerCentres(html: string): { cx: number; cy: number }[] {
  const pattern = /<circle class="marker[^"]*" cx="([^"]+)" cy="([^"]+)"/g;
  return [...html.matchAll(pattern)].map(([, cx, cy]) => ({ cx: Number(cx), cy: Number(cy) }));
}
