// Its own file (so its own worker): a failed WASM initialisation cannot be retried in one process.
import * as tf from '@tensorflow/tfjs';
import { expect, it } from 'vitest';
import { selectBackend } from '../../../src/lib/nn';

it('wasm with missing binaries fails with a reason and falls back to cpu', async () => {
  const { backend, attempts } = await selectBackend({ candidates: ['wasm', 'cpu'], wasmPaths: '/nonexistent/' });
  expect(backend).toBe('cpu');
  expect(tf.getBackend()).toBe('cpu');
  expect(attempts[0]).toMatchObject({ name: 'wasm', ok: false });
  expect(attempts[0].reason).toMatch(/wasm/);
});
