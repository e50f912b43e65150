// @vitest-environment node
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMirror, createStore, openDatabase, SCHEMA_VERSION } from '../../../lib/server';
import { spawnServe } from './cli-helpers';
import { makeConfig, startRegistry, tempDir, type Started } from './helpers';

// These tests spawn `node bin/tagpoint.mjs` (tsx compiles on start: about half a second each on 2 cores).
vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 });

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function started(options: Parameters<typeof startRegistry>[0] = {}, dir = tempDir()) {
  const r = await startRegistry(options, dir);
  cleanups.push(() => r.stop());
  return r;
}

const publish = (r: Started, body: unknown, url = r.url) =>
  fetch(`${url}/v1/sites/shop/versions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${r.tokens.publisher}` },
    body: JSON.stringify(body),
  });

describe('concurrent publishes on the same base', () => {
  it.each([2, 8])('let exactly one of %i win; the others get 409 with the winner as current revision', async (count) => {
    const r = await started();
    expect((await publish(r, { config: makeConfig(), baseRevision: 0 })).status).toBe(201);
    const responses = await Promise.all(
      Array.from({ length: count }, (_, i) => publish(r, { config: makeConfig('shop', i + 1), baseRevision: 1, message: `racer ${i}` })),
    );
    const statuses = responses.map((res) => res.status).sort();
    expect(statuses).toEqual([201, ...Array(count - 1).fill(409)]);
    const bodies = await Promise.all(responses.map((res) => res.json()));
    const conflicts = bodies.filter((b) => 'error' in b);
    expect(new Set(conflicts.map((b) => b.currentRevision))).toEqual(new Set([2]));
    const { versions } = await (await r.request('/v1/sites/shop/versions', { token: r.tokens.viewer })).json();
    expect(versions.map((v: { revision: number }) => v.revision)).toEqual([2, 1]);
  });

  it('across two registry processes on one SQLite file, exactly one wins', async () => {
    const r = await started();
    const child = await spawnServe(['--db', r.dbPath]);
    cleanups.push(() => child.stop());
    expect((await publish(r, { config: makeConfig(), baseRevision: 0 })).status).toBe(201);
    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, i) => publish(r, { config: makeConfig('shop', i + 1), baseRevision: 1 }, i % 2 ? child.url : r.url)),
    );
    expect(responses.map((res) => res.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    // The in-process registry notices the other process's commit (its cache keys on SQLite's data_version).
    const fromChild = await (await fetch(`${child.url}/v1/sites/shop/config.json`)).json();
    const fromHere = await (await r.request('/v1/sites/shop/config.json')).json();
    expect(fromHere).toEqual(fromChild);
    expect(fromHere.revision).toBe(2);
  });
});

it('keeps serving reads while publishes run', async () => {
  const r = await started();
  expect((await publish(r, { config: makeConfig('shop', 50), baseRevision: 0 })).status).toBe(201);
  const writes = Array.from({ length: 20 }, (_, i) => publish(r, { config: makeConfig('shop', 50 + i) }));
  const reads = Array.from({ length: 100 }, () => r.request('/v1/sites/shop/config.json'));
  const [written, read] = await Promise.all([Promise.all(writes), Promise.all(reads)]);
  expect(written.every((res) => res.status === 201)).toBe(true);
  expect(read.every((res) => res.status === 200)).toBe(true);
  for (const res of read) {
    const config = await res.json();
    // Every read is one whole published version: tag count matches its revision.
    expect(config.tags).toHaveLength(config.revision === 1 ? 50 : 50 + config.revision - 2);
  }
});

it('answers reads while a publish waits for the disk (commits happen off the main thread)', async () => {
  const r = await started();
  expect((await publish(r, { config: makeConfig('shop', 1) })).status).toBe(201);
  // Another connection holds the write lock, as a slow fsync or a second process would.
  const blocker = new Database(r.dbPath);
  cleanups.push(() => blocker.close());
  blocker.exec('BEGIN IMMEDIATE');
  let published = false;
  // The registry has read the whole publish request: its handler, on this same event loop,
  // hands it to the writer before it gets to the read sent afterwards.
  const received = new Promise<void>((resolve) =>
    r.registry.app.server.on('request', (req) => req.method === 'POST' && req.on('end', () => setImmediate(resolve))),
  );
  const pending = publish(r, { config: makeConfig('shop', 2) }).then((res) => ((published = true), res));
  await received;
  const read = await r.request('/v1/sites/shop/config.json');
  expect(read.status).toBe(200);
  expect((await read.json()).revision).toBe(1);
  expect(published).toBe(false);
  blocker.exec('COMMIT');
  const res = await pending;
  expect(res.status).toBe(201);
  expect(await res.json()).toEqual({ revision: 2 });
});

