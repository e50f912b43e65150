/**
 * `start()` never throws into the page, whatever it is given; the config cache in
 * localStorage stays within `cacheLimit` and never makes the page's own storage fail.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { start, type TagpointHandle } from '../../../lib/runtime';
import type { DebugMessage } from '../../../lib/runtime/debug-protocol';

const handles: TagpointHandle[] = [];
const config = (tags: unknown[] = []) => ({ version: 1, site: 'shop', revision: 3, tags });
const URL_ = 'https://cdn.example/config.json';

afterEach(() => {
  for (const h of handles.splice(0)) h.stop();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  localStorage.clear();
});

describe('start() never throws', () => {
  const cyclic: Record<string, unknown> = { version: 1, site: 'shop', revision: 1, tags: [] };
  cyclic.self = cyclic;
  (cyclic.tags as unknown[]).push(cyclic);
  const throwing = Object.defineProperty({}, 'config', { enumerable: true, get: () => { throw new Error('getter'); } });
  const trap = () => { throw new Error('trap'); };
  const proxy = new Proxy({}, { get: trap, ownKeys: trap, getOwnPropertyDescriptor: trap, has: trap });
  const inputs: [string, unknown][] = [
    ['null', null],
    ['a number', 42],
    ['a string', 'config.json'],
    ['a function', () => 1],
    ['an array', [1, 2]],
    ['a getter that throws', throwing],
    ['a proxy that throws on every trap', proxy],
    ['options whose config is a proxy', { config: proxy }],
    ['options whose config is cyclic', { config: cyclic }],
    ['a configUrl that throws when read as text', { configUrl: { toString: trap } }],
    ['a timeout that throws when read as a number', { configUrl: URL_, timeout: { valueOf: trap } }],
    ['a debug reporter that throws', { config: config(), debug: trap }],
    ['a track function that throws', { config: config([{ id: 'p', event: 'Viewed', trigger: 'pageview' }]), track: trap }],
  ];

  beforeEach(() => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify(config()))));
  });

  it.each(inputs)('given %s', async (_, input) => {
    let result: unknown;
    expect(() => (result = start(input as never))).not.toThrow();
    const handle = (await result) as TagpointHandle;
    handles.push(handle);
    expect(typeof handle.stop).toBe('function');
    expect(() => handle.update(proxy)).not.toThrow();
  });

  it('given nothing at all, still a handle', () => {
    const handle = start() as TagpointHandle;
    handles.push(handle);
    expect(handle.update(config())).toBe(true);
  });
});

describe('the config cache', () => {
  const messages: DebugMessage[] = [];
  const debug = (m: DebugMessage) => void messages.push(m);
  const key = 'tagpoint:config:' + URL_;
  const serve = (body: string) => vi.stubGlobal('fetch', vi.fn(async () => new Response(body)));
  const run = async (options: Record<string, unknown> = {}) => handles.push(await start({ configUrl: URL_, debug, ...options }));

  beforeEach(() => {
    messages.length = 0;
  });

  it('keeps a config within the limit as <revision>\\n<text>', async () => {
    const text = JSON.stringify(config());
    serve(text);
    await run();
    expect(localStorage.getItem(key)).toBe('3\n' + text);
  });

  it('does not keep a config past cacheLimit, and drops an older copy of it', async () => {
    localStorage.setItem(key, '2\n' + JSON.stringify({ ...config(), revision: 2 }));
    const text = JSON.stringify({ ...config(), padding: 'x'.repeat(2000) });
    serve(text);
    await run({ cacheLimit: 1000 });
    expect(localStorage.getItem(key)).toBeNull();
    expect(messages).toContainEqual(expect.objectContaining({ type: 'load-error', reason: 'cache: too long to keep' }));
    // The config itself is in use all the same.
    expect(messages).toContainEqual(expect.objectContaining({ type: 'config', origin: 'network' }));
  });

  it('the default limit is 256 Ki characters', async () => {
    serve(JSON.stringify({ ...config(), padding: 'x'.repeat(262_144) }));
    await run();
    expect(localStorage.getItem(key)).toBeNull();
    const fits = JSON.stringify({ ...config(), padding: 'x'.repeat(200_000) });
    serve(fits);
    await run();
    expect(localStorage.getItem(key)).toBe('3\n' + fits);
  });

  it('a full storage costs the copy, with a reason, and leaves the page its own room', async () => {
    serve(JSON.stringify(config()));
    const quota = vi.spyOn(localStorage, 'setItem').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    let calls = 0;
    try {
      await run();
      calls = quota.mock.calls.length;
    } finally {
      quota.mockRestore();
    }
    expect(calls).toBe(1);
    expect(localStorage.getItem(key)).toBeNull();
    expect(messages).toContainEqual(expect.objectContaining({ type: 'load-error', reason: expect.stringMatching(/^cache: .*quota/i) }));
    expect(messages).toContainEqual(expect.objectContaining({ type: 'config', origin: 'network' }));
  });

  it('falls back to the kept copy when the fetch fails', async () => {
    localStorage.setItem(key, '2\n' + JSON.stringify({ ...config(), revision: 2 }));
    vi.stubGlobal('fetch', vi.fn(async () => new Response('', { status: 503 })));
    await run();
    expect(messages).toContainEqual(expect.objectContaining({ type: 'config', origin: 'cache', revision: 2 }));
  });
});
