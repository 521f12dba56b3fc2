import { openSite } from './site';
import { parseOptions } from './options';
const options = parseOptions(['--site=build']);
if (options === 'help') throw 0;
const site = openSite(options);
try {
  const { url } = await site.built();
  const browser = await site.browser();
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('console', (m) => console.log('console', m.type(), m.text().slice(0, 200)));
  page.on('pageerror', (e) => console.log('pageerror', e.message));
  const t0 = Date.now();
  page.on('worker', async (worker) => {
    console.log('worker started', Date.now() - t0, worker.url());
    await worker.evaluate(`(() => {
      const t0 = performance.now();
      const inner = self.onmessage;
      const post = self.postMessage.bind(self);
      const pending = new Map();
      self.__log = [];
      self.__pending = pending;
      self.onmessage = (event) => {
        const { id, method, args } = event.data;
        self.__log.push(Math.round(performance.now()) + ' received ' + method);
        pending.set(id, { method, start: performance.now(), detail: method === 'sampleKernels' ? JSON.stringify({ network: args[0].network, widths: args[0].widths, seeds: args[0].seeds.length, x1: args[0].x1.length, x2: args[0].x2 && args[0].x2.length }) : method === 'createRun' ? JSON.stringify({ network: args[0].network, n: args[0].data.xTrain.length, test: args[0].data.xTest && args[0].data.xTest.length, options: args[0].options }) : JSON.stringify(args).slice(0, 100) });
        return inner(event);
      };
      self.postMessage = (message, transfer) => {
        const p = pending.get(message.id);
        if (p) pending.delete(message.id);
        if (p) self.__log.push(Math.round(p.start) + ' +' + Math.round(performance.now() - p.start) + ' ms ' + p.method + ' ' + p.detail);
        return post(message, transfer);
      };
    })()`).catch((e) => console.log('inject failed', e.message));
  });
  await page.goto(`${url}?backend=${process.argv[2] ?? 'wasm'}`);
  const slot = page.locator(`[data-widget="${process.argv[3] ?? 'ntk-drift'}"]`);
  await slot.scrollIntoViewIfNeeded();
  const train = slot.locator('button[aria-label="Train"]');
  await train.waitFor({ timeout: 60000 });
  console.log('train visible', Date.now() - t0);
  await page.waitForFunction((el) => !(el as HTMLButtonElement).disabled, await train.elementHandle(), { timeout: 120000 });
  console.log('train enabled', Date.now() - t0);
  await train.click();
  for (let i = 0; i < Number(process.argv[4] ?? 30); i++) {
    await page.waitForTimeout(1000);
    const text = await slot.locator('[aria-label="Training controls"] output').textContent();
    const notes = await slot.locator('.error, .notice, .issues').allTextContents();
    console.log(i, 'counter', text, notes.join(' | ').slice(0, 60), 'pause?', await slot.locator('button[aria-label="Pause training"]').count());
  }

  for (const worker of page.workers()) {
    console.log((await worker.evaluate('self.__log')).join('\n'));
    console.log('pending:\n' + (await worker.evaluate('[...self.__pending.values()].map((p) => Math.round(performance.now() - p.start) + " ms so far " + p.method + " " + p.detail).join("\\n")')));
  }
} finally {
  await site.close();
}
