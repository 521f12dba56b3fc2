/**
 * Backend faults: WebGPU missing, WebGPU failing to initialise (alone, and with WebGL and WASM
 * failing too), and WebGPU failing while widgets use it (its device lost, or its reads failing with
 * no loss announced). Each time the page falls back along WebGPU → WebGL → WASM → CPU, says so in
 * the backend badge and in the widgets, and keeps the reader's settings; after a loss every kind of
 * widget (a LinearisedSession, the drift runs, the two one-shot measurements) starts its work again
 * from initialisation on the next backend.
 *
 * The faults are injected from here, never by the site: Chromium launched without WebGPU, the
 * worker's script served with a prologue that breaks an API, or a patch applied inside the training
 * worker (Playwright's worker.evaluate) that destroys the device, which fires its `lost` promise as
 * a driver reset would, or refuses its reads. The networks are tiny (URL settings): WebGPU here is
 * SwiftShader, in software. The address names the order (?backend=webgpu,webgl,wasm,cpu): left to
 * itself the page would measure and train on WASM, which is faster here (backend-choice.spec.ts).
 */
import { expect, test, type Locator, type Page, type Worker } from '@playwright/test';
import { elementName } from '../../../src/embed/names';
import { CHROMIUM_ARGS, SITE } from '../env';
import { recordReadout, restartedFrom } from '../readouts';

/** The first call on a backend compiles its shaders: seconds on SwiftShader, far more on a loaded machine. */
const READY = { timeout: 120_000 };
test.describe.configure({ timeout: 240_000 });

const FROZEN = 'frozen-kernel-dynamics';
const FROZEN_STEPS = 40;
const ORDER = 'backend=webgpu,webgl,wasm,cpu';
const FROZEN_QUERY = `${ORDER}&${FROZEN}.width=16&${FROZEN}.n=8&${FROZEN}.steps=${FROZEN_STEPS}`;

function pageErrors(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  return problems;
}

/** The essay's frozen-kernel widget, scrolled into view, once it can train. */
async function frozenWidget(page: Page): Promise<Locator> {
  const widget = page.locator(`#widget-${FROZEN}`);
  await widget.scrollIntoViewIfNeeded();
  await expect(widget.getByRole('button', { name: 'Train', exact: true })).toBeEnabled(READY);
  return widget;
}

/** Trains the frozen-kernel widget to the URL's step count with the URL's width, without an error. */
async function trainsWithUrlSettings(widget: Locator): Promise<void> {
  await expect(widget.getByRole('textbox', { name: /^Width.*exact value$/ })).toHaveValue('16');
  await widget.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(widget.locator('[data-readout="step"]')).toHaveText(String(FROZEN_STEPS), READY);
  await expect(widget.getByRole('alert')).toHaveCount(0);
}

/** What the site badge lists, once opened, as the backends it passed over, with their reasons. */
async function badgeFallbacks(page: Page): Promise<string[]> {
  const badge = page.locator('.site-header details');
  await badge.locator('summary').click();
  await expect(badge.locator('li').first()).toBeVisible();
  const items = await badge.locator('li').allTextContents();
  await badge.locator('summary').click();
  return items;
}

test('without a WebGPU adapter the essay trains on WebGL, says why, and keeps the URL settings', async ({ playwright }) => {
  // Headless Chromium exposes no WebGPU adapter without this flag, as on a machine without a usable GPU.
  const args = CHROMIUM_ARGS.filter((a) => a !== '--enable-unsafe-webgpu');
  const browser = await playwright.chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args });
  try {
    const page = await browser.newPage();
    const errors = pageErrors(page);
    const url = `${SITE}/?${FROZEN_QUERY}`;
    await page.goto(url);
    await expect(page.locator('.site-header details')).toHaveAttribute('data-backend', 'webgl', READY);
    expect(await badgeFallbacks(page)).toEqual(['WebGPU: navigator.gpu.requestAdapter() found no adapter']);
    const widget = await frozenWidget(page);
    await expect(widget.locator('.backend')).toHaveText('WebGL (software)');
    await trainsWithUrlSettings(widget);
    expect(page.url()).toBe(url);
    expect(errors).toEqual([]);
  } finally {
    await browser.close();
  }
});

/** Serves the training worker's script with `prologue` run first, inside the worker. */
async function breakInWorker(page: Page, prologue: string): Promise<void> {
  await page.route(/\/assets\/worker-[^/]*\.js$/, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: `${prologue}\n${await response.text()}` });
  });
}

