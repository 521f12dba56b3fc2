/** Where the browser tests find the built essay and the test-only harness pages (see playwright.config.ts). */
export const SITE = 'http://127.0.0.1:4173';
export const HARNESS = 'http://127.0.0.1:5174';

/** Debian's Chromium, never a downloaded browser. --enable-unsafe-webgpu exposes a SwiftShader WebGPU adapter headless. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--enable-unsafe-webgpu',
];
