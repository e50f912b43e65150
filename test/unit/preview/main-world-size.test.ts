// @vitest-environment node
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { expect, it } from 'vitest';

/** The main-world helper goes into every previewed page's own world: it must stay tiny and inert. */
const BUDGET = 2 * 1024;

it(`lib/preview/main-world.ts bundles to at most ${BUDGET} bytes min+gzip, with no zod or extension API`, async () => {
  const result = await build({
    entryPoints: [path.resolve(__dirname, '../../../lib/preview/main-world.ts')],
    bundle: true,
    minify: true,
    format: 'iife',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.text;
  const gzip = gzipSync(code).length;
  expect(gzip).toBeGreaterThan(300);
  expect(gzip).toBeLessThanOrEqual(BUDGET);
  expect(code).not.toMatch(/zod|ZodError|chrome\.runtime|browser\.runtime|preact/i);
});
