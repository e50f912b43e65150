// @vitest-environment node
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRegistryClient } from '../../../lib/publish';
import { createRegistry, createStore, openDatabase } from '../../../lib/server';
import { spawnServe } from './cli-helpers';
import { makeConfig, startRegistry, tempDir } from './helpers';

// Some tests spawn `node bin/tagpoint.mjs serve` (tsx compiles on start: about a second on 2 cores).
vi.setConfig({ testTimeout: 60_000, hookTimeout: 30_000 });

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function started(options: Parameters<typeof startRegistry>[0] = {}) {
  const r = await startRegistry(options);
  cleanups.push(() => r.stop());
  return r;
}

/**
 * Opens a raw TCP connection, sends `head` at once, then trickles `trickle` one byte every
 * `everyMs`, never ending the request itself. Resolves when the SERVER closes the connection,
 * with what it answered and how long after the first byte it closed.
 */
function trickle(url: string, head: string, trickleText: string, everyMs = 50) {
  const { hostname, port } = new URL(url);
  return new Promise<{ answer: string; closedAfterMs: number; answeredAfterMs: number | undefined }>((resolve) => {
    const socket = connect(Number(port), hostname);
    const start = Date.now();
    let answer = '';
    let answeredAfterMs: number | undefined;
    let sent = 0;
    const timer = setInterval(() => {
      if (!socket.destroyed && socket.writable) socket.write(trickleText[sent++ % trickleText.length]!);
    }, everyMs);
    socket.on('connect', () => socket.write(head));
    socket.on('data', (chunk) => {
      answeredAfterMs ??= Date.now() - start;
      answer += chunk;
    });
    socket.on('error', () => {}); // a reset from the server also ends the connection: 'close' follows
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ answer, closedAfterMs: Date.now() - start, answeredAfterMs });
    });
  });
}

const postHead = (path: string, token: string | undefined, length: number) =>
  `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n` +
  (token ? `Authorization: Bearer ${token}\r\n` : '') +
  '\r\n';

describe('slow clients cannot pin a connection', () => {
  it('closes a trickling body after a 401 within unreadBodyLingerMs of the answer', async () => {
    const r = await started({ unreadBodyLingerMs: 300, requestTimeout: 60_000 });
    const result = await trickle(r.url, postHead('/v1/sites/shop/versions', 'tp_wrongwrongwrong', 1_000_000), '{"config":');
    expect(result.answer).toMatch(/^HTTP\/1\.1 401 /);
    expect(result.answer).toMatch(/connection: close/i);
    // Closed by the server after the linger, not at the 60 s request timeout. The bound only
    // tells those two apart: a tight one would fail on a busy machine, not on a bad server.
    expect(result.closedAfterMs - result.answeredAfterMs!).toBeLessThan(30_000);
  });

  it('closes a trickling body with a valid token at requestTimeout', async () => {
    const r = await started({ requestTimeout: 1_000, headersTimeout: 1_000 });
    const result = await trickle(r.url, postHead('/v1/sites/shop/versions', r.tokens.publisher, 1_000_000), '{"config":');
    expect(result.closedAfterMs).toBeGreaterThanOrEqual(1_000);
    // Without the timeout the trickle would hold the connection for ever (the test's 60 s).
    expect(result.closedAfterMs).toBeLessThan(30_000);
    expect(result.answer === '' || /^HTTP\/1\.1 408 /.test(result.answer)).toBe(true);
  });

  it('closes a connection whose headers trickle in at headersTimeout', async () => {
    const r = await started({ headersTimeout: 800, requestTimeout: 120_000 });
    const result = await trickle(r.url, 'GET /healthz HTTP/1.1\r\n', 'X-Slow: aaaaaaaa\r\n'.repeat(50), 30);
    expect(result.closedAfterMs).toBeGreaterThanOrEqual(800);
    // Well before the request timeout: the headers timeout closed it.
    expect(result.closedAfterMs).toBeLessThan(30_000);
    expect(result.answer).not.toMatch(/200 OK/);
  });

  it('has a body limit per route: a rollback body is small, a publish may be large', async () => {
    const r = await started({ smallBodyLimit: 1024, bodyLimit: 256 * 1024 });
    const big = makeConfig('shop', 200);
    expect(JSON.stringify(big).length).toBeGreaterThan(1024);
    const published = await r.request('/v1/sites/shop/versions', { token: r.tokens.publisher, body: { config: big } });
    expect(published.status).toBe(201);
    const rollback = await r.request('/v1/sites/shop/rollback', { token: r.tokens.publisher, body: { revision: 1, message: 'x'.repeat(2000) } });
    expect(rollback.status).toBe(413);
    expect((await rollback.json()).error).toMatch(/limit of 1024 bytes for POST \/v1\/sites\/:site\/rollback/);
  });
});

