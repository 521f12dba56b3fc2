import { chromium } from '@playwright/test';
const [url, out, width = '1280', height = '900', scheme = 'light', waitMs = '8000', selector = ''] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-background-networking','--disable-component-update','--no-first-run','--disable-sync','--enable-unsafe-webgpu'] });
const page = await browser.newPage({ viewport: { width: +width, height: +height }, colorScheme: scheme });
const logs = [];
page.on('console', (m) => logs.push(`${m.type()}: ${m.text()}`));
page.on('pageerror', (e) => logs.push(`pageerror: ${e.message}`));
await page.goto(url);
if (selector) { await page.locator(selector).scrollIntoViewIfNeeded(); }
await page.waitForTimeout(+waitMs);
if (process.env.ACTION) { await eval(process.env.ACTION); }
if (selector) await page.locator(selector).screenshot({ path: out }); else await page.screenshot({ path: out });
console.log(logs.join('\n'));
await browser.close();
