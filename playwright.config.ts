import { defineConfig } from '@playwright/test';

import { CHROMIUM_ARGS, HARNESS, HARNESS_PORT, SITE, SITE_PORT } from './tests/browser/env';

export default defineConfig({
  testDir: 'tests/browser',
  timeout: 180_000,
  expect: { timeout: 30_000 },
  // Spec files run two at a time (the CI machine has two cores); the tests inside one file in order.
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    baseURL: SITE,
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS },
  },
  // PW_NO_SERVER=1: the caller already serves SITE_URL (and the harness), e.g. while developing one spec.
  webServer: process.env.PW_NO_SERVER ? [] : [
    // The built essay, exactly as readers get it.
    { command: `npx vite preview --port ${SITE_PORT} --strictPort --host 127.0.0.1`, url: `${SITE}/`, reuseExistingServer: !process.env.CI, timeout: 60_000 },
    // Test-only harness pages (tests/browser/harness/*.html) that import library modules directly.
    { command: `npx vite --port ${HARNESS_PORT} --strictPort --host 127.0.0.1`, url: `${HARNESS}/tests/browser/harness/index.html`, reuseExistingServer: !process.env.CI, timeout: 60_000 },
  ],
});