const REFUSE_DEVICE = "GPUAdapter.prototype.requestDevice = () => Promise.reject(new Error('requestDevice refused by the test'));";

test('when the WebGPU device cannot be created, the essay trains on WebGL, says why, and keeps the URL settings', async ({ page }) => {
  const errors = pageErrors(page);
  await breakInWorker(page, REFUSE_DEVICE);
  const url = `${SITE}/?${FROZEN_QUERY}`;
  await page.goto(url);
  await expect(page.locator('.site-header details')).toHaveAttribute('data-backend', 'webgl', READY);
  expect(await badgeFallbacks(page)).toEqual([expect.stringMatching(/^WebGPU: tf\.setBackend\('webgpu'\) failed to initialise/)]);
  const widget = await frozenWidget(page);
  await expect(widget.locator('.backend')).toHaveText('WebGL (software)');
  await trainsWithUrlSettings(widget);
  expect(page.url()).toBe(url);
  expect(errors).toEqual([]);
});

test('when WebGPU, WebGL and WASM all fail to start, the essay trains on the CPU and lists each reason', async ({ page }) => {
  const errors = pageErrors(page);
  await breakInWorker(page, [
    REFUSE_DEVICE,
    'OffscreenCanvas.prototype.getContext = () => null;',
    "WebAssembly.instantiate = WebAssembly.instantiateStreaming = () => Promise.reject(new Error('WebAssembly refused by the test'));",
  ].join('\n'));
  const url = `${SITE}/?${FROZEN_QUERY}`;
  await page.goto(url);
  await expect(page.locator('.site-header details')).toHaveAttribute('data-backend', 'cpu', READY);
  expect(await badgeFallbacks(page)).toEqual([/^WebGPU: /, /^WebGL: /, /^WASM: /].map((r) => expect.stringMatching(r)));
  const widget = await frozenWidget(page);
  await expect(widget.locator('.backend')).toHaveText('CPU');
  await trainsWithUrlSettings(widget);
  expect(page.url()).toBe(url);
  expect(errors).toEqual([]);
});

/**
 * Switches in the page's training worker (call before page.goto): `loseDevice` destroys its WebGPU
 * device at the next command encoder the worker creates, i.e. inside whichever call it runs next, and
 * the device announces the loss; `failReads` makes every read from the GPU fail from then on, with
 * no loss announced.
 */
function workerFaults(page: Page): { loseDevice: () => Promise<void>; failReads: () => Promise<void> } {
  type Switches = { loseDevice?: boolean; failReads?: boolean };
  const patched = page.waitForEvent('worker').then(async (worker: Worker) => {
    await worker.evaluate(() => {
      const scope = globalThis as unknown as Switches;
      const create = GPUDevice.prototype.createCommandEncoder;
      GPUDevice.prototype.createCommandEncoder = function (this: GPUDevice, descriptor?: GPUCommandEncoderDescriptor) {
        if (scope.loseDevice) {
          scope.loseDevice = false;
          this.destroy();
        }
        return create.call(this, descriptor);
      };
      const map = GPUBuffer.prototype.mapAsync;
      GPUBuffer.prototype.mapAsync = function (this: GPUBuffer, ...args: Parameters<GPUBuffer['mapAsync']>) {
        return scope.failReads ? Promise.reject(new Error('GPU read refused by the test')) : map.apply(this, args);
      };
    });
    return worker;
  });
  const arm = (name: keyof Switches) => async () => {
    await (await patched).evaluate((name) => {
      (globalThis as unknown as Switches)[name] = true;
    }, name);
  };
  return { loseDevice: arm('loseDevice'), failReads: arm('failReads') };
}

const notice = (why: string) => new RegExp(`^WebGPU stopped: ${why}\\. Started again from initialisation on WebGL \\(software\\), with the same settings\\.$`);
const NOTICE = notice('its device was lost \\(.+\\)');

