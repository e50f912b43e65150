import { join } from 'node:path';
import { createRegistry, type Registry, type RegistryOptions } from '../../../lib/server';
import { tempDir } from './fixtures';

export { makeConfig, tempDir } from './fixtures';

/** A registry listening on 127.0.0.1:0 over a SQLite file in a temp folder, with tokens for each role. */
export async function startRegistry(options: RegistryOptions = {}, dir = tempDir()) {
  const dbPath = options.dbPath ?? join(dir.dir, 'tagpoint.db');
  const registry: Registry = createRegistry({ port: 0, host: '127.0.0.1', dbPath, ...options });
  const url = await registry.listen();
  const tokens = {
    publisher: registry.store.createToken({ site: 'shop', role: 'publisher', label: 'Ada (CI)' }).token,
    viewer: registry.store.createToken({ site: 'shop', role: 'viewer', label: 'QA' }).token,
    otherSite: registry.store.createToken({ site: 'blog', role: 'publisher', label: 'blog' }).token,
  };
  return {
    registry,
    url,
    dir: dir.dir,
    dbPath,
    tokens,
    /** fetch with JSON body and bearer token helpers. */
    request: (path: string, init: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {}) =>
      fetch(`${url}${path}`, {
        method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
        headers: {
          ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
          ...init.headers,
        },
        body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
      }),
    async stop(removeDir = true) {
      await registry.close();
      if (removeDir) dir.remove();
    },
  };
}

export type Started = Awaited<ReturnType<typeof startRegistry>>;