describe('failed authentication is rate limited per client', () => {
  it('answers 429 with Retry-After after authFailureLimit bad tokens, for every authenticated route of that client', async () => {
    const r = await started({ authFailureLimit: 3, authFailureWindowMs: 60_000 });
    for (let i = 0; i < 3; i++) {
      expect((await r.request('/v1/sites/shop/versions', { token: `tp_guess${i}guessguess` })).status).toBe(401);
    }
    const limited = await r.request('/v1/sites/shop/versions', { token: 'tp_guess4guessguess' });
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await limited.json()).error).toMatch(/too many failed authentications/);
    // A valid token from the same address waits too: the limit must not tell a right guess from a wrong one.
    expect((await r.request('/v1/sites/shop/versions', { token: r.tokens.viewer })).status).toBe(429);
    // Public routes are not behind auth and stay open.
    expect((await r.request('/v1/sites/shop/config.json')).status).toBe(404);
    const client = await createRegistryClient({ baseUrl: r.url, token: r.tokens.viewer }).listVersions('shop');
    expect(client).toMatchObject({ ok: false, error: { kind: 'rate-limited', status: 429, retryAfter: expect.any(Number) } });
  });

  it('counts per client IP and forgets the least recently seen beyond authFailureClients (bounded memory)', async () => {
    const r = await started({ authFailureLimit: 2, authFailureClients: 2, trustProxy: true });
    const from = (ip: string, token = 'tp_badbadbadbad') => r.request('/v1/sites/shop/versions', { token, headers: { 'x-forwarded-for': ip } });
    expect((await from('10.0.0.1')).status).toBe(401);
    expect((await from('10.0.0.1')).status).toBe(401);
    expect((await from('10.0.0.1')).status).toBe(429);
    // Another client is not affected.
    expect((await from('10.0.0.2', r.tokens.viewer)).status).toBe(200);
    expect((await from('10.0.0.2')).status).toBe(401);
    // Two more clients push 10.0.0.1 out of the two remembered ones.
    expect((await from('10.0.0.3')).status).toBe(401);
    expect((await from('10.0.0.4')).status).toBe(401);
    expect((await from('10.0.0.1', r.tokens.viewer)).status).toBe(200);
  });
});

