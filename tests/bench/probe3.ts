import { openSite } from './site';
import { parseOptions } from './options';
const options = parseOptions(['--site=build']);
if (options === 'help') throw 0;
const site = openSite(options);
const widget = process.argv[3] ?? 'frozen-kernel-dynamics';
try {
  const origin = await site.harnessOrigin();
  const browser = await site.browser();
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (e) => console.log('pageerror', e.message));
  await page.goto(`${origin}/?backend=${process.argv[2] ?? 'wasm'}`, { timeout: 120000 });
  const slot = page.locator(`[data-widget="${widget}"]`);
  await slot.scrollIntoViewIfNeeded();
  const train = slot.locator('button[aria-label="Train"]');
  await train.waitFor({ timeout: 120000 });
  await page.waitForFunction((el) => !(el as HTMLButtonElement).disabled, await train.elementHandle(), { timeout: 120000 });
  await page.waitForTimeout(2000);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  await train.click();
  await page.waitForTimeout(Number(process.argv[4] ?? 8) * 1000);
  const { profile } = await cdp.send('Profiler.stop');
  const self = new Map<string, number>();
  const byId = new Map(profile.nodes.map((n: any) => [n.id, n]));
  const dt = new Map<number, number>();
  profile.samples.forEach((id: number, i: number) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  for (const [id, us] of dt) {
    const n: any = byId.get(id);
    const f = n.callFrame;
    const key = `${f.functionName || '(anon)'} ${f.url.replace(origin, '').split('?')[0]}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + us);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  console.log('total sampled ms', (total / 1000).toFixed(0));
  for (const [k, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log((us / 1000).toFixed(1).padStart(8), k);
  // inclusive time by source file
  const fileTotals = new Map<string, number>();
  for (const [k, us] of self) { const file = k.split(' ')[1].split(':')[0]; fileTotals.set(file, (fileTotals.get(file) ?? 0) + us); }
  console.log('--- self time by file');
  for (const [k, us] of [...fileTotals].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log((us / 1000).toFixed(1).padStart(8), k);
  console.log('counter', await slot.locator('[aria-label="Training controls"] output').textContent());
} finally {
  await site.close();
}
