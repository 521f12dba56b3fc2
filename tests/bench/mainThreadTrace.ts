/**
 * Where the page's main thread spends its time, from a Chromium performance trace
 * (devtools.timeline, what the DevTools Performance panel records): self time of every trace
 * event on the renderer main thread, grouped into paint, style/layout, script and GC.
 */
import type { Browser, Page } from 'playwright-core';

export const WORK_KINDS = ['paint', 'layout', 'script', 'gc'] as const;
export type WorkKind = (typeof WORK_KINDS)[number];

export interface MainThreadBreakdown {
  /** Self time per kind, ms. */
  ms: Record<WorkKind, number>;
  /** Area of the largest region repainted, in CSS px², and how often it was painted. */
  largestPaint: { width: number; height: number; count: number } | null;
}

const KIND_OF: Record<string, WorkKind> = {
  Paint: 'paint',
  PrePaint: 'paint',
  Layerize: 'paint',
  Commit: 'paint',
  UpdateLayer: 'paint',
  Layout: 'layout',
  UpdateLayoutTree: 'layout',
  HitTest: 'layout',
  FunctionCall: 'script',
  EvaluateScript: 'script',
  HandlePostMessage: 'script',
  FireAnimationFrame: 'script',
  TimerFire: 'script',
  EventDispatch: 'script',
  RunMicrotasks: 'script',
  MinorGC: 'gc',
  MajorGC: 'gc',
};

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string; data?: { clip?: number[] } };
}

/** Self time (duration minus direct children) of each complete event on one thread. */
function selfTimes(events: TraceEvent[]): Map<TraceEvent, number> {
  const sorted = events.filter((e) => e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const self = new Map<TraceEvent, number>(sorted.map((e) => [e, e.dur!]));
  const stack: TraceEvent[] = [];
  for (const event of sorted) {
    while (stack.length > 0 && stack[stack.length - 1].ts + stack[stack.length - 1].dur! <= event.ts) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) self.set(parent, self.get(parent)! - event.dur!);
    stack.push(event);
  }
  return self;
}

function breakdown(events: TraceEvent[]): MainThreadBreakdown {
  const mainThreads = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const onMain = events.filter((e) => mainThreads.has(`${e.pid}:${e.tid}`));
  const ms = Object.fromEntries(WORK_KINDS.map((k) => [k, 0])) as Record<WorkKind, number>;
  for (const [event, selfUs] of selfTimes(onMain)) {
    const kind = KIND_OF[event.name] ?? (event.name.startsWith('V8.GC') ? 'gc' : undefined);
    if (kind) ms[kind] += selfUs / 1000;
  }
  const paints = new Map<string, number>();
  for (const e of onMain) {
    const clip = e.name === 'Paint' ? e.args?.data?.clip : undefined;
    if (clip && clip.length === 8) {
      const key = `${Math.round(clip[2] - clip[0])}×${Math.round(clip[5] - clip[1])}`;
      paints.set(key, (paints.get(key) ?? 0) + 1);
    }
  }
  const largest = [...paints].map(([key, count]) => {
    const [width, height] = key.split('×').map(Number);
    return { width, height, count };
  }).sort((a, b) => b.width * b.height - a.width * a.height)[0];
  return { ms, largestPaint: largest ?? null };
}

/** Traces the page while `during` runs. */
export async function traceMainThread(browser: Browser, page: Page, during: () => Promise<void>): Promise<MainThreadBreakdown> {
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  const buffer = await during().then(
    () => browser.stopTracing(),
    async (err: unknown) => {
      await browser.stopTracing();
      throw err;
    },
  );
  const parsed = JSON.parse(buffer.toString('utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  return breakdown(Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []));
}
