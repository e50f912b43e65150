// @vitest-environment node
import { createServer, type IncomingMessage } from 'node:http';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generalizePath, type Beacon } from '../../../lib/health';
import { createRegistryClient } from '../../../lib/publish';
import { buildHealthReport, DEFAULT_HEALTH_THRESHOLDS } from '../../../lib/server/health';
import type { HealthCounterRow } from '../../../lib/server/publish-tx.mjs';
import { runCliHere } from './cli-helpers';
import { makeConfig, startRegistry } from './helpers';

vi.setConfig({ testTimeout: 30_000 });

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function started(options: Parameters<typeof startRegistry>[0] = {}) {
  const r = await startRegistry({ healthFlushIntervalMs: 0, ...options });
  cleanups.push(() => r.stop());
  const published = await r.request('/v1/sites/shop/versions', { token: r.tokens.publisher, body: { config: makeConfig('shop', 3) } });
  expect(published.status).toBe(201);
  return r;
}

const beacon = (tags: Beacon['tags'], extra: Partial<Beacon> = {}): Beacon => ({ v: 1, site: 'shop', revision: 1, path: '/products/:id', sample: 1, tags, ...extra });
const tag = (id: string, state: Beacon['tags'][number]['state'], events = 0) => ({ id, state, events });

/** Sends a beacon the way navigator.sendBeacon sends a string: text/plain. */
const send = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${url}/v1/sites/shop/health`, { method: 'POST', headers: { 'content-type': 'text/plain;charset=UTF-8', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

describe('generalizePath', () => {
  it.each([
    ['/orders/8812', '/orders/:id'],
    ['/Orders/8812/?coupon=SECRET#pay', '/orders/:id'],
    ['https://shop.example/u/3f2b9c1e-8a4d-4e2f-9b7a-1c2d3e4f5a6b/settings', '/u/:id/settings'],
    ['/p/9f86d081884c7d65/review', '/p/:id/review'],
    ['/users/ada@example.com', '/users/:id'],
    ['/track/ORD8F3K2Q9X7Z', '/track/:id'],
    ['/search/caf%C3%A9', '/search/:id'],
    ['/checkout/step-2', '/checkout/step-2'],
    ['/', '/'],
    ['', '/'],
  ])('%s → %s', (input, expected) => {
    expect(generalizePath(input)).toBe(expected);
    expect(generalizePath(expected)).toBe(expected);
  });

  it('keeps at most 256 characters, cut at a segment', () => {
    const path = generalizePath(`/${'abcdefgh/'.repeat(100)}`);
    expect(path.length).toBeLessThanOrEqual(256);
    expect(path.endsWith('/abcdefgh')).toBe(true);
  });
});

describe('POST /v1/sites/:site/health and GET /v1/sites/:site/health', () => {
  it('counts beacons per tag and reports found, relocated, absent, events and a state per live tag', async () => {
    const r = await started({ healthThresholds: { minSamples: 5 } });
    for (let i = 0; i < 10; i++) {
      const res = await send(r.url, beacon([tag('t0', 'found', 2), tag('t1', i < 6 ? 'relocated' : 'found'), tag('t2', 'absent'), tag('nope', 'found')], { path: `/orders/${1000 + i}?x=1`.split('?')[0]! }));
      expect(res.status).toBe(202);
      expect(await res.json()).toEqual({ accepted: 3, ignored: 1 });
    }
    // JSON bodies (fetch keepalive) are accepted too; sample 0.5 weighs a beacon twice.
    const json = await fetch(`${r.url}/v1/sites/shop/health`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(beacon([tag('t0', 'found')], { sample: 0.5 })) });
    expect(json.status).toBe(202);

    const viewer = createRegistryClient({ baseUrl: r.url, token: r.tokens.viewer });
    const report = await viewer.tagHealth('shop', { since: '1h' });
    if (!report.ok) throw new Error(report.error.message);
    expect(report.value.liveRevision).toBe(1);
    const byId = Object.fromEntries(report.value.tags.map((t) => [t.id, t]));
    expect(Object.keys(byId)).toEqual(['t0', 't1', 't2']);
    expect(byId.t0).toMatchObject({ state: 'healthy', views: 12, samples: 11, found: 100, absent: 0, events: 20, absentPath: null, event: 'Button 0 Clicked' });
    expect(byId.t0!.lastFound).toMatch(/^\d{4}-/);
    expect(byId.t1).toMatchObject({ state: 'degraded', views: 10, found: 40, relocated: 60 });
    expect(byId.t2).toMatchObject({ state: 'broken', views: 10, absent: 100, lastFound: null, absentPath: '/orders/:id' });
    expect(byId.t2!.stateSince).toEqual({ at: expect.stringMatching(/T\d\d:00:00\.000Z$/), revision: 1 });
  });

  it('refuses malformed, oversized and foreign beacons with a reason, and never touches the config', async () => {
    const r = await started({ healthBodyLimit: 2048 });
    const before = await r.request('/v1/sites/shop/config.json');
    const etag = before.headers.get('etag');
    const cases: [unknown, number, string][] = [
      ['{"v":1,', 400, 'not JSON'],
      [{ ...beacon([]), text: 'Welcome Ada' }, 400, 'text: unknown field "text"'],
      [beacon([{ ...tag('t0', 'found'), value: 'secret' } as never]), 400, 'tags[0].value: unknown field "value"'],
      [beacon([tag('t0', 'visible' as never)]), 400, 'tags[0].state'],
      [beacon([], { path: '/orders?id=5' }), 400, 'path'],
      [beacon([], { sample: 0 }), 400, 'sample'],
      [beacon([], { site: 'blog' }), 400, 'another site'],
      [beacon(Array.from({ length: 100 }, (_, i) => tag(`t${i}`, 'found'))), 413, 'limit of 2048 bytes'],
    ];
    for (const [body, status, message] of cases) {
      const res = await send(r.url, body);
      expect(res.status, JSON.stringify(body).slice(0, 60)).toBe(status);
      const answer = (await res.json()) as { error: string; errors?: { path: string; message: string }[] };
      expect([answer.error, ...(answer.errors ?? []).map((e) => `${e.path}: ${e.message}`)].join('\n')).toContain(message);
    }
    // Beacons for a revision outside the window, or for a site with nothing published, count nothing.
    expect(await (await send(r.url, beacon([tag('t0', 'found')], { revision: 9 }))).json()).toEqual({ accepted: 0, ignored: 1 });
    const blog = await fetch(`${r.url}/v1/sites/blog/health`, { method: 'POST', body: JSON.stringify(beacon([tag('t0', 'found')], { site: 'blog' })) });
    expect(await blog.json()).toEqual({ accepted: 0, ignored: 1 });
    const after = await r.request('/v1/sites/shop/config.json');
    expect(after.headers.get('etag')).toBe(etag);
    expect((await (await r.request('/v1/sites/shop/versions', { token: r.tokens.viewer })).json()).total).toBe(1);
    // Reading health needs a token; the beacon route is open to pages of any origin.
    expect((await r.request('/v1/sites/shop/health')).status).toBe(401);
    const cors = await send(r.url, beacon([]), { origin: 'https://www.shop.example' });
    expect(cors.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('rate-limits beacons per client with 429 and Retry-After', async () => {
    const r = await started({ healthRateLimit: 3, trustProxy: true });
    const from = (ip: string) => send(r.url, beacon([tag('t0', 'found')]), { 'x-forwarded-for': ip });
    for (let i = 0; i < 3; i++) expect((await from('10.1.1.1')).status).toBe(202);
    const limited = await from('10.1.1.1');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await from('10.1.1.2')).status).toBe(202);
  });

  it('keeps the store bounded whatever a flooding client sends: rows only for known tags, revisions in the window, the current bucket', async () => {
    const r = await started({ healthRevisionWindow: 2, healthRateLimit: 0 });
    for (let revision = 2; revision <= 4; revision++) {
      await r.request('/v1/sites/shop/versions', { token: r.tokens.publisher, body: { config: makeConfig('shop', 3) } });
    }
    const flood = Array.from({ length: 300 }, (_, i) =>
      send(r.url, beacon([tag('t0', 'found'), tag(`made-up-${i}`, 'absent'), tag('t1', 'absent')], { revision: 1 + (i % 6), path: `/x/${'seg'.repeat(i % 30)}` })),
    );
    expect((await Promise.all(flood)).every((res) => res.status === 202)).toBe(true);
    expect((await r.request('/v1/sites/shop/health', { token: r.tokens.viewer })).status).toBe(200); // flushes
    const db = new Database(r.dbPath, { readonly: true });
    cleanups.push(() => db.close());
    const rows = db.prepare('SELECT tag, revision FROM health ORDER BY tag, revision').all();
    // Live is 4, the window 2: revisions 3 and 4, tags t0 and t1, one bucket.
    expect(rows).toEqual([
      { tag: 't0', revision: 3 },
      { tag: 't0', revision: 4 },
      { tag: 't1', revision: 3 },
      { tag: 't1', revision: 4 },
    ]);
  });

  it('prints the table with `tagpoint health`', async () => {
    const r = await started({ healthThresholds: { minSamples: 1 } });
    await send(r.url, beacon([tag('t0', 'found', 1), tag('t2', 'absent')], { path: '/checkout' }));
    const out = await runCliHere(['health', '--registry', r.url, '--site', 'shop', '--since', '2h'], { env: { TAGPOINT_TOKEN: r.tokens.viewer } });
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const lines = out.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^Tag health of "shop" from .* UTC, live revision 1$/);
    expect(lines[1]).toMatch(/^TAG\s+EVENT\s+STATE\s+SINCE\s+VIEWS\s+FOUND\s+RELOC\s+ABSENT\s+EVENTS\s+LAST FOUND\s+ABSENT ON$/);
    // Problems first.
    expect(lines[2]).toMatch(/^t2\s+Button 2 Clicked\s+broken\s+\S+ \S+ r1\s+1\s+0%\s+0%\s+100%\s+0\s+—\s+\/checkout$/);
    expect(lines[3]).toMatch(/^t1\s+Button 1 Clicked\s+no-traffic\s+—\s+0\s+0%/);
    expect(lines[4]).toMatch(/^t0\s+Button 0 Clicked\s+healthy\s+.*\s+1\s+100%\s+0%\s+0%\s+1\s+\d{4}-/);
    const json = await runCliHere(['health', '--registry', r.url, '--site', 'shop', '--json', '--token', r.tokens.viewer]);
    expect(JSON.parse(json.stdout).tags).toHaveLength(3);
    const refused = await runCliHere(['health', '--registry', r.url, '--site', 'shop', '--token', 'tp_nonenonenone']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/401/);
  });
});

describe('buildHealthReport: the state and where it changed', () => {
  const H = 3600;
  const t0 = Date.UTC(2026, 11, 1, 10) / 1000;
  const row = (hour: number, revision: number, counts: Partial<HealthCounterRow>): HealthCounterRow => ({
    site: 'shop', tag: 'a', bucket: t0 + hour * H, revision, samples: 100, found: 0, relocated: 0, ambiguous: 0, absent: 0, events: 0, lastFound: null, absentPath: null, ...counts,
  });
  const report = (rows: HealthCounterRow[], nowHour = 8) =>
    buildHealthReport({ site: 'shop', liveRevision: 8, tags: [{ id: 'a', event: 'A' }], rows, sinceMs: t0 * 1000, nowMs: (t0 + nowHour * H) * 1000, bucketSeconds: H, thresholds: DEFAULT_HEALTH_THRESHOLDS }).tags[0]!;

  it.each<[string, HealthCounterRow[], string, { at: string; revision: number } | null]>([
    ['healthy all along', [row(0, 7, { found: 100 }), row(1, 7, { found: 99, absent: 1 })], 'healthy', { at: '2026-12-01T10:00:00.000Z', revision: 7 }],
    ['broken from the hour of a site deploy', [row(0, 7, { found: 100 }), row(1, 7, { found: 100 }), row(2, 7, { absent: 100 }), row(3, 7, { absent: 95, found: 5 })], 'broken', { at: '2026-12-01T12:00:00.000Z', revision: 7 }],
    ['broken from a publish in the same hour', [row(0, 7, { found: 100 }), row(1, 7, { found: 60 }), row(1, 8, { absent: 40, samples: 40 })], 'broken', { at: '2026-12-01T11:00:00.000Z', revision: 8 }],
    ['degraded by relocation', [row(0, 7, { found: 100 }), row(1, 7, { relocated: 60, found: 40 })], 'degraded', { at: '2026-12-01T11:00:00.000Z', revision: 7 }],
    ['degraded by ambiguity', [row(0, 7, { found: 85, ambiguous: 15 })], 'degraded', { at: '2026-12-01T10:00:00.000Z', revision: 7 }],
    ['a thin bucket keeps the state before it', [row(0, 7, { absent: 100 }), row(1, 7, { found: 3, samples: 3 })], 'broken', { at: '2026-12-01T10:00:00.000Z', revision: 7 }],
    ['recovered after a fix', [row(0, 7, { absent: 100 }), row(1, 8, { found: 100 })], 'healthy', { at: '2026-12-01T11:00:00.000Z', revision: 8 }],
    ['no beacons', [], 'no-traffic', null],
  ])('%s', (_name, rows, state, since) => {
    const tagHealth = report(rows);
    expect(tagHealth.state).toBe(state);
    expect(tagHealth.stateSince).toEqual(since);
  });

  it('is no-traffic once no bucket was judged for a day', () => {
    expect(report([row(0, 7, { found: 100 })], 30)).toMatchObject({ state: 'no-traffic', stateSince: { at: '2026-12-01T11:00:00.000Z', revision: 7 } });
  });
});

describe('alerts to a webhook', () => {
  async function receiver() {
    const messages: { text: string; blocks: unknown[] }[] = [];
    const server = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        messages.push(JSON.parse(body));
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => server.close(resolve)));
    return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`, messages };
  }

  it('posts once when a tag becomes broken, once when it recovers, not again the same day, and again the next day', async () => {
    const hook = await receiver();
    // The registry's own clock, driven by the test: hourly buckets, hours pass when the test says.
    const H = 3_600_000;
    let clock = Date.UTC(2026, 11, 3, 8, 0, 5);
    const r = await started({
      alertWebhook: hook.url,
      alertCheckIntervalMs: 0,
      healthRateLimit: 0,
      healthThresholds: { minSamples: 3 },
      now: () => clock,
    });
    // GET /health flushes, and the alert check runs inside the flush: after it, every message is in.
    const settle = async () => expect((await r.request('/v1/sites/shop/health', { token: r.tokens.viewer })).status).toBe(200);
    const views = async (state: 'found' | 'absent', count = 4) => {
      for (let i = 0; i < count; i++) expect((await send(r.url, beacon([tag('t0', state), tag('t1', 'found')], { path: '/checkout' }))).status).toBe(202);
      await settle();
    };
    await views('found');
    expect(hook.messages).toEqual([]);
    clock += H;
    await views('absent');
    expect(hook.messages).toHaveLength(1);
    expect(hook.messages[0]!.text).toMatch(/tag "t0" \(Button 0 Clicked\) of site shop is broken since 2026-12-03 09:00 UTC \(revision 1\): target absent on 100% of 4 views, last on \/checkout\./);
    expect(hook.messages[0]!.blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: expect.stringContaining(':rotating_light:') } }]);
    await views('absent');
    expect(hook.messages).toHaveLength(1);
    clock += H;
    await views('found');
    expect(hook.messages).toHaveLength(2);
    expect(hook.messages[1]!.text).toMatch(/tag "t0" .* has recovered/);
    // Broken again the same day: no second problem message (at most one per tag per day).
    clock += H;
    await views('absent');
    expect(hook.messages).toHaveLength(2);
    // A day after the first alert it is said again (its recovery in between was never alerted, so it is not either).
    clock += 24 * H;
    await views('found');
    clock += H;
    await views('absent');
    expect(hook.messages.map((m) => m.text.match(/broken|recovered/)?.[0])).toEqual(['broken', 'recovered', 'broken']);
    expect(hook.messages[2]!.text).toMatch(/broken since 2026-12-04 12:00 UTC/);
    expect(hook.messages.every((m) => !m.text.includes('"t1"'))).toBe(true);
  });
});
