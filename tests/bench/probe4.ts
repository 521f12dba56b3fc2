import fs from 'node:fs';
import { openSite } from './site';
import { parseOptions } from './options';
const options = parseOptions(['--site=build']);
if (options === 'help') throw 0;
const site = openSite(options);
const widget = process.argv[3] ?? 'frozen-kernel-dynamics';
try {
  const { url } = await site.built();
  const browser = await site.browser();
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${url}?backend=${process.argv[2] ?? 'wasm'}`, { timeout: 120000 });
  const slot = page.locator(`[data-widget="${widget}"]`);
  await slot.scrollIntoViewIfNeeded();
  const train = slot.locator('button[aria-label="Train"]');
  await train.waitFor({ timeout: 120000 });
  await page.waitForFunction((el) => !(el as HTMLButtonElement).disabled, await train.elementHandle(), { timeout: 120000 });
  if (process.argv[5]) await page.addStyleTag({ content: process.argv[5] });
  await page.waitForTimeout(2000);
  await browser.startTracing(page, { path: '/tmp/trace.json', categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  await train.click();
  await page.waitForTimeout(Number(process.argv[4] ?? 5) * 1000);
  await browser.stopTracing();
  const trace = JSON.parse(fs.readFileSync('/tmp/trace.json', 'utf8'));
  const events = trace.traceEvents ?? trace;
  const threads = new Map<string, string>();
  for (const e of events) if (e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, e.args.name);
  const totals = new Map<string, { ms: number; count: number }>();
  let longest: any[] = [];
  for (const e of events) {
    if (e.ph !== 'X' || !e.dur) continue;
    const thread = threads.get(`${e.pid}:${e.tid}`) ?? '?';
    if (thread !== 'CrRendererMain') continue;
    const key = e.name;
    const t = totals.get(key) ?? { ms: 0, count: 0 };
    t.ms += e.dur / 1000; t.count++;
    totals.set(key, t);
    if (e.name === 'RunTask' && e.dur > 50000) longest.push(e);
  }
  for (const [k, v] of [...totals].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25)) console.log(v.ms.toFixed(0).padStart(7), 'ms', String(v.count).padStart(6), k);
  const paints = events.filter((e: any) => e.name === 'Paint' && e.ph === 'X');
  const by = new Map<string, { n: number; ms: number }>();
  for (const p of paints) { const d = p.args.data; const k = JSON.stringify({ clip: d.clip && d.clip.map(Math.round), layer: d.layerId }); const v = by.get(k) ?? { n: 0, ms: 0 }; v.n++; v.ms += p.dur / 1000; by.set(k, v); }
  for (const [k, v] of [...by].sort((a, b) => b[1].ms - a[1].ms).slice(0, 6)) console.log('paint', v.ms.toFixed(0), 'ms', v.n, k);
  console.log('long RunTasks on main:', longest.length, longest.map((e) => (e.dur / 1000).toFixed(0)).join(' '));
  // children of long tasks
  const inside = new Map<string, number>();
  for (const lt of longest) for (const e of events) {
    if (e.ph !== 'X' || e.pid !== lt.pid || e.tid !== lt.tid || e === lt || !e.dur) continue;
    if (e.ts >= lt.ts && e.ts + e.dur <= lt.ts + lt.dur) inside.set(e.name, (inside.get(e.name) ?? 0) + e.dur / 1000);
  }
  console.log('--- inside long tasks');
  for (const [k, v] of [...inside].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(v.toFixed(0).padStart(7), 'ms', k);
} finally {
  await site.close();
}
