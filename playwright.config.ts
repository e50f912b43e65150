import { defineConfig } from '@playwright/test';

const CI = !!process.env.CI;

/**
 * E2E tests: real Chromium (found by scripts/find-chromium.mjs) with the built extension,
 * driven through the fixtures in test/e2e/fixtures.ts. Build first: `npm test` does.
 */
export default defineConfig({
  testDir: 'test/e2e',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  fullyParallel: false,
  // Each worker runs its own Chromium; the machine has 2 cores.
  workers: CI ? 1 : 2,
  retries: CI ? 1 : 0,
  forbidOnly: CI,
  reporter: [['list'], ['json', { outputFile: 'reports/playwright.json' }]],
  outputDir: 'test-results',
  use: {
    // Traces cost time on big pages: only for a retried test (CI). Locally: `--trace on`.
    trace: 'on-first-retry',
  },
});
