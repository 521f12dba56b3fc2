/** Where the browser tests find the built essay and the test-only harness pages (see playwright.config.ts). */
/** SITE_URL points the tests at another server (e.g. a preview of a build in another folder). */
/** SITE_PORT / HARNESS_PORT move both servers, so that several checkouts can run their tests side by side. */
export const SITE_PORT = Number(process.env.SITE_PORT ?? 4173);
export const HARNESS_PORT = Number(process.env.HARNESS_PORT ?? 5174);
export const SITE = process.env.SITE_URL ?? `http://127.0.0.1:${SITE_PORT}`;
export const HARNESS = process.env.HARNESS_URL ?? `http://127.0.0.1:${HARNESS_PORT}`;

/** Debian's Chromium, never a downloaded browser. --enable-unsafe-webgpu exposes a SwiftShader WebGPU adapter headless. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--enable-unsafe-webgpu',
];
