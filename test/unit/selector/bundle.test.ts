// @vitest-environment node
/**
 * resolve.ts is what the website runtime may import for locators whose primary selector
 * matches nothing: it must stay small and free of finder and zod. And the whole library
 * bundles on its own, with no extension API.
 */
import { build } from 'esbuild';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../../..');

async function bundle(entry: string): Promise<{ text: string; inputs: string[] }> {
  const out = await build({
    entryPoints: [path.join(root, entry)],
    bundle: true,
    write: false,
    minify: true,
    format: 'esm',
    metafile: true,
    logLevel: 'silent',
  });
  return { text: out.outputFiles[0]!.text, inputs: Object.keys(out.metafile!.inputs) };
}

describe('bundles', () => {
  it('resolve.ts alone: no finder, no zod, under 1 KB gzip', async () => {
    const { text, inputs } = await bundle('lib/selector/resolve.ts');
    expect(inputs.filter((f) => /node_modules|finder|zod/.test(f))).toEqual([]);
    expect(gzipSync(text).length).toBeLessThan(1024);
  });

  it('lib/selector: no extension API, no zod', async () => {
    const { text, inputs } = await bundle('lib/selector/index.ts');
    expect(inputs.some((f) => f.includes('@medv/finder'))).toBe(true);
    expect(inputs.filter((f) => /zod|webextension|wxt/.test(f))).toEqual([]);
    expect(text).not.toMatch(/\bbrowser\.runtime|\bchrome\.runtime/);
  });
});