test('when the WebGPU device is lost mid-run, training widgets start again on WebGL with the same settings', async ({ page }) => {
  const errors = pageErrors(page);
  const { loseDevice } = workerFaults(page);
  const url = `${SITE}/?${ORDER}&${FROZEN}.width=16&${FROZEN}.n=8&${FROZEN}.steps=5000&ntk-drift.widths=16&ntk-drift.steps=2000`;
  await page.goto(url);
  const badge = page.locator('.site-header details');
  await expect(badge).toHaveAttribute('data-backend', 'webgpu', READY);

  // The drift widget trains a little and is paused: its runs sit idle in the worker when the device goes.
  const drift = page.locator('#widget-ntk-drift');
  await drift.scrollIntoViewIfNeeded();
  const driftStep = drift.locator('[data-readout="step"]');
  await drift.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(driftStep).not.toHaveText('0', READY);
  await drift.getByRole('button', { name: 'Pause training' }).click();
  const driftSteps = await recordReadout(driftStep);
  const driftBefore = Number(await driftStep.textContent());

  // The frozen-kernel widget loses the device inside one of its chunks of steps.
  const frozen = page.locator(`#widget-${FROZEN}`);
  await frozen.scrollIntoViewIfNeeded();
  const frozenStep = frozen.locator('[data-readout="step"]');
  const frozenSteps = await recordReadout(frozenStep);
  await frozen.getByRole('button', { name: 'Train', exact: true }).click();
  await expect.poll(async () => Number(await frozenStep.textContent()), READY).toBeGreaterThanOrEqual(50);
  await loseDevice();
  await expect(frozen.locator('.backend-notice')).toHaveText(NOTICE, READY);
  await expect(badge).toHaveAttribute('data-backend', 'webgl');
  await expect(frozen.locator('.backend')).toHaveText('WebGL (software)');
  // From initialisation, and training on by itself: the step count fell to 0 and is climbing again.
  await expect.poll(async () => restartedFrom(await frozenSteps(), 50), READY).toBe(true);
  await expect(frozen.getByRole('alert')).toHaveCount(0);
  expect(await badgeFallbacks(page)).toEqual([expect.stringMatching(/^WebGPU: its device was lost/)]);

  // The paused drift widget learns of the loss when it trains again, and starts again too.
  await drift.scrollIntoViewIfNeeded();
  await drift.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(drift.locator('.backend-notice')).toHaveText(NOTICE, READY);
  await expect.poll(async () => restartedFrom(await driftSteps(), driftBefore), READY).toBe(true);
  await expect(drift.getByRole('alert')).toHaveCount(0);

  expect(page.url()).toBe(url);
  expect(errors).toEqual([]);
});

test('when WebGPU fails during a one-shot measurement, the widget measures again on WebGL', async ({ page }) => {
  const errors = pageErrors(page);

  // The kernel explorer loses the device while it samples its networks, one worker call each.
  const explorerFaults = workerFaults(page);
  const explorerUrl = `${SITE}/embed.html?w=${elementName('kernel-explorer')}&${ORDER}&width=128&seeds=8`;
  await page.goto(explorerUrl);
  const explorer = page.locator('section.widget');
  await expect(explorer.locator('.backend')).toHaveText('WebGPU (software)', READY);
  await explorerFaults.loseDevice();
  await expect(explorer.locator('.backend-notice')).toHaveText(NOTICE, READY);
  await expect(explorer.locator('.backend')).toHaveText('WebGL (software)');
  await expect(explorer.getByText(/^Sampled 8 networks at each of \d+ widths/)).toBeVisible(READY);
  await expect(explorer.locator('[data-readout="slope"]')).toHaveText(/\d/);
  await expect(explorer.getByRole('alert')).toHaveCount(0);
  expect(page.url()).toBe(explorerUrl);

  // Tangent features: GPU reads fail, without a loss announced, in the measurement a button asks for.
  const featureFaults = workerFaults(page);
  await page.goto(`${SITE}/embed.html?w=${elementName('tangent-features')}&${ORDER}&width=64`);
  const features = page.locator('section.widget');
  await expect(features.getByText('Measured', { exact: true })).toBeVisible(READY);
  await expect(features.locator('.backend')).toHaveText('WebGPU (software)');
  const xb = await features.locator('[data-readout="xb"]').textContent();
  await featureFaults.failReads();
  await features.getByRole('button', { name: 'Find two inputs with the same output' }).click();
  await expect(features.locator('.backend-notice')).toHaveText(notice('GPU read refused by the test'), READY);
  await expect(features.locator('.backend')).toHaveText('WebGL (software)');
  // Measured again on WebGL at the pair found: the measured x_b readout moves there.
  await expect(features.locator('[data-status]')).toHaveText(/^f\(x_a\) and f\(x_b\) agree/, READY);
  await expect(features.locator('[data-readout="xb"]')).not.toHaveText(xb!, READY);
  await expect(features.locator('[data-readout="width"]')).toHaveText('64');
  await expect(features.getByRole('alert')).toHaveCount(0);
  expect(errors).toEqual([]);
});
