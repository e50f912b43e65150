// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createCollector, PortInUseError, startDemoStack, type DemoStack } from '../../../lib/demo';

const ZERO_PORTS = { registry: 0, shop: 0, collector: 0 };
const stacks: DemoStack[] = [];
const dirs: string[] = [];

function tempDir() {
  const dir = mkdtempSync(path.join(tmpdir(), 'tagpoint-demo-'));
  dirs.push(dir);
  return dir;
}

afterEach(async () => {
  for (const stack of stacks.splice(0)) await stack.stop();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('startDemoStack', () => {
  it('on first run creates a publisher token, stores it, and publishes the seed config', async () => {
    const dataDir = tempDir();
    const stack = await startDemoStack({ dataDir, ports: ZERO_PORTS });
    stacks.push(stack);
    expect(stack.createdToken).toBe(true);
    expect(stack.seededRevision).toBe(1);
    const state = JSON.parse(readFileSync(path.join(dataDir, 'demo.json'), 'utf8'));
    expect(state).toMatchObject({ site: 'demo', token: stack.token });
    expect(statSync(path.join(dataDir, 'demo.json')).mode & 0o077).toBe(0);

    const live = await (await fetch(`${stack.registryUrl}/v1/sites/demo/config.json`)).json();
    expect(live.revision).toBe(1);
    expect(live.tags.map((t: { event: string }) => t.event)).toEqual(['Product Added', 'Signed Up']);

    // The token publishes for real.
    const res = await fetch(`${stack.registryUrl}/v1/sites/demo/versions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${stack.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ config: { ...live, tags: [] }, message: 'empty' }),
    });
    expect(res.status).toBe(201);
  });

  it('on a later run reuses the token and leaves the live config alone', async () => {
    const dataDir = tempDir();
    const first = await startDemoStack({ dataDir, ports: ZERO_PORTS });
    const token = first.token;
    await first.stop();
    const second = await startDemoStack({ dataDir, ports: ZERO_PORTS });
    stacks.push(second);
    expect(second.createdToken).toBe(false);
    expect(second.token).toBe(token);
    expect(second.seededRevision).toBeUndefined();
    // The history is paged: `{ versions, total, nextBefore }`.
    const history = await (
      await fetch(`${second.registryUrl}/v1/sites/demo/versions`, { headers: { Authorization: `Bearer ${token}` } })
    ).json();
    expect(history.versions).toHaveLength(1);
    expect(history.total).toBe(1);
  });

  it('creates a new token when the stored one is no longer known to the registry', async () => {
    const dataDir = tempDir();
    const first = await startDemoStack({ dataDir, ports: ZERO_PORTS });
    first.registry.store.revokeToken(first.token);
    await first.stop();
    const second = await startDemoStack({ dataDir, ports: ZERO_PORTS });
    stacks.push(second);
    expect(second.createdToken).toBe(true);
    expect(second.token).not.toBe(first.token);
  });

  it('points the shop at its registry and collector', async () => {
    const stack = await startDemoStack({ dataDir: tempDir(), ports: ZERO_PORTS, seedConfig: null });
    stacks.push(stack);
    expect(stack.seededRevision).toBeUndefined();
    const html = await (await fetch(`${stack.shop.url}/products/`)).text();
    expect(html).toContain(`src="${stack.registryUrl}/tagpoint.js"`);
    expect(html).toContain(`"apiHost":"127.0.0.1:${stack.collector.port}/v1"`);
  });

  it.each(['collector', 'shop'] as const)('names the busy %s port and stops what it had started', async (service) => {
    const blocker = await createCollector();
    try {
      const dataDir = tempDir();
      const error = await startDemoStack({ dataDir, ports: { ...ZERO_PORTS, [service]: blocker.port } }).catch((e) => e);
      expect(error).toBeInstanceOf(PortInUseError);
      expect(error.message).toContain(String(blocker.port));
      // The registry that had started is closed again: a new stack on the same data opens it.
      const again = await startDemoStack({ dataDir, ports: ZERO_PORTS });
      stacks.push(again);
    } finally {
      await blocker.stop();
    }
  });

  it('names a busy registry port', async () => {
    const blocker = await createCollector();
    try {
      const error = await startDemoStack({ dataDir: tempDir(), ports: { ...ZERO_PORTS, registry: blocker.port } }).catch((e) => e);
      expect(error).toBeInstanceOf(PortInUseError);
      expect(error.service).toBe('registry');
    } finally {
      await blocker.stop();
    }
  });
});
