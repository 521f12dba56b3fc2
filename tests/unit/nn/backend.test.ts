import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../src/lib/nn';

const WASM_DIR = fileURLToPath(new URL('../../../node_modules/@tensorflow/tfjs-backend-wasm/dist/', import.meta.url));

afterAll(async () => {
  await tf.setBackend('cpu');
});

describe('backend selection in Node', () => {
  it("'cpu' alone works", async () => {
    expect(await selectBackend({ order: ['cpu'] })).toEqual({ backend: 'cpu', attempts: [{ name: 'cpu', ok: true }] });
    expect(tf.getBackend()).toBe('cpu');
  });

  it('webgpu and webgl fail with a reason and the fallback reaches cpu', async () => {
    const { backend, attempts } = await selectBackend({ order: ['webgpu', 'webgl', 'cpu'] });
    expect(backend).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(attempts.map((a) => [a.name, a.ok])).toEqual([
      ['webgpu', false],
      ['webgl', false],
      ['cpu', true],
    ]);
    expect(attempts[0].reason).toMatch(/navigator\.gpu/);
    expect(attempts[1].reason).toMatch(/WebGL/);
  });

  it('the default order reaches wasm when its binaries are found, and it computes correctly', async () => {
    const { backend, attempts } = await selectBackend({ wasmPaths: WASM_DIR });
    expect(attempts.map((a) => a.name)).toEqual(['webgpu', 'webgl', 'wasm']);
    expect(backend).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    const product = tf.tidy(() => tf.matMul(tf.tensor2d([[1, 2]]), tf.tensor2d([[3], [4]])).dataSync()[0]);
    expect(product).toBe(11);
  });

  it('throws listing every reason when nothing works', async () => {
    await expect(selectBackend({ order: ['webgpu', 'webgl'] })).rejects.toThrow(/webgpu: .*navigator\.gpu.*webgl: .*WebGL/);
  });
});
