// @vitest-environment node
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegistryClient, type RegistryClient } from '../../../lib/publish';
import { makeConfig, startRegistry, type Started } from '../server/helpers';

let r: Started;
let publisher: RegistryClient;
let viewer: RegistryClient;
let anonymous: RegistryClient;
beforeAll(async () => {
  r = await startRegistry({ bodyLimit: 32 * 1024 });
  publisher = createRegistryClient({ baseUrl: `${r.url}/`, token: r.tokens.publisher });
  viewer = createRegistryClient({ baseUrl: r.url, token: r.tokens.viewer });
  anonymous = createRegistryClient({ baseUrl: r.url });
});
afterAll(() => r.stop());

/** A plain HTTP server answering every request with `handler`. */
async function fakeServer(handler: Parameters<typeof createServer>[1]): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server };
}

describe('createRegistryClient against a real registry', () => {
  it('walks through publish, conflict, history, version and rollback with typed results', async () => {
    expect(await anonymous.health()).toEqual({ ok: true, value: true });
    expect(await anonymous.getLive('shop')).toEqual({ ok: true, value: null });

    const first = await publisher.publish('shop', makeConfig('shop', 1), { message: 'one', baseRevision: 0 });
    expect(first).toEqual({ ok: true, value: { revision: 1 } });
    const second = await publisher.publish('shop', makeConfig('shop', 2), { message: 'two', baseRevision: 1 });
    expect(second).toEqual({ ok: true, value: { revision: 2 } });

    const conflict = await publisher.publish('shop', makeConfig('shop', 3), { baseRevision: 1 });
    expect(conflict).toEqual({
      ok: false,
      error: { kind: 'conflict', status: 409, currentRevision: 2, message: expect.stringMatching(/published meanwhile/) },
    });

    const live = await anonymous.getLive('shop');
    expect(live.ok && live.value?.revision).toBe(2);
    expect(live.ok && live.value?.tags).toHaveLength(2);

    const versions = await viewer.listVersions('shop');
    expect(versions.ok && versions.value.versions.map((v) => [v.revision, v.message, v.tagCount])).toEqual([
      [2, 'two', 2],
      [1, 'one', 1],
    ]);
    const old = await viewer.getVersion('shop', 1);
    expect(old.ok && old.value.tags).toEqual(makeConfig('shop', 1).tags);

    const rolledBack = await publisher.rollback('shop', 1, { baseRevision: 2 });
    expect(rolledBack).toEqual({ ok: true, value: { revision: 3 } });
    const after = await anonymous.getLive('shop');
    expect(after.ok && after.value?.tags).toEqual(makeConfig('shop', 1).tags);
  });

  it.each<[string, () => Promise<{ ok: boolean; error?: unknown }>, object]>([
    ['an invalid config, with every path', () => {
      const bad = makeConfig('shop', 2) as any;
      bad.tags[0].trigger = 'tap';
      bad.tags[1].event = '';
      return publisher.publish('shop', bad);
    }, { kind: 'invalid', status: 422, errors: [expect.objectContaining({ path: 'tags[0].trigger' }), expect.objectContaining({ path: 'tags[1].event' })] }],
    ['no token', () => anonymous.publish('shop', makeConfig()), { kind: 'unauthorized', status: 401 }],
    ['a viewer token', () => viewer.publish('shop', makeConfig()), { kind: 'forbidden', status: 403 }],
    ['a token of another site', () => createRegistryClient({ baseUrl: r.url, token: r.tokens.otherSite }).listVersions('shop'), { kind: 'forbidden', status: 403 }],
    ['a body too large', () => publisher.publish('shop', makeConfig('shop', 400)), { kind: 'too-large', status: 413 }],
    ['an unknown version', () => viewer.getVersion('shop', 999), { kind: 'not-found', status: 404 }],
    ['a rollback to an unknown version', () => publisher.rollback('shop', 999), { kind: 'not-found', status: 404 }],
  ])('reports %s', async (_name, call, error) => {
    const result = await call();
    expect(result.ok).toBe(false);
    expect(result.error).toMatchObject({ ...error, message: expect.any(String) });
  });

  it('refuses a malformed site id without a request', async () => {
    let calls = 0;
    const client = createRegistryClient({ baseUrl: r.url, fetch: (...args) => (calls++, fetch(...args)) });
    const result = await client.getLive('../admin');
    expect(result).toMatchObject({ ok: false, error: { kind: 'bad-request' } });
    expect(calls).toBe(0);
  });
});

describe('createRegistryClient against something else', () => {
  it('reports a network error when nothing listens', async () => {
    const result = await createRegistryClient({ baseUrl: 'http://127.0.0.1:9' }).getLive('shop');
    expect(result).toMatchObject({ ok: false, error: { kind: 'network', message: expect.stringMatching(/could not reach/) } });
  });

  type Call = (client: RegistryClient) => Promise<{ ok: boolean; error?: { kind: string } }>;
  const getLive: Call = (client) => client.getLive('shop');
  const publish: Call = (client) => client.publish('shop', makeConfig());
  it.each<[string, (res: import('node:http').ServerResponse) => void, Call, string]>([
    ['HTML instead of JSON', (res) => res.end('<html>hello</html>'), getLive, 'bad-response'],
    ['JSON of the wrong shape for a publish', (res) => res.setHeader('content-type', 'application/json').end('{"revision":"one"}'), publish, 'bad-response'],
    ['an invalid config as live', (res) => res.end('{"version":1,"site":"shop","revision":1,"tags":[{"id":"x"}]}'), getLive, 'bad-response'],
    ['a 500 without a body', (res) => res.writeHead(500).end(), publish, 'server'],
    ['a 502 from a proxy in HTML', (res) => res.writeHead(502).end('<h1>Bad gateway</h1>'), publish, 'bad-response'],
    ['a 503 with an error body', (res) => res.writeHead(503).end('{"error":"maintenance"}'), getLive, 'server'],
  ])('reports %s', async (_name, answer, call, kind) => {
    const fake = await fakeServer((_req, res) => answer(res));
    try {
      const result = await call(createRegistryClient({ baseUrl: fake.url, token: 'tp_x' }));
      expect(result).toMatchObject({ ok: false, error: { kind } });
    } finally {
      fake.server.close();
    }
  });

  it('gives up after timeoutMs', async () => {
    const fake = await fakeServer(() => {});
    try {
      const result = await createRegistryClient({ baseUrl: fake.url, timeoutMs: 150 }).listVersions('shop');
      expect(result).toMatchObject({ ok: false, error: { kind: 'timeout' } });
    } finally {
      fake.server.closeAllConnections();
      fake.server.close();
    }
  });
});
