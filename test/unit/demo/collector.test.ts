// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import http from 'node:http';
import { createCollector, PortInUseError, type Collector } from '../../../lib/demo';

let collector: Collector | undefined;
afterEach(async () => {
  await collector?.stop();
  collector = undefined;
});

/** Posts as analytics-next does: JSON in a text/plain body. */
async function post(path: string, body: unknown, raw = false) {
  const res = await fetch(`${collector!.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/plain' },
    body: raw ? (body as string) : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json(), headers: res.headers };
}

const track = (event: string, properties: Record<string, unknown> = {}) => ({
  type: 'track',
  event,
  properties,
  messageId: `m-${event}`,
  anonymousId: 'anon-1',
  context: { tagpoint: { tag: 't1', revision: 2 } },
});

describe('collector', () => {
  it.each([
    ['t', track('Product Added', { price: 1299 }), 'track'],
    ['p', { type: 'page', name: 'Home', properties: { path: '/' } }, 'page'],
    ['i', { type: 'identify', userId: 'u1', traits: { plan: 'pro' } }, 'identify'],
    ['g', { type: 'group', groupId: 'g1' }, 'group'],
    ['a', { type: 'alias', userId: 'u2', previousId: 'u1' }, 'alias'],
    ['s', { type: 'screen', name: 'Main' }, 'screen'],
    ['t', { event: 'No Type Field' }, 'track'],
  ])('keeps a post to /v1/%s as a %s event', async (endpoint, payload, type) => {
    collector = await createCollector();
    const res = await post(`/v1/${endpoint}`, payload);
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const events = collector.events();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ seq: 1, endpoint, type, payload });
  });

  it('keeps every event of a batch, in order', async () => {
    collector = await createCollector();
    const res = await post('/v1/b', { batch: [track('A'), track('B'), { type: 'page', name: 'P' }], sentAt: 'x' });
    expect(res.status).toBe(200);
    expect(collector.events().map((e) => [e.seq, e.type, e.payload.event ?? e.payload.name])).toEqual([
      [1, 'track', 'A'],
      [2, 'track', 'B'],
      [3, 'page', 'P'],
    ]);
  });

  it.each([
    ['invalid JSON', '/v1/t', '{"event":', 400],
    ['properties not an object', '/v1/t', JSON.stringify({ event: 'x', properties: [1] }), 400],
    ['a page posted to the track endpoint', '/v1/t', JSON.stringify({ type: 'page' }), 400],
    ['a batch that is not an array', '/v1/b', JSON.stringify({ batch: 'x' }), 400],
    ['a batch event without type', '/v1/b', JSON.stringify({ batch: [{ event: 'x' }] }), 400],
    ['an unknown endpoint', '/v1/z', '{}', 404],
  ])('refuses %s', async (_name, path, body, status) => {
    collector = await createCollector();
    const res = await post(path, body, true);
    expect(res.status).toBe(status);
    expect(typeof res.body.error).toBe('string');
    expect(collector.events()).toEqual([]);
  });

  it('refuses a body over the limit with 413 and keeps nothing', async () => {
    collector = await createCollector({ maxBodyBytes: 1_000 });
    const res = await post('/v1/t', track('Big', { blob: 'x'.repeat(2_000) }));
    expect(res.status).toBe(413);
    expect(collector.events()).toEqual([]);
  });

  it('refuses a batch over the event limit', async () => {
    collector = await createCollector({ maxBatchEvents: 2 });
    const res = await post('/v1/b', { batch: [track('A'), track('B'), track('C')] });
    expect(res.status).toBe(413);
    expect(collector.events()).toEqual([]);
  });

  it('counts metrics posts without keeping them as events', async () => {
    collector = await createCollector();
    expect((await post('/v1/m', { series: [] })).status).toBe(200);
    expect(collector.metricsCount).toBe(1);
    expect(collector.events()).toEqual([]);
  });

  it('keeps only the last maxEvents events', async () => {
    collector = await createCollector({ maxEvents: 3 });
    for (const name of ['1', '2', '3', '4', '5']) await post('/v1/t', track(name));
    expect(collector.events().map((e) => e.payload.event)).toEqual(['3', '4', '5']);
    const json = await (await fetch(`${collector.url}/events.json`)).json();
    expect(json.events.map((e: { seq: number }) => e.seq)).toEqual([3, 4, 5]);
  });

  it('answers a CORS preflight', async () => {
    collector = await createCollector();
    const res = await fetch(`${collector.url}/v1/t`, { method: 'OPTIONS' });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    // analytics-next sends `Authorization: Basic <writeKey>`.
    expect(res.headers.get('access-control-allow-headers')).toMatch(/\bAuthorization\b/);
  });

  it('clears the list over HTTP, and sequence numbers keep counting', async () => {
    collector = await createCollector();
    await post('/v1/t', track('A'));
    expect((await post('/events/clear', {})).status).toBe(200);
    expect(collector.events()).toEqual([]);
    await post('/v1/t', track('B'));
    expect(collector.events().map((e) => e.seq)).toEqual([2]);
  });

  it('waitFor resolves with a past or a future event, and rejects after its timeout', async () => {
    collector = await createCollector();
    await post('/v1/t', track('Early'));
    await expect(collector.waitFor((e) => e.payload.event === 'Early')).resolves.toMatchObject({ seq: 1 });
    const later = collector.waitFor((e) => e.payload.event === 'Later', { timeoutMs: 5_000 });
    await post('/v1/t', track('Later'));
    await expect(later).resolves.toMatchObject({ seq: 2 });
    await expect(collector.waitFor(() => false, { timeoutMs: 50 })).rejects.toThrow(/within 50 ms/);
  });

  it('streams kept events after Last-Event-ID, then new ones, as Server-Sent Events', async () => {
    collector = await createCollector();
    await post('/v1/t', track('One'));
    await post('/v1/t', track('Two'));
    const received: string[] = [];
    const done = new Promise<void>((resolve, reject) => {
      const req = http.get(`${collector!.url}/events/stream`, { headers: { 'Last-Event-ID': '1' } }, (res) => {
        expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) !== -1) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = block.split('\n').find((line) => line.startsWith('data: '));
            if (!data) continue;
            received.push(JSON.parse(data.slice(6)).payload.event);
            if (received.length === 1) void post('/v1/t', track('Three'));
            if (received.length === 2) {
              req.destroy();
              resolve();
            }
          }
        });
      });
      req.on('error', (error) => (received.length === 2 ? resolve() : reject(error)));
    });
    await done;
    expect(received).toEqual(['Two', 'Three']);
  });

  it('reports a busy port with the port in the message', async () => {
    collector = await createCollector();
    await expect(createCollector({ port: collector.port })).rejects.toSatisfy(
      (error: unknown) => error instanceof PortInUseError && error.message.includes(String(collector!.port)),
    );
  });
});
