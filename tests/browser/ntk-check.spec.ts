import { expect, test } from '@playwright/test';
import { HARNESS } from './env';

/**
 * The structured empirical NTK runs on every backend readers may get: WebGPU (SwiftShader adapter
 * headless), WebGL2, WASM and CPU. Each must equal per-sample autodiff JJᵀ and converge to the
 * analytic kernel as width grows.
 */
for (const backend of ['webgpu', 'webgl', 'wasm', 'cpu'] as const) {
  test(`empirical NTK on ${backend}`, async ({ page }) => {
    await page.goto(`${HARNESS}/tests/browser/harness/ntk-check.html?backend=${backend}`);
    const handle = await page.waitForFunction(() => window.__ntkCheck, undefined, { timeout: 170_000, polling: 500 });
    const result = (await handle.jsonValue())!;
    expect(result.error).toBeUndefined();
    expect(result.backend).toBe(backend);
    expect(result.cases.length).toBeGreaterThanOrEqual(18);
    for (const c of result.cases) expect(c.relError, c.name).toBeLessThan(1e-4);
    const errors = result.convergence.map((c) => c.relError);
    // 16× the width should shrink the error roughly 4× (1/√width); demand at least 2×, monotone.
    expect(errors[1]).toBeLessThan(errors[0]);
    expect(errors[2]).toBeLessThan(errors[1]);
    expect(errors[2]).toBeLessThan(errors[0] / 2);
  });
}