it('keeps every version, the live one and the tokens across a restart', async () => {
  const dir = tempDir();
  cleanups.push(() => dir.remove());
  const first = await startRegistry({}, dir);
  for (let i = 1; i <= 3; i++) expect((await publish(first, { config: makeConfig('shop', i), message: `m${i}` })).status).toBe(201);
  expect((await first.request('/v1/sites/shop/rollback', { token: first.tokens.publisher, body: { revision: 2 } })).status).toBe(201);
  const before = await (await first.request('/v1/sites/shop/versions', { token: first.tokens.viewer })).json();
  const liveBefore = await (await first.request('/v1/sites/shop/config.json')).json();
  await first.stop(false);

  const { createRegistry } = await import('../../../lib/server');
  const second = createRegistry({ port: 0, dbPath: first.dbPath });
  cleanups.push(() => second.close());
  const url = await second.listen();
  const after = await (await fetch(`${url}/v1/sites/shop/versions`, { headers: { authorization: `Bearer ${first.tokens.viewer}` } })).json();
  expect(after).toEqual(before);
  expect(after.versions).toHaveLength(4);
  expect(await (await fetch(`${url}/v1/sites/shop/config.json`)).json()).toEqual(liveBefore);
  for (let revision = 1; revision <= 4; revision++) {
    const res = await fetch(`${url}/v1/sites/shop/versions/${revision}`, { headers: { authorization: `Bearer ${first.tokens.viewer}` } });
    expect((await res.json()).revision).toBe(revision);
  }
  const next = await fetch(`${url}/v1/sites/shop/versions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${first.tokens.publisher}` },
    body: JSON.stringify({ config: makeConfig(), baseRevision: 4 }),
  });
  expect(await next.json()).toEqual({ revision: 5 });
});

it('leaves a consistent database, the last committed version live, when the process is killed mid-publish', async () => {
  const dir = tempDir();
  cleanups.push(() => dir.remove());
  const seed = await startRegistry({}, dir);
  await seed.stop(false);
  const child = await spawnServe(['--db', seed.dbPath]);
  const accepted: number[] = [];
  let stop = false;
  const publisher = (async () => {
    for (let i = 0; !stop; i++) {
      try {
        const res = await publish(seed, { config: makeConfig('shop', 200 + (i % 5)) }, child.url);
        if (res.status === 201) accepted.push((await res.json()).revision);
      } catch {
        return; // the connection died with the process
      }
    }
  })();
  while (accepted.length < 5) await new Promise((resolve) => setTimeout(resolve, 5));
  child.child.kill('SIGKILL');
  await child.stop();
  stop = true;
  await publisher;

  const db = new Database(seed.dbPath, { readonly: true });
  cleanups.push(() => db.close());
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  const max = db.prepare('SELECT MAX(revision) FROM versions').pluck().get() as number;
  expect(db.prepare("SELECT live_revision FROM sites WHERE id = 'shop'").pluck().get()).toBe(max);
  // Every publish that was answered 201 is stored (synchronous = FULL; the OS did not crash, the process did).
  expect(max).toBeGreaterThanOrEqual(Math.max(...accepted));
  for (const row of db.prepare('SELECT revision, config FROM versions').all() as { revision: number; config: string }[]) {
    expect(JSON.parse(row.config).revision).toBe(row.revision);
  }
});

