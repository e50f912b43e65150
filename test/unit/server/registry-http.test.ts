// @vitest-environment node
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeConfig, startRegistry, type Started } from './helpers';

let r: Started;
beforeEach(async () => {
  r = await startRegistry({ bodyLimit: 64 * 1024 });
});
afterEach(async () => {
  await r.stop();
});

const publish = (body: unknown, token = r.tokens.publisher, site = 'shop') =>
  r.request(`/v1/sites/${site}/versions`, { token, body });

describe('GET /healthz', () => {
  it('answers 200', async () => {
    const res = await r.request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok' });
  });
});

describe('GET /v1/sites/:site/config.json', () => {
  it('is 404 with a clear message while nothing is published', async () => {
    const res = await r.request('/v1/sites/shop/config.json');
    expect(res.status).toBe(404);
    expect((await res.json()).error).toMatch(/nothing is published for site "shop"/);
  });

  it.each(['Shop', 'sh%20op', '-shop', 'a'.repeat(65), 'sh_op'])('is 400 for the malformed site id %s', async (site) => {
    const res = await r.request(`/v1/sites/${site}/config.json`);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error).toBe('malformed site id');
    expect(body.errors[0].path).toBe('site');
  });

  it('serves the live config with ETag, Cache-Control and open CORS; 304 on If-None-Match', async () => {
    expect((await publish({ config: makeConfig('shop', 3) })).status).toBe(201);
    const res = await r.request('/v1/sites/shop/config.json', { headers: { origin: 'https://www.shop.example' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=60');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const etag = res.headers.get('etag')!;
    expect(etag).toMatch(/^"1-[0-9a-f]{16}"$/);
    const config = await res.json();
    expect(config).toMatchObject({ site: 'shop', revision: 1 });
    expect(config.tags).toHaveLength(3);

    for (const header of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const again = await r.request('/v1/sites/shop/config.json', { headers: { 'if-none-match': header } });
      expect(again.status, header).toBe(304);
      expect(again.headers.get('etag')).toBe(etag);
      expect(await again.text()).toBe('');
    }

    expect((await publish({ config: makeConfig('shop', 4) })).status).toBe(201);
    const changed = await r.request('/v1/sites/shop/config.json', { headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect((await changed.json()).revision).toBe(2);
  });

  it('honours the cacheMaxAge option', async () => {
    const other = await startRegistry({ cacheMaxAge: 5 });
    try {
      await other.request('/v1/sites/shop/versions', { token: other.tokens.publisher, body: { config: makeConfig() } });
      expect((await other.request('/v1/sites/shop/config.json')).headers.get('cache-control')).toBe('public, max-age=5');
    } finally {
      await other.stop();
    }
  });
});

describe('POST /v1/sites/:site/versions', () => {
  it('answers 201 with the revision set by the server, recording who published and why', async () => {
    const res = await publish({ config: { ...makeConfig(), revision: 99 }, message: 'First tags', baseRevision: 0 });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ revision: 1 });
    expect(res.headers.get('location')).toBe('/v1/sites/shop/versions/1');
    const live = await (await r.request('/v1/sites/shop/config.json')).json();
    expect(live.revision).toBe(1);
    const history = await (await r.request('/v1/sites/shop/versions', { token: r.tokens.viewer })).json();
    expect(history).toEqual({
      versions: [{ revision: 1, publishedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), author: 'Ada (CI)', message: 'First tags', tagCount: 2 }],
      total: 1,
      nextBefore: null,
    });
  });

  it.each([
    ['no Authorization header', undefined, 401, /token is required/],
    ['an unknown token', 'tp_notarealtokennotarealtoken', 401, /not known or was revoked/],
    ['a token of another site', 'otherSite', 403, /belongs to site "blog"/],
    ['a viewer token', 'viewer', 403, /viewer token/],
  ] as const)('refuses %s with %i', async (_name, token, status, message) => {
    const value = token === 'otherSite' || token === 'viewer' ? r.tokens[token] : token;
    const res = await r.request('/v1/sites/shop/versions', { token: value, body: { config: makeConfig() } });
    expect(res.status).toBe(status);
    expect((await res.json()).error).toMatch(message);
    if (status === 401) expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect((await r.request('/v1/sites/shop/config.json')).status).toBe(404);
  });

  it('refuses a revoked token with 401', async () => {
    const created = r.registry.store.createToken({ site: 'shop', role: 'publisher' });
    expect((await publish({ config: makeConfig() }, created.token)).status).toBe(201);
    r.registry.store.revokeToken(created.id);
    expect((await publish({ config: makeConfig() }, created.token)).status).toBe(401);
  });

  it('refuses a malformed Authorization header with 401', async () => {
    const res = await r.request('/v1/sites/shop/versions', { body: { config: makeConfig() }, headers: { authorization: `Basic ${r.tokens.publisher}` } });
    expect(res.status).toBe(401);
  });

  it('answers 413 for a body over the limit, and writes nothing', async () => {
    const config = makeConfig('shop', 1, (t) => ({ ...t, description: 'x'.repeat(900) }));
    config.tags = Array.from({ length: 100 }, (_, i) => ({ ...config.tags[0]!, id: `t${i}` }));
    const res = await publish({ config });
    expect(res.status).toBe(413);
    expect((await res.json()).error).toMatch(/larger than the limit of 65536 bytes/);
    expect((await r.request('/v1/sites/shop/config.json')).status).toBe(404);
  });

  it('answers 400 for a malformed site id', async () => {
    const res = await publish({ config: makeConfig() }, r.tokens.publisher, 'SHOP!');
    expect(res.status).toBe(400);
  });

  it.each([
    ['not JSON', '{"config":', undefined],
    ['no config', { message: 'x' }, 'config'],
    ['an unknown field', { config: makeConfig(), mesage: 'typo' }, 'mesage'],
    ['a baseRevision that is not a number', { config: makeConfig(), baseRevision: '3' }, 'baseRevision'],
    ['a message that is not a text', { config: makeConfig(), message: 42 }, 'message'],
    ['a message too long', { config: makeConfig(), message: 'x'.repeat(1001) }, 'message'],
    ['an array', [makeConfig()], '(root)'],
  ])('answers 400 for a body with %s', async (_name, body, path) => {
    const res = await publish(body);
    expect(res.status).toBe(400);
    const json = await res.json();
    expect(typeof json.error).toBe('string');
    if (path) expect(json.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it('answers 422 with every error and its path, and keeps the live version', async () => {
    expect((await publish({ config: makeConfig() })).status).toBe(201);
    const bad = makeConfig('shop', 3);
    (bad.tags[0] as any).trigger = 'clik';
    (bad.tags[2] as any).target.selector = 'div[';
    (bad as any).extra = true;
    const res = await publish({ config: bad });
    expect(res.status).toBe(422);
    const json = await res.json();
    expect(json.error).toMatch(/3 errors/);
    expect(json.errors.map((e: { path: string }) => e.path).sort()).toEqual(['extra', 'tags[0].trigger', 'tags[2].target.selector']);
    expect(json.errors.every((e: { message: string }) => e.message.length > 5)).toBe(true);
    expect((await (await r.request('/v1/sites/shop/config.json')).json()).revision).toBe(1);
  });

  it('answers 422 when the config names another site', async () => {
    const res = await publish({ config: makeConfig('blog') });
    expect(res.status).toBe(422);
    expect((await res.json()).errors).toEqual([{ path: 'site', message: expect.stringMatching(/"blog" but this publishes to "shop"/) }]);
  });

  it('answers 409 with the current revision when baseRevision is not live, writing nothing', async () => {
    expect((await publish({ config: makeConfig(), baseRevision: 0 })).status).toBe(201);
    expect((await publish({ config: makeConfig('shop', 3), baseRevision: 1 })).status).toBe(201);
    const res = await publish({ config: makeConfig('shop', 5), baseRevision: 1 });
    expect(res.status).toBe(409);
    const json = await res.json();
    expect(json.currentRevision).toBe(2);
    expect(json.error).toMatch(/someone published meanwhile/);
    const history = await (await r.request('/v1/sites/shop/versions', { token: r.tokens.viewer })).json();
    expect(history.versions.map((v: { revision: number }) => v.revision)).toEqual([2, 1]);
    expect((await (await r.request('/v1/sites/shop/config.json')).json()).tags).toHaveLength(3);
  });

  it('answers 409 for baseRevision 1 when nothing is live yet', async () => {
    const res = await publish({ config: makeConfig(), baseRevision: 1 });
    expect(res.status).toBe(409);
    expect((await res.json()).currentRevision).toBe(0);
  });
});

describe('history', () => {
  beforeEach(async () => {
    for (const [count, message] of [[1, 'one'], [2, 'two'], [3, 'three']] as const) {
      expect((await publish({ config: makeConfig('shop', count), message })).status).toBe(201);
    }
  });

  it('lists versions newest first for a viewer or publisher token', async () => {
    for (const token of [r.tokens.viewer, r.tokens.publisher]) {
      const res = await r.request('/v1/sites/shop/versions', { token });
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('private, no-store');
      const list = (await res.json()).versions;
      expect(list.map((v: any) => [v.revision, v.message, v.tagCount, v.author])).toEqual([
        [3, 'three', 3, 'Ada (CI)'],
        [2, 'two', 2, 'Ada (CI)'],
        [1, 'one', 1, 'Ada (CI)'],
      ]);
    }
  });

  it.each([
    ['/v1/sites/shop/versions', undefined, 401],
    ['/v1/sites/shop/versions', 'otherSite', 403],
    ['/v1/sites/shop/versions/2', undefined, 401],
    ['/v1/sites/shop/versions/2', 'otherSite', 403],
    ['/v1/sites/shop/versions/9', 'viewer', 404],
    ['/v1/sites/shop/versions/two', 'viewer', 400],
    ['/v1/sites/shop/versions/0', 'viewer', 400],
    ['/v1/sites/Sh0p/versions', 'viewer', 400],
  ] as const)('GET %s with %s token is %i', async (path, token, status) => {
    const res = await r.request(path, { token: token ? r.tokens[token] : undefined });
    expect(res.status).toBe(status);
    expect(typeof (await res.json()).error).toBe('string');
  });

  it('returns an old version with its own revision', async () => {
    const res = await r.request('/v1/sites/shop/versions/2', { token: r.tokens.viewer });
    expect(res.status).toBe(200);
    const config = await res.json();
    expect(config.revision).toBe(2);
    expect(config.tags).toHaveLength(2);
  });

  it('rolls back by publishing the old config as a new revision, keeping history', async () => {
    const res = await r.request('/v1/sites/shop/rollback', { token: r.tokens.publisher, body: { revision: 1, baseRevision: 3 } });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ revision: 4 });
    const live = await (await r.request('/v1/sites/shop/config.json')).json();
    expect(live.revision).toBe(4);
    expect(live.tags).toEqual(makeConfig('shop', 1).tags);
    const { versions: list } = await (await r.request('/v1/sites/shop/versions', { token: r.tokens.viewer })).json();
    expect(list.map((v: any) => [v.revision, v.message])).toEqual([
      [4, 'Rollback to revision 1'],
      [3, 'three'],
      [2, 'two'],
      [1, 'one'],
    ]);
  });

  it.each([
    ['an unknown revision', 'publisher', { revision: 7 }, 404],
    ['a stale base', 'publisher', { revision: 1, baseRevision: 2 }, 409],
    ['a viewer token', 'viewer', { revision: 1 }, 403],
    ['another site token', 'otherSite', { revision: 1 }, 403],
    ['no revision', 'publisher', {}, 400],
    ['revision 0', 'publisher', { revision: 0 }, 400],
  ] as const)('refuses a rollback with %s', async (_name, token, body, status) => {
    const res = await r.request('/v1/sites/shop/rollback', { token: r.tokens[token], body });
    expect(res.status).toBe(status);
    expect((await (await r.request('/v1/sites/shop/config.json')).json()).revision).toBe(3);
  });
});

describe('CORS for the extension', () => {
  it('answers the preflight of a publish from an extension origin', async () => {
    const res = await r.request('/v1/sites/shop/versions', {
      method: 'OPTIONS',
      headers: { origin: 'chrome-extension://abcdef', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    expect(res.headers.get('access-control-allow-headers')).toMatch(/Content-Type/);
    const post = await r.request('/v1/sites/shop/versions', {
      token: r.tokens.publisher,
      body: { config: makeConfig() },
      headers: { origin: 'chrome-extension://abcdef' },
    });
    expect(post.status).toBe(201);
    expect(post.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('limits API CORS to allowedOrigins when given, but keeps config.json open', async () => {
    const other = await startRegistry({ allowedOrigins: ['chrome-extension://good'] });
    try {
      const preflight = (origin: string) =>
        other.request('/v1/sites/shop/versions', { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
      expect((await preflight('chrome-extension://good')).headers.get('access-control-allow-origin')).toBe('chrome-extension://good');
      expect((await preflight('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
      const configPreflight = await other.request('/v1/sites/shop/config.json', {
        method: 'OPTIONS',
        headers: { origin: 'https://www.shop.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'if-none-match' },
      });
      expect(configPreflight.headers.get('access-control-allow-origin')).toBe('*');
      expect(configPreflight.headers.get('access-control-allow-headers')).toMatch(/If-None-Match/);
      await other.request('/v1/sites/shop/versions', { token: other.tokens.publisher, body: { config: makeConfig() } });
      const live = await other.request('/v1/sites/shop/config.json', { headers: { origin: 'https://evil.example' } });
      expect(live.headers.get('access-control-allow-origin')).toBe('*');
    } finally {
      await other.stop();
    }
  });
});

describe('GET /tagpoint.js', () => {
  it('is 404 with a clear message when the runtime is not built', async () => {
    const other = await startRegistry({ runtimeBundlePath: join(r.dir, 'missing.js') });
    try {
      const res = await other.request('/tagpoint.js');
      expect(res.status).toBe(404);
      expect((await res.json()).error).toMatch(/runtime bundle is not built.*npm run build:runtime/);
    } finally {
      await other.stop();
    }
  });

  it('serves the bundle as JavaScript, with an ETag, picking up a rebuild', async () => {
    const file = join(r.dir, 'tagpoint.js');
    writeFileSync(file, 'window.Tagpoint = 1;');
    const other = await startRegistry({ runtimeBundlePath: file });
    try {
      const res = await other.request('/tagpoint.js');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
      expect(await res.text()).toBe('window.Tagpoint = 1;');
      const etag = res.headers.get('etag')!;
      expect((await other.request('/tagpoint.js', { headers: { 'if-none-match': etag } })).status).toBe(304);
      writeFileSync(file, 'window.Tagpoint = 22;');
      expect(await (await other.request('/tagpoint.js')).text()).toBe('window.Tagpoint = 22;');
    } finally {
      await other.stop();
    }
  });
});

it('answers unknown routes with a JSON 404', async () => {
  const res = await r.request('/v2/nothing');
  expect(res.status).toBe(404);
  expect((await res.json()).error).toMatch(/no such route: GET \/v2\/nothing/);
});
