// @vitest-environment node
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli, runCliHere, spawnServe } from './cli-helpers';
import { makeConfig, tempDir } from './helpers';

// `runCli` spawns `node bin/tagpoint.mjs` (tsx compiles on start: 1 to 1.5 s each on a loaded
// 2-core machine, more under CI load), so each test spawns at most two processes where the
// process itself is under test (exit code, environment, signals, a busy port); the other
// calls run the same `runCli` in-process (`runCliHere`). The timeout leaves room for a
// machine several times slower than that.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const dir = tempDir('tagpoint-cli-');
const db = join(dir.dir, 'cli.db');
const file = (name: string, content: unknown) => {
  const path = join(dir.dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};
afterAll(() => dir.remove());

describe('tagpoint token', () => {
  it('creates a token printed once, usable for publishing, and revokes it by id or by token', async () => {
    const created = await runCliHere(['token', 'create', '--site', 'shop', '--role', 'publisher', '--label', 'Release bot', '--db', db]);
    expect(created.code).toBe(0);
    const lines = created.stdout.trim().split('\n');
    const token = lines[lines.length - 1]!;
    expect(token).toMatch(/^tp_[A-Za-z0-9_-]{43}$/);
    expect(created.stdout).toMatch(/publisher token tok_[0-9a-f]{12} for site "shop" \(label "Release bot"\)/);
    const id = /tok_[0-9a-f]{12}/.exec(created.stdout)![0];

    const listed = await runCliHere(['token', 'list', '--db', db]);
    expect(listed.stdout).toContain(id);
    expect(listed.stdout).not.toContain(token);

    const server = await spawnServe(['--db', db]);
    try {
      const config = file('revoke.json', makeConfig());
      const args = ['publish', config, '--registry', server.url, '--site', 'shop'];
      // The token from the real environment of a spawned CLI.
      expect((await runCli(args, { env: { TAGPOINT_TOKEN: token } })).code).toBe(0);
      const revoked = await runCliHere(['token', 'revoke', id, '--db', db]);
      expect(revoked.code).toBe(0);
      expect(revoked.stdout).toMatch(new RegExp(`Revoked token ${id}`));
      const refused = await runCliHere(args, { env: { TAGPOINT_TOKEN: token } });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/401.*revoked/);

      const second = await runCliHere(['token', 'create', '--site', 'shop', '--role', 'viewer', '--db', db, '--json']);
      const json = JSON.parse(second.stdout);
      expect(json).toMatchObject({ site: 'shop', role: 'viewer', label: json.id, token: expect.stringMatching(/^tp_/) });
      expect((await runCliHere(['token', 'revoke', json.token, '--db', db])).stdout).toContain(`Revoked token ${json.id}`);
    } finally {
      await server.stop();
    }
  });

  it.each([
    [['token', 'create', '--role', 'viewer'], 2, /needs --site/],
    [['token', 'create', '--site', 'shop', '--role', 'admin'], 2, /--role publisher or --role viewer/],
    [['token', 'create', '--site', 'Bad Site', '--role', 'viewer'], 2, /site id must be/],
    [['token', 'revoke', 'tok_000000000000'], 1, /no token matches/],
    [['token', 'frobnicate'], 2, /unknown token action/],
    [['frobnicate'], 2, /unknown command "frobnicate"/],
    [['serve', '--port', 'eighty'], 2, /--port must be a whole number/],
    [['validate'], 2, /validate needs a FILE/],
    [['publish', 'x.json', '--site', 'shop', '--token', 't'], 2, /needs --registry/],
  ])('%j exits %i with a clear message', async (args, code, message) => {
    const result = await runCliHere([...args, ...(args[0] === 'token' ? ['--db', db] : [])]);
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(message);
  });
});

describe('tagpoint validate', () => {
  it('exits 0 for a valid config', async () => {
    const result = await runCli(['validate', file('good.json', makeConfig('shop', 3))]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/valid tag config for site "shop", 3 tags/);
  });

  it('exits 1 listing every error with its path', async () => {
    const bad = makeConfig('shop', 3) as any;
    bad.tags[0].trigger = 'clik';
    bad.tags[1].target.selector = 'a[';
    delete bad.tags[2].event;
    const result = await runCli(['validate', file('bad.json', bad)]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/3 errors/);
    expect(result.stderr).toMatch(/tags\[0\]\.trigger: .*did you mean "click"/);
    expect(result.stderr).toMatch(/tags\[1\]\.target\.selector: /);
    expect(result.stderr).toMatch(/tags\[2\]\.event: event is required/);
  });

  it.each([
    ['not JSON', '{ "version": 1,', /not valid JSON/],
    ['missing', undefined, /cannot read it \(ENOENT\)/],
  ])('exits 1 for a file that is %s', async (_name, content, message) => {
    const path = content === undefined ? join(dir.dir, 'nope.json') : file('broken.json', content);
    const result = await runCliHere(['validate', path]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
  });
});

describe('tagpoint publish and serve', () => {
  let server: Awaited<ReturnType<typeof spawnServe>>;
  let token: string;
  beforeAll(async () => {
    const created = await runCliHere(['token', 'create', '--site', 'shop', '--role', 'publisher', '--label', 'cli', '--db', db, '--json']);
    token = JSON.parse(created.stdout).token;
    server = await spawnServe(['--db', db, '--mirror', join(dir.dir, 'mirror')]);
    return async () => {
      expect(await server.stop()).toBe(0);
    };
  });

  it('publishes, then exits 1 on a conflict, an invalid config or another site', async () => {
    const good = file('publish.json', makeConfig('shop', 2));
    const first = await runCliHere(['publish', good, '--registry', server.url, '--site', 'shop', '--token', token, '-m', 'from CI']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const revision = Number(/revision (\d+)/.exec(first.stdout)![1]);
    const { versions } = await (await fetch(`${server.url}/v1/sites/shop/versions`, { headers: { authorization: `Bearer ${token}` } })).json();
    expect(versions[0]).toMatchObject({ revision, message: 'from CI', author: 'cli', tagCount: 2 });

    const conflict = await runCliHere(['publish', good, '--registry', server.url, '--site', 'shop', '--token', token, '--base', String(revision - 1)]);
    expect(conflict.code).toBe(1);
    expect(conflict.stderr).toMatch(new RegExp(`409.*live revision: ${revision}`));

    const bad = makeConfig() as any;
    bad.tags[0].trigger = 'hover';
    const invalid = await runCliHere(['publish', file('invalid.json', bad), '--registry', server.url, '--site', 'shop', '--token', token]);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/tags\[0\]\.trigger/);

    const wrongSite = await runCliHere(['publish', good, '--registry', server.url, '--site', 'blog', '--token', token]);
    expect(wrongSite.code).toBe(1);
    expect(wrongSite.stderr).toMatch(/for site "shop", not --site blog/);
  });

  it('exits 1 when the registry cannot be reached', async () => {
    const result = await runCliHere(['publish', file('unreachable.json', makeConfig()), '--registry', 'http://127.0.0.1:9', '--site', 'shop', '--token', token]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/could not reach the registry/);
  });

  it('serve explains a busy port', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const result = await runCli(['serve', '--port', String(port), '--db', join(dir.dir, 'busy.db')]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(new RegExp(`port ${port} is already in use on 127.0.0.1; .*--port`));
    } finally {
      blocker.close();
    }
  });
});
