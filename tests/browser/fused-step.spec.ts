import { expect, test } from '@playwright/test';
import { HARNESS } from './env';

/**
 * The fused GD step equals the plain unfused step, to float32 tolerance, on every backend readers
 * may get (tests/browser/harness/fused-step.ts): WebGPU and WebGL fuse the weight update into the
 * matmul through a full-shape bias, WASM adds it separately, the CPU does either.
 */
for (const backend of ['webgpu', 'webgl', 'wasm', 'cpu'] as const) {
  test(`fused GD step on ${backend}`, async ({ page }) => {
    await page.goto(`${HARNESS}/tests/browser/harness/fused-step.html?backend=${backend}`);
    const handle = await page.waitForFunction(() => window.__fusedStep, undefined, { timeout: 170_000, polling: 500 });
    const result = (await handle.jsonValue())!;
    expect(result.error).toBeUndefined();
    expect(result.backend).toBe(backend);
    expect(result.cases).toHaveLength(4);
    for (const c of result.cases) for (const r of c.relative) expect(r, `${c.name}: ${c.relative.map((v) => v.toExponential(1)).join(", ")}`).toBeLessThan(1e-3);
  });
}
