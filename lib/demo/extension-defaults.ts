import { cpSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from '../config/zod';

/** Name of the file, at the root of an unpacked extension, that pre-configures it for the demo. */
export const DEMO_DEFAULTS_FILE = 'demo-defaults.json';

/**
 * What `npm start` tells the extension: which registry to publish to, with which token, and
 * which registry site the demo shop's origin belongs to. The extension reads it with
 * `fetch(browser.runtime.getURL('/demo-defaults.json'))` when its own settings are empty;
 * the file exists only in the copy `npm start` loads (`data/extension/`), never in the
 * shared build `.output/chrome-mv3/`, so tests and store builds carry no token.
 */
export const DemoDefaultsSchema = z.strictObject({
  registryUrl: z.url(),
  token: z.string().min(1).max(200),
  /** Registry site id per page origin, e.g. `{ "http://127.0.0.1:8788": "demo" }`. */
  sites: z.record(z.string(), z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/)),
});
export type DemoDefaults = z.infer<typeof DemoDefaultsSchema>;

/**
 * Copies the built extension to `destDir` and writes `demo-defaults.json` into the copy.
 * Throws when `srcDir` holds no built extension.
 */
export function prepareDemoExtension(srcDir: string, destDir: string, defaults: DemoDefaults): string {
  if (!existsSync(path.join(srcDir, 'manifest.json'))) {
    throw new Error(`No built extension at ${srcDir} (run \`npx wxt build\`, or drop --no-build).`);
  }
  const checked = DemoDefaultsSchema.parse(defaults);
  rmSync(destDir, { recursive: true, force: true });
  cpSync(srcDir, destDir, { recursive: true });
  writeFileSync(path.join(destDir, DEMO_DEFAULTS_FILE), `${JSON.stringify(checked, null, 2)}\n`, { mode: 0o600 });
  return destDir;
}