describe('paginated history', () => {
  it('pages with ?before=&limit=, has a default and a maximum page size, and the client walks every page', async () => {
    const r = await started({ historyPageSize: 4, historyMaxPageSize: 5 });
    for (let i = 1; i <= 7; i++) {
      expect((await r.request('/v1/sites/shop/versions', { token: r.tokens.publisher, body: { config: makeConfig('shop', 1), message: `m${i}` } })).status).toBe(201);
    }
    const page = async (query: string) => {
      const res = await r.request(`/v1/sites/shop/versions${query}`, { token: r.tokens.viewer });
      return { status: res.status, body: await res.json() };
    };
    const revisions = (body: { versions: { revision: number }[] }) => body.versions.map((v) => v.revision);
    const first = await page('');
    expect(revisions(first.body)).toEqual([7, 6, 5, 4]);
    expect(first.body).toMatchObject({ total: 7, nextBefore: 4 });
    const second = await page('?before=4');
    expect(revisions(second.body)).toEqual([3, 2, 1]);
    expect(second.body.nextBefore).toBeNull();
    expect(revisions((await page('?limit=2&before=6')).body)).toEqual([5, 4]);
    expect((await page('?limit=3')).body.nextBefore).toBe(5);
    for (const [query, path] of [['?limit=6', 'limit'], ['?limit=0', 'limit'], ['?before=abc', 'before'], ['?page=2', 'page']] as const) {
      const bad = await page(query);
      expect(bad.status, query).toBe(400);
      expect(bad.body.errors.map((e: { path: string }) => e.path), query).toEqual([path]);
    }
    const client = createRegistryClient({ baseUrl: r.url, token: r.tokens.viewer });
    const seen: number[] = [];
    for (let before: number | undefined, guard = 0; guard < 10; guard++) {
      const result = await client.listVersions('shop', { before, limit: 3 });
      if (!result.ok) throw new Error(result.error.message);
      seen.push(...result.value.versions.map((v) => v.revision));
      if (result.value.nextBefore === null) break;
      before = result.value.nextBefore;
    }
    expect(seen).toEqual([7, 6, 5, 4, 3, 2, 1]);
  });
});

/** A new SQLite file with a publisher token for "shop". */
function seedDatabase() {
  const dir = tempDir();
  cleanups.push(() => dir.remove());
  const dbPath = join(dir.dir, 'tagpoint.db');
  const store = createStore(openDatabase(dbPath));
  const token = store.createToken({ site: 'shop', role: 'publisher', label: 'test' }).token;
  store.close();
  return { dir: dir.dir, dbPath, token, mirror: join(dir.dir, 'mirror') };
}

