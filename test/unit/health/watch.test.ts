// @vitest-environment node
import { afterEach, expect, it } from 'vitest';
import { createHealthWatch, type HealthWatchState } from '../../../lib/health/watch';
import { createRegistryClient } from '../../../lib/publish';
import { makeConfig, startRegistry } from '../server/helpers';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

it('fetches the page\'s site health from a real registry with the extension\'s settings, and says when it cannot', async () => {
  const r = await startRegistry({ healthFlushIntervalMs: 0, healthThresholds: { minSamples: 2 } });
  cleanups.push(() => r.stop());
  expect((await r.request('/v1/sites/shop/versions', { token: r.tokens.publisher, body: { config: makeConfig('shop', 2) } })).status).toBe(201);
  for (let i = 0; i < 3; i++) {
    const beacon = { v: 1, site: 'shop', revision: 1, path: '/checkout', sample: 1, tags: [{ id: 't0', state: 'absent', events: 0 }, { id: 't1', state: 'found', events: 1 }] };
    expect((await fetch(`${r.url}/v1/sites/shop/health`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify(beacon) })).status).toBe(202);
  }
  const watch = (settings: Parameters<typeof createHealthWatch>[0]['settings']) =>
    // intervalMs 0: one fetch, nothing left running.
    new Promise<HealthWatchState>((resolve) => {
      createHealthWatch({ url: 'https://shop.example/checkout', settings, createClient: createRegistryClient, intervalMs: 0, onChange: (s) => s.kind !== 'loading' && resolve(s) });
    });
  const ready = await watch({ registryUrl: r.url, token: r.tokens.viewer, sites: { 'https://shop.example': 'shop' } });
  expect(ready.kind).toBe('ready');
  if (ready.kind !== 'ready') return;
  expect(ready.tags.get('t0')).toMatchObject({ state: 'broken', repair: 'repick' });
  expect(ready.tags.get('t0')!.text).toMatch(/^broken since \d\d:00 UTC: not found on 100% of 3 views on \/checkout$/);
  expect(ready.tags.get('t1')!.text).toBe('found on 100% of 3 views, last 24 h');

  expect(await watch({ registryUrl: r.url, token: r.tokens.viewer, sites: {} })).toEqual({ kind: 'off', reason: 'No registry site is set for this origin.' });
  expect(await watch(undefined)).toEqual({ kind: 'off', reason: 'Set the registry to see tag health.' });
  expect(await watch({ registryUrl: r.url, token: r.tokens.otherSite, sites: { 'https://shop.example': 'shop' } })).toMatchObject({ kind: 'error' });
});
