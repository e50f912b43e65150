import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { createRegistry, type Registry } from '../../lib/server';
import { expect, repoRoot, test } from './fixtures';

// lib/publish in real Chromium, from a web page on another origin (another port) than the
// registry: the bearer-token publish needs the registry's CORS preflight answers, and the
// live config (Cache-Control: max-age=60) must never come stale out of the browser's cache.
let registry: Registry;
let registryUrl: string;
let token: string;
let bundle: string;
let dir: string;

test.beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'tagpoint-e2e-registry-'));
  registry = createRegistry({ port: 0, dbPath: path.join(dir, 'tagpoint.db') });
  registryUrl = await registry.listen();
  token = registry.store.createToken({ site: 'shop', role: 'publisher', label: 'e2e' }).token;
  const out = await build({
    entryPoints: [path.join(repoRoot, 'lib/publish/index.ts')],
    bundle: true,
    format: 'iife',
    globalName: 'TagpointPublish',
    platform: 'browser',
    write: false,
  });
  bundle = out.outputFiles[0]!.text;
});

test.afterAll(async () => {
  await registry?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a page on another origin publishes with a token and always reads the live version', async ({ page, site }) => {
  await page.goto(site.url('/shop/'));
  await page.addScriptTag({ content: bundle });
  const result = await page.evaluate(
    async ({ registryUrl, token }) => {
      const { createRegistryClient } = (window as unknown as { TagpointPublish: typeof import('../../lib/publish') }).TagpointPublish;
      const client = createRegistryClient({ baseUrl: registryUrl, token });
      const config = (count: number) => ({
        version: 1 as const,
        site: 'shop',
        revision: 0,
        tags: Array.from({ length: count }, (_, i) => ({ id: `t${i}`, event: `E${i}`, trigger: 'click' as const, target: { selector: `#b${i}` } })),
      });
      const first = await client.publish('shop', config(1), { baseRevision: 0, message: 'one' });
      const live1 = await client.getLive('shop');
      const second = await client.publish('shop', config(2), { baseRevision: 1, message: 'two' });
      // A plain fetch may answer from the HTTP cache (max-age=60): it shows the cache is in play.
      const plain = await (await fetch(`${registryUrl}/v1/sites/shop/config.json`)).json();
      const live2 = await client.getLive('shop');
      const conflict = await client.publish('shop', config(3), { baseRevision: 1 });
      const versions = await client.listVersions('shop');
      const rollback = await client.rollback('shop', 1, { baseRevision: 2 });
      return { origin: location.origin, first, live1, second, plain, live2, conflict, versions, rollback };
    },
    { registryUrl, token },
  );
  expect(result.origin).not.toBe(new URL(registryUrl).origin);
  expect(result.first).toEqual({ ok: true, value: { revision: 1 } });
  expect(result.live1).toMatchObject({ ok: true, value: { revision: 1 } });
  expect(result.second).toEqual({ ok: true, value: { revision: 2 } });
  expect(result.plain.revision).toBe(1);
  expect(result.live2).toMatchObject({ ok: true, value: { revision: 2 } });
  expect(result.conflict).toMatchObject({ ok: false, error: { kind: 'conflict', status: 409, currentRevision: 2 } });
  expect(result.versions).toMatchObject({ ok: true, value: { versions: [{ revision: 2, message: 'two', author: 'e2e' }, { revision: 1 }], total: 2, nextBefore: null } });
  expect(result.rollback).toEqual({ ok: true, value: { revision: 3 } });
});
