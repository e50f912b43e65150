import { readFile, stat } from 'node:fs/promises';
import { etagOf } from './live-cache';

/** The runtime bundle as served at `/tagpoint.js`, or why it cannot be. */
export type BundleResult = { ok: true; body: Buffer; etag: string } | { ok: false; message: string };

/**
 * Reads the bundle lazily and again whenever the file changes, so a rebuild while the registry
 * runs is picked up without a restart.
 */
export function createRuntimeBundle(path: string) {
  let cached: { mtimeMs: number; size: number; body: Buffer; etag: string } | undefined;
  return async (): Promise<BundleResult> => {
    try {
      const info = await stat(path);
      if (!cached || cached.mtimeMs !== info.mtimeMs || cached.size !== info.size) {
        const body = await readFile(path);
        cached = { mtimeMs: info.mtimeMs, size: info.size, body, etag: etagOf('js', body) };
      }
      return { ok: true, body: cached.body, etag: cached.etag };
    } catch {
      // No readable file: the answer says so, with how to build it.
      return {
        ok: false,
        message: `the runtime bundle is not built: no file at ${path}; run \`npm run build:runtime\` (or start the registry with another runtimeBundlePath)`,
      };
    }
  };
}
