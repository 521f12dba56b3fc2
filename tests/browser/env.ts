/** Where the browser tests find the built essay and the test-only harness pages (see playwright.config.ts). */
/** SITE_URL points the tests at another server (e.g. a preview of a build in another folder). */
export const SITE = process.env.SITE_URL ?? 'http://127.0.0.1:4173';
export const HARNESS = process.env.HARNESS_URL ?? 'http://127.0.0.1:5174';

/** Debian's Chromium, never a downloaded browser. --enable-unsafe-webgpu exposes a SwiftShader WebGPU adapter headless. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--enable-unsafe-webgpu',
];
