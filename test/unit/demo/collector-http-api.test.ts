// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import { createCollector, type Collector } from '../../../lib/demo';

let collector: Collector | undefined;
afterEach(async () => {
  await collector?.stop();
  collector = undefined;
});

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${collector!.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'text/plain', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

describe("collector: Segment's HTTP Tracking API paths", () => {
  it.each([
    ['track', { type: 'track', event: 'Product Added', writeKey: 'wk' }, 't'],
    ['page', { type: 'page', name: 'Home', writeKey: 'wk' }, 'p'],
    ['identify', { type: 'identify', userId: 'u1', traits: { email: 'a@b.c' }, writeKey: 'wk' }, 'i'],
  ])('keeps a post to /v1/%s with the write key in the body', async (name, payload, endpoint) => {
    collector = await createCollector();
    expect((await post(`/v1/${name}`, payload)).status).toBe(200);
    expect(collector.events()).toMatchObject([{ endpoint, path: `/v1/${name}`, type: name, writeKey: 'wk', auth: 'body' }]);
  });

  it('reads the write key of Basic auth as Segment does (username, empty password) and takes batches on /v1/batch', async () => {
    collector = await createCollector();
    const auth = `Basic ${Buffer.from('secret-key:').toString('base64')}`;
    const res = await post('/v1/batch', { batch: [{ type: 'track', event: 'A' }, { type: 'page', name: 'P' }], sentAt: 'x' }, { Authorization: auth });
    expect(res.status).toBe(200);
    expect(collector.events().map((e) => [e.endpoint, e.path, e.type, e.writeKey, e.auth])).toEqual([
      ['b', '/v1/batch', 'track', 'secret-key', 'basic'],
      ['b', '/v1/batch', 'page', 'secret-key', 'basic'],
    ]);
  });

  it('takes a batch write key from the batch body, and refuses a long path it does not know', async () => {
    collector = await createCollector();
    await post('/v1/batch', { batch: [{ type: 'track', event: 'A' }], writeKey: 'in-body' });
    expect(collector.events()[0]).toMatchObject({ writeKey: 'in-body', auth: 'body' });
    expect((await post('/v1/trackz', { type: 'track' })).status).toBe(404);
    expect((await post('/v1/page', { type: 'track', event: 'x' })).status).toBe(400);
  });

  it('keeps a post without write key as auth none', async () => {
    collector = await createCollector();
    await post('/v1/track', { type: 'track', event: 'A' });
    expect(collector.events()[0]).toMatchObject({ writeKey: undefined, auth: 'none' });
  });
});
