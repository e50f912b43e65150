/**
 * The HTTP sink over real HTTP to the demo collector (lib/demo/collector.ts) and to a small
 * server that fails on purpose; the page side is happy-dom. Delivery on page unload
 * (sendBeacon) is tested in real Chromium: test/e2e/http-sink.spec.ts.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCollector, type Collector } from '../../../lib/demo/collector';
import { createDelivery } from '../../../lib/runtime/http/delivery';
import { ANONYMOUS_ID_KEY, USER_ID_KEY, topDomain } from '../../../lib/runtime/http/identity';
import { apiBase, createHttpSink, type HttpSink } from '../../../lib/runtime/http/sink';

let collector: Collector;
const sinks: HttpSink[] = [];
const sink = (options: Partial<Parameters<typeof createHttpSink>[0]> = {}) => {
  const s = createHttpSink({ writeKey: 'wk_test', apiHost: `${collector.url}/v1`, persist: false, ...options });
  sinks.push(s);
  return s;
};
const ctx = (tag: string) => ({ context: { tagpoint: { tag, revision: 3 } } });

beforeEach(async () => {
  localStorage.clear();
  for (const c of document.cookie.split('; ')) if (c) document.cookie = `${c.split('=')[0]}=; max-age=0; path=/`;
  collector = await createCollector();
});
afterEach(async () => {
  for (const s of sinks.splice(0)) s.stop();
  await collector.stop();
});

describe('HTTP sink messages', () => {
  it('batches calls into one /v1/batch post with the write key in the body and the Spec fields', async () => {
    const s = sink();
    s.track('Product Added', { price: 1299 }, ctx('add'));
    s.page('Shop', 'Product', { sku: 'D-1' }, ctx('pv'));
    s.track('Cart Viewed', {}, ctx('cart'));
    await s.flush();
    const events = collector.events();
    expect(events.map((e) => [e.path, e.type, e.writeKey, e.auth])).toEqual([
      ['/v1/batch', 'track', 'wk_test', 'body'],
      ['/v1/batch', 'page', 'wk_test', 'body'],
      ['/v1/batch', 'track', 'wk_test', 'body'],
    ]);
    const [added, page] = events.map((e) => e.payload as any);
    expect(added).toMatchObject({ type: 'track', event: 'Product Added', properties: { price: 1299 }, anonymousId: s.anonymousId(), integrations: {} });
    expect(added.context).toMatchObject({ tagpoint: { tag: 'add', revision: 3 }, library: { name: 'tagpoint-http' }, page: { path: location.pathname, url: location.href } });
    expect(page).toMatchObject({ name: 'Product', category: 'Shop', properties: { sku: 'D-1', name: 'Product', category: 'Shop', path: location.pathname, url: location.href } });
    expect(new Set(events.map((e) => e.payload.messageId)).size).toBe(3);
    expect(Date.parse(added.timestamp)).toBeGreaterThan(0);
  });

  it('without batching posts each call to its own endpoint; identify keeps the user id for later calls', async () => {
    const s = sink({ batch: false });
    s.identify('user_123', { email: 'ada@example.com', name: 'Ada' }, ctx('signup'));
    s.track('Signed Up', {}, ctx('signed'));
    await expect.poll(() => collector.events().length).toBe(2);
    const [identify, track] = collector.events();
    expect(identify).toMatchObject({ path: '/v1/identify', payload: { type: 'identify', userId: 'user_123', traits: { email: 'ada@example.com', name: 'Ada' } } });
    expect(track).toMatchObject({ path: '/v1/track', payload: { userId: 'user_123', anonymousId: s.anonymousId() } });
    expect(JSON.parse(localStorage.getItem(USER_ID_KEY)!)).toBe('user_123');
    expect(document.cookie).toContain(`${USER_ID_KEY}=user_123`);
  });

  it('an identify without user id keeps the current one', async () => {
    localStorage.setItem(USER_ID_KEY, JSON.stringify('u-9'));
    const s = sink();
    s.identify(undefined, { plan: 'pro' }, ctx('i'));
    s.identify(null, { plan: 'pro' }, ctx('i'));
    await s.flush();
    expect(collector.events().map((e) => e.payload.userId)).toEqual(['u-9', 'u-9']);
  });

  it('sends Basic auth as Segment does when asked', async () => {
    const s = sink({ auth: 'basic' });
    s.track('A', {}, ctx('a'));
    await s.flush();
    expect(collector.events()[0]).toMatchObject({ writeKey: 'wk_test', auth: 'basic' });
  });

  it('is inert without a valid write key, and never throws', async () => {
    const s = createHttpSink({ writeKey: '' });
    expect(() => s.track('A', {}, {})).not.toThrow();
    await s.flush();
    expect(createHttpSink({ writeKey: 'has space' }).flush()).toBeInstanceOf(Promise);
  });

  it('reads the API host as analytics.js does', () => {
    expect(apiBase()).toBe('https://api.segment.io/v1');
    expect(apiBase('events.example.com/v1/')).toBe('https://events.example.com/v1');
    expect(apiBase('http://127.0.0.1:8789/v1')).toBe('http://127.0.0.1:8789/v1');
  });
});

describe('anonymous id, kept like analytics.js keeps it', () => {
  it('creates a UUID v4 and keeps it in localStorage (JSON) and the ajs_anonymous_id cookie', () => {
    const id = sink().anonymousId();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(localStorage.getItem(ANONYMOUS_ID_KEY)).toBe(JSON.stringify(id));
    expect(document.cookie).toContain(`${ANONYMOUS_ID_KEY}=${id}`);
    expect(sink().anonymousId()).toBe(id);
  });

  it("takes over analytics.js's id from localStorage, or else from its cookie", () => {
    localStorage.setItem(ANONYMOUS_ID_KEY, JSON.stringify('from-ajs-storage'));
    expect(sink().anonymousId()).toBe('from-ajs-storage');
    localStorage.clear();
    document.cookie = `${ANONYMOUS_ID_KEY}=from-ajs-cookie; path=/`;
    expect(sink().anonymousId()).toBe('from-ajs-cookie');
    // Classic analytics.js wrote the cookie JSON-encoded.
    document.cookie = `${ANONYMOUS_ID_KEY}=${encodeURIComponent('"quoted-id"')}; path=/`;
    expect(sink().anonymousId()).toBe('quoted-id');
  });

  it('sets no domain on an IP address or a single-label host', () => {
    expect(topDomain('127.0.0.1')).toBeUndefined();
    expect(topDomain('localhost')).toBeUndefined();
  });
});

describe('delivery: retries and what is kept', () => {
  /** A server answering the statuses given, in turn, then 200; it records every body. */
  async function flaky(statuses: number[]) {
    const bodies: any[] = [];
    const server = http.createServer((req, res) => {
      if (req.method === 'OPTIONS') {
        res.writeHead(204, { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': 'Content-Type, Authorization', 'Access-Control-Allow-Methods': 'POST' });
        return res.end();
      }
      let text = '';
      req.on('data', (c) => (text += c));
      req.on('end', () => {
        bodies.push({ path: req.url, body: JSON.parse(text), at: Date.now() });
        const status = statuses.shift() ?? 200;
        res.writeHead(status, { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'application/json' });
        res.end('{}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    return { bodies, url, close: () => new Promise<void>((r) => server.close(() => r())) };
  }

  it('retries a 503 and a 429 with growing delays, then delivers once', async () => {
    const server = await flaky([503, 429]);
    const d = createDelivery({ endpoint: server.url, writeKey: 'wk', size: 1, base: 40, storageKey: false });
    try {
      d.add({ type: 'track', messageId: 'm1', event: 'A' });
      await expect.poll(() => server.bodies.length, { timeout: 5000 }).toBe(3);
      await expect.poll(() => d.pending()).toBe(0);
      expect(server.bodies.map((b) => b.body.messageId)).toEqual(['m1', 'm1', 'm1']);
      const [a, b, c] = server.bodies.map((x) => x.at);
      // Backoff 40 ms then 80 ms, each jittered down by at most half.
      expect(b - a).toBeGreaterThanOrEqual(18);
      expect(c - b).toBeGreaterThanOrEqual(38);
    } finally {
      d.stop();
      await server.close();
    }
  });

  it('drops a message the API refuses (400) and one that failed every attempt', async () => {
    const server = await flaky([400, 500, 500]);
    const d = createDelivery({ endpoint: server.url, writeKey: 'wk', size: 1, base: 5, attempts: 2, storageKey: false });
    try {
      d.add({ type: 'track', messageId: 'refused', event: 'A' });
      await expect.poll(() => server.bodies.length).toBe(1);
      d.add({ type: 'track', messageId: 'failing', event: 'B' });
      await expect.poll(() => server.bodies.length).toBe(3);
      await expect.poll(() => d.pending()).toBe(0);
      expect(server.bodies.map((b) => b.body.messageId)).toEqual(['refused', 'failing', 'failing']);
    } finally {
      d.stop();
      await server.close();
    }
  });

  it('keeps unsent messages in localStorage, and the next page sends them', async () => {
    const first = createDelivery({ endpoint: `${collector.url}/v1`, writeKey: 'wk', size: 10, timeout: 60_000 });
    first.add({ type: 'track', messageId: 'left-behind', event: 'A' });
    first.stop();
    expect(JSON.parse(localStorage.getItem('tagpoint_http:wk')!)).toEqual([{ message: { type: 'track', messageId: 'left-behind', event: 'A' }, attempt: 0 }]);
    const next = createDelivery({ endpoint: `${collector.url}/v1`, writeKey: 'wk' });
    try {
      await expect.poll(() => collector.events().map((e) => e.payload.messageId)).toEqual(['left-behind']);
      await expect.poll(() => localStorage.getItem('tagpoint_http:wk')).toBeNull();
    } finally {
      next.stop();
    }
  });

  it('sends at once when a batch is full, and after the timeout otherwise', async () => {
    // A full batch: with a timeout no test waits for, only the size can have sent it (a
    // bound on how fast it arrives would fail on a busy machine).
    const full = createDelivery({ endpoint: `${collector.url}/v1`, writeKey: 'wk', size: 2, timeout: 600_000, storageKey: false });
    try {
      full.add({ type: 'track', messageId: 'a', event: 'A' });
      full.add({ type: 'track', messageId: 'b', event: 'B' });
      await expect.poll(() => collector.events().length).toBe(2);
    } finally {
      full.stop();
    }
    const d = createDelivery({ endpoint: `${collector.url}/v1`, writeKey: 'wk', size: 2, timeout: 150, storageKey: false });
    try {
      const t0 = Date.now();
      d.add({ type: 'track', messageId: 'c', event: 'C' });
      await expect.poll(() => collector.events().length).toBe(3);
      // A lower bound only: a timer never fires early, however busy the machine.
      expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    } finally {
      d.stop();
    }
  });
});
