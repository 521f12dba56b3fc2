/**
 * The page's backend state (src/engine/backendStatus.svelte.ts) and the address's ?backend=
 * (src/engine/backendChoice.ts), against a scripted engine: what the badge says, how the menu's
 * choice reaches the worker and the address, and the notice a widget shows after a switch.
 */
import { describe, expect, it, vi } from 'vitest';
import { BACKEND_SWITCHED } from '../../../src/engine/api';
import { requestedBackends, searchWithBackend } from '../../../src/engine/backendChoice';
import { BackendStatus, formatSpeed, type AddressBar } from '../../../src/engine/backendStatus.svelte';
import type { BackendName, BackendSelection } from '../../../src/lib/nn';

const MEASURED: BackendSelection = {
  backend: 'wasm',
  chosenBy: 'fastest',
  probe: 'test probe',
  attempts: [
    { name: 'webgpu', ok: true, software: true, stepsPerSecond: 90.4 },
    { name: 'webgl', ok: false, reason: 'no context' },
    { name: 'wasm', ok: true, software: false, stepsPerSecond: 2903 },
    { name: 'cpu', ok: true, software: false, stepsPerSecond: 412.2 },
  ],
};

/** An engine whose init answers the measured selection, or the backend last preferred (a bare init keeps it). */
function scriptedEngine() {
  let request: BackendName[] = [];
  return {
    init: vi.fn(async (prefer?: BackendName[]): Promise<BackendSelection> => {
      request = prefer ?? request;
      return request.length > 0 ? { ...MEASURED, backend: request[0], chosenBy: 'preferred' } : MEASURED;
    }),
  };
}

function addressBar(search: string): AddressBar & { current: () => string } {
  let now = search;
  return { search: () => now, replaceSearch: (s) => (now = s), current: () => now };
}

describe('?backend= in the address', () => {
  it('names backends in order, ignoring case, repeats and unknown names; none means the fastest', () => {
    expect(requestedBackends('?backend=WebGL,cpu,webgl,metal')).toEqual(['webgl', 'cpu']);
    expect(requestedBackends('?x=1')).toEqual([]);
  });

  it('is set or removed without touching the widgets’ settings', () => {
    expect(searchWithBackend('?ntk-drift.seed=3&backend=cpu', 'webgl')).toBe('?ntk-drift.seed=3&backend=webgl');
    expect(searchWithBackend('?ntk-drift.seed=3&backend=cpu', 'auto')).toBe('?ntk-drift.seed=3');
    expect(searchWithBackend('?backend=cpu', 'auto')).toBe('');
  });
});

describe('BackendStatus', () => {
  it('reports what was measured, fastest first, and why the backend in use was chosen', async () => {
    const engine = scriptedEngine();
    const status = new BackendStatus(() => engine, addressBar(''));
    await status.start();
    expect(status.label).toBe('WASM');
    expect(status.speeds).toBe('WASM: 2,903 steps/s; CPU: 412 steps/s; WebGPU (software): 90 steps/s');
    expect(status.fallbacks).toEqual(['WebGL: no context']);
    expect(status.reason).toBe('The fastest of the backends measured here.');
    expect(formatSpeed(4.24)).toBe('4.2 steps/s');
  });

  it('starts with the address’s choice, and the menu’s choice switches and is written into the address', async () => {
    const engine = scriptedEngine();
    const address = addressBar('?frozen-kernel-dynamics.width=16&backend=cpu');
    const status = new BackendStatus(() => engine, address);
    await status.start();
    expect(engine.init).toHaveBeenLastCalledWith(['cpu']);
    expect([status.choice, status.reason]).toEqual(['cpu', 'Chosen in the address (?backend=).']);

    await status.choose('webgpu');
    expect(engine.init).toHaveBeenLastCalledWith(['webgpu']);
    expect(address.current()).toBe('?frozen-kernel-dynamics.width=16&backend=webgpu');
    expect([status.label, status.reason, status.changes]).toEqual(['WebGPU (software)', 'Chosen in this menu.', 1]);

    await status.choose('auto');
    expect(engine.init).toHaveBeenLastCalledWith([]);
    expect(address.current()).toBe('?frozen-kernel-dynamics.width=16');
    expect(status.label).toBe('WASM');
  });

  it('a page that embeds widgets chooses without touching its own address, before the worker starts', async () => {
    const engine = scriptedEngine();
    const address = addressBar('?lesson=3');
    const status = new BackendStatus(() => engine, address);
    await status.choose('cpu', { source: 'page' });
    await status.start();
    expect(engine.init).toHaveBeenCalledTimes(1);
    expect(address.current()).toBe('?lesson=3');
    expect([status.label, status.reason]).toEqual(['CPU', 'Chosen by this page.']);
  });

  it('after a switch, a widget’s failed call gets a notice and starts again; other errors are not its business', async () => {
    const engine = scriptedEngine();
    const status = new BackendStatus(() => engine, addressBar(''));
    await status.choose('cpu');
    const switched = Object.assign(new Error('the page switched'), { name: BACKEND_SWITCHED });
    expect(await status.recover(switched)).toBe('Switched to CPU, as chosen. Started again from initialisation, with the same settings.');
    expect(await status.recover(new Error('no training run 3'))).toBeNull();
  });
});