const publishTo = (url: string, token: string, config: unknown) =>
  fetch(`${url}/v1/sites/shop/versions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ config }),
  });

function liveInDatabase(dbPath: string): { revision: number; json: string } {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db
      .prepare(`SELECT v.revision, v.config AS json FROM sites s JOIN versions v ON v.site = s.id AND v.revision = s.live_revision WHERE s.id = 'shop'`)
      .get() as { revision: number; json: string };
  } finally {
    db.close();
  }
}

/** Waits until `/healthz` says the mirror repair is done (a signal, not a sleep). */
async function mirrorRepaired(url: string): Promise<void> {
  for (;;) {
    const health = await (await fetch(`${url}/healthz`)).json();
    if (health.mirror === 'ok') return;
    if (health.mirror === 'failed') throw new Error('mirror repair failed');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('a mirror shared by several processes', () => {
  it('ends with config.json equal to the database live revision after interleaved publishes from two processes', async () => {
    const seed = seedDatabase();
    // No background sync: the write protocol alone must leave the right file.
    const servers = await Promise.all([0, 1].map(() => spawnServe(['--db', seed.dbPath, '--mirror', seed.mirror, '--mirror-sync-ms', '0'])));
    for (const server of servers) cleanups.push(() => server.stop());
    // Several rounds: one round of the old "newest this process wrote" rule failed about one time in three.
    for (let round = 1; round <= 3; round++) {
      const responses = await Promise.all(
        Array.from({ length: 30 }, (_, i) => publishTo(servers[i % 2]!.url, seed.token, makeConfig('shop', 1 + (i % 7)))),
      );
      expect(responses.map((res) => res.status)).toEqual(Array(30).fill(201));
      const live = liveInDatabase(seed.dbPath);
      expect(live.revision).toBe(30 * round);
      expect(readFileSync(join(seed.mirror, 'shop', 'config.json'), 'utf8')).toBe(live.json);
    }
    const files = readdirSync(join(seed.mirror, 'shop'));
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(files.filter((f) => /^config\.\d+\.json$/.test(f))).toHaveLength(90);
  });

  it('another running process catches up when one dies between its commit and its mirror write', async () => {
    const seed = seedDatabase();
    const server = await spawnServe(['--db', seed.dbPath, '--mirror', seed.mirror, '--mirror-sync-ms', '100']);
    cleanups.push(() => server.stop());
    expect((await publishTo(server.url, seed.token, makeConfig('shop', 1))).status).toBe(201);
    // A commit by "a process that died before writing the mirror": straight into the database.
    const store = createStore(openDatabase(seed.dbPath));
    store.publish({ site: 'shop', author: 'dead process', config: makeConfig('shop', 3) });
    store.close();
    const live = liveInDatabase(seed.dbPath);
    const file = join(seed.mirror, 'shop', 'config.json');
    while (readFileSync(file, 'utf8') !== live.json) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(readFileSync(join(seed.mirror, 'shop', `config.${live.revision}.json`), 'utf8')).toBe(live.json);
  });

  it('leaves no .tmp file and the database live revision in config.json after kill -9 mid-publish and a restart', async () => {
    const seed = seedDatabase();
    const first = await spawnServe(['--db', seed.dbPath, '--mirror', seed.mirror]);
    let accepted = 0;
    let stop = false;
    const publisher = (async () => {
      for (let i = 0; !stop; i++) {
        try {
          const res = await publishTo(first.url, seed.token, makeConfig('shop', 300 + (i % 5)));
          if (res.status === 201) accepted++;
        } catch {
          return; // the connection died with the process
        }
      }
    })();
    while (accepted < 3) await new Promise((resolve) => setTimeout(resolve, 5));
    first.child.kill('SIGKILL');
    await first.stop();
    stop = true;
    await publisher;
    // Whatever the kill left, add the leftover of another dead process for certain.
    const dead = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => dead.on('close', resolve));
    const leftover = join(seed.mirror, 'shop', `config.json.${dead.pid}.deadbeef.tmp`);
    writeFileSync(leftover, '{"half":');

    const second = await spawnServe(['--db', seed.dbPath, '--mirror', seed.mirror]);
    cleanups.push(() => second.stop());
    await mirrorRepaired(second.url);
    const files = readdirSync(join(seed.mirror, 'shop'));
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const live = liveInDatabase(seed.dbPath);
    expect(readFileSync(join(seed.mirror, 'shop', 'config.json'), 'utf8')).toBe(live.json);
    expect(files.filter((f) => /^config\.\d+\.json$/.test(f))).toHaveLength(live.revision);
  });

  it('serves while it repairs: listen comes first, the repair runs after in bounded batches', async () => {
    const seed = seedDatabase();
    const store = createStore(openDatabase(seed.dbPath));
    for (let i = 0; i < 400; i++) store.publish({ site: 'shop', author: 'seed', config: makeConfig('shop', 1 + (i % 3)) });
    store.close();
    const registry = createRegistry({ port: 0, dbPath: seed.dbPath, mirrorDir: seed.mirror, mirrorRepairBatch: 20 });
    cleanups.push(() => registry.close());
    let repaired = false;
    const url = await registry.listen();
    void registry.mirrorRepaired().then(() => (repaired = true));
    const [config, health] = await Promise.all([fetch(`${url}/v1/sites/shop/config.json`), fetch(`${url}/healthz`)]);
    expect(config.status).toBe(200);
    expect((await config.json()).revision).toBe(400);
    expect((await health.json()).mirror).toBe('repairing');
    expect(repaired).toBe(false);
    await registry.mirrorRepaired();
    expect(readdirSync(join(seed.mirror, 'shop')).filter((f) => /^config\.\d+\.json$/.test(f))).toHaveLength(400);
    expect(JSON.parse(readFileSync(join(seed.mirror, 'shop', 'config.json'), 'utf8')).revision).toBe(400);
  });
});
