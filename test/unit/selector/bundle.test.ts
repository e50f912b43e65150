// @vitest-environment node
/**
 * lib/core (locator resolution the runtime runs, and resolve.ts with it) imports nothing but
 * itself and lib/config's plain limits; the whole library bundles on its own, with no
 * extension API.
 */
import { build } from 'esbuild';
import path from 'node:path';
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
  it.each(['lib/core/index.ts', 'lib/selector/resolve.ts'])('%s: lib/core and lib/config/limits.ts only', async (entry) => {
    const { inputs } = await bundle(entry);
    expect(inputs.filter((f) => !/^lib\/core\/|^lib\/config\/limits\.ts$|^lib\/selector\/resolve\.ts$/.test(f))).toEqual([]);
    expect(inputs).toContain('lib/core/locator.ts');
  });

  it('lib/selector: no extension API, no zod', async () => {
    const { text, inputs } = await bundle('lib/selector/index.ts');
    expect(inputs.some((f) => f.includes('@medv/finder'))).toBe(true);
    expect(inputs.filter((f) => /zod|webextension|wxt/.test(f))).toEqual([]);
    expect(text).not.toMatch(/\bbrowser\.runtime|\bchrome\.runtime/);
  });
});