describe('static mirror', () => {
  it('writes an immutable file per revision and the live config.json, atomically', async () => {
    const dir = tempDir();
    const mirror = join(dir.dir, 'mirror');
    const r = await started({ mirrorDir: mirror }, dir);
    expect((await publish(r, { config: makeConfig('shop', 1) })).status).toBe(201);
    expect((await publish(r, { config: makeConfig('shop', 2) })).status).toBe(201);
    expect((await r.request('/v1/sites/shop/rollback', { token: r.tokens.publisher, body: { revision: 1 } })).status).toBe(201);
    expect(readdirSync(join(mirror, 'shop')).sort()).toEqual(['config.1.json', 'config.2.json', 'config.3.json', 'config.json']);
    const live = await (await r.request('/v1/sites/shop/config.json')).text();
    expect(readFileSync(join(mirror, 'shop', 'config.json'), 'utf8')).toBe(live);
    expect(readFileSync(join(mirror, 'shop', 'config.3.json'), 'utf8')).toBe(live);
    for (const revision of [1, 2]) {
      const served = await (await r.request(`/v1/sites/shop/versions/${revision}`, { token: r.tokens.viewer })).text();
      expect(readFileSync(join(mirror, 'shop', `config.${revision}.json`), 'utf8')).toBe(served);
    }
  });

  it('ends with the newest revision live when publishes land together', async () => {
    const dir = tempDir();
    const mirror = join(dir.dir, 'mirror');
    const r = await started({ mirrorDir: mirror }, dir);
    const responses = await Promise.all(Array.from({ length: 10 }, (_, i) => publish(r, { config: makeConfig('shop', i + 1) })));
    expect(responses.every((res) => res.status === 201)).toBe(true);
    expect(JSON.parse(readFileSync(join(mirror, 'shop', 'config.json'), 'utf8')).revision).toBe(10);
    expect(readdirSync(join(mirror, 'shop')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('writes the immutable file of a newer live revision another process committed (and may never write)', async () => {
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    const mirrorDir = join(dir.dir, 'mirror');
    const store = createStore(openDatabase(join(dir.dir, 'db.sqlite')));
    cleanups.push(() => store.close());
    const mine = store.publish({ site: 'shop', author: 'this process', config: makeConfig('shop', 1) });
    // Committed by another process between this one's commit and its mirror write; that
    // process dies before writing its own files.
    store.publish({ site: 'shop', author: 'a process that died', config: makeConfig('shop', 2) });
    const mirror = createMirror(mirrorDir, store, { syncIntervalMs: 0 });
    if (!mine.ok) throw new Error('publish failed');
    await mirror.write('shop', mine.version.revision, mine.version.json);
    await mirror.close();
    const live = store.live('shop')!;
    expect(readFileSync(join(mirrorDir, 'shop', 'config.json'), 'utf8')).toBe(live.json);
    // config.json never points at a revision whose own file is missing.
    expect(readFileSync(join(mirrorDir, 'shop', `config.${live.revision}.json`), 'utf8')).toBe(live.json);
    expect(readdirSync(join(mirrorDir, 'shop')).sort()).toEqual(['config.1.json', 'config.2.json', 'config.json']);
  });

  it('is repaired at start from the database', async () => {
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    const mirror = join(dir.dir, 'mirror');
    const first = await startRegistry({}, dir);
    expect((await publish(first, { config: makeConfig('shop', 1) })).status).toBe(201);
    expect((await publish(first, { config: makeConfig('shop', 2) })).status).toBe(201);
    await first.stop(false);
    expect(existsSync(mirror)).toBe(false);
    const second = await startRegistry({ mirrorDir: mirror, dbPath: first.dbPath }, dir);
    cleanups.push(() => second.registry.close());
    await second.registry.mirrorRepaired();
    expect(readdirSync(join(mirror, 'shop')).sort()).toEqual(['config.1.json', 'config.2.json', 'config.json']);
    expect(JSON.parse(readFileSync(join(mirror, 'shop', 'config.json'), 'utf8')).revision).toBe(2);
  });
});

describe('database schema', () => {
  it('records its version in PRAGMA user_version and uses WAL', () => {
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    const db = openDatabase(join(dir.dir, 'nested', 'x.db'));
    cleanups.push(() => db.close());
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('refuses a database written by a newer Tagpoint', () => {
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    const file = join(dir.dir, 'x.db');
    const raw = new Database(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    expect(() => openDatabase(file)).toThrow(/newer than this Tagpoint knows/);
  });
});

describe('closing the registry', () => {
  it('cuts a connection a browser opened and never used, after the grace time, so close() ends', async () => {
    const { connect } = await import('node:net');
    const r = await startRegistry({ closeGraceMs: 50, connectionTimeout: 60_000 });
    const port = Number(new URL(r.url).port);
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    await r.registry.close();
    await ended;
    expect(socket.destroyed).toBe(true);
  });
});
