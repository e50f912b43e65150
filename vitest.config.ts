import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import preact from '@preact/preset-vite';

/**
 * Unit tests. WxtVitest brings WXT's globals, `@/` aliases and a fake `browser`; it does
 * not take wxt.config's Vite plugins, so Preact's is listed here again.
 * Default environment happy-dom; a server-side file opts into Node with a first-line
 * `// @vitest-environment node`.
 */
export default defineConfig({
  plugins: [WxtVitest(), preact()],
  test: {
    environment: 'happy-dom',
    include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx', 'lib/**/*.test.ts'],
    reporters: ['default', ['json', { outputFile: 'reports/vitest.json' }]],
    // 2 cores: do not oversubscribe them (some tests start servers and child processes).
    maxWorkers: 2,
    // A timeout guards against a hang; it is not a speed check (speed is for benchmarks). On a
    // busy 2-core CI machine CPU-bound tests ran 10x slower than alone (a 0.5 s locator test
    // passed vitest's default 5 s), so the guard is set well above any test's loaded time.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
