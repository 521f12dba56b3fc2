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

/**
 * The box each reference-line tag is drawn in (plot px), from its `<text x y>`: the text starts at
 * x and its baseline is 10 px below the box's top; width at the charts' 6.6 px a character.
 */
export function referenceTags(html: string): { label: string; x: number; y: number; width: number; height: number }[] {
  const pattern = /<g class="reference[^"]*"><path[^>]*><\/path><text x="([^"]+)" y="([^"]+)"[^>]*>(.*?)<\/text>/g;
  return [...html.matchAll(pattern)].map(([, x, y, inner]) => {
    const label = inner.replaceAll(/<[^>]+>/g, '');
    return { label, x: Number(x), y: Number(y) - 10, width: [...label].length * 6.6, height: 13 };
  });
}

export const boxesOverlap = (
  a: { x: number; y: number; width: number; height: number },
  b: { x: number; y: number; width: number; height: number },
) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
