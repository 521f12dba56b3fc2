/**
 * The tfjs backends by name. No tfjs here: the page imports this module (the backend menu, the
 * address's ?backend=) long before the worker loads tfjs.
 */
export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

/** Every backend, in the order they are tried when none is preferred. */
export const BACKENDS: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];
