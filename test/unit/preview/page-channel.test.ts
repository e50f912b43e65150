import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPageChannel, readPageMessage, type PageDebugMessage, type PageTrackCall } from '../../../lib/preview/page-channel';
import { previewLimits } from '../../../lib/preview/limits';
import { installMainWorld } from '../../../lib/preview/main-world';

const limits = previewLimits();
const base = { source: 'tagpoint-runtime', url: 'http://x/', revision: 1 };

describe('readPageMessage', () => {
  it.each([
    ['not an object', 'hello'],
    ['another source', { source: 'other', type: 'fired' }],
    ['unknown type', { ...base, type: 'exec', code: 'alert(1)' }],
    ['wrong field types', { ...base, type: 'fired', tag: 1, event: {}, trigger: 'click', properties: {} }],
    ['an oversized event name', { ...base, type: 'fired', tag: 't', event: 'x'.repeat(100_000), trigger: 'click', properties: {} }],
    ['an unknown reason', { ...base, type: 'not-fired', tag: 't', event: 'e', trigger: 'click', reason: 'because' }],
    ['a track call without event', { source: 'tagpoint-preview-main', type: 'track', properties: {} }],
  ])('drops %s', (_name, data) => {
    expect(readPageMessage(data, limits)).toBeUndefined();
  });

  it('keeps a fired message, with properties flattened and capped', () => {
    const big: Record<string, unknown> = { nested: { a: [1, 2] }, long: 'y'.repeat(5000) };
    for (let i = 0; i < 100; i++) big[`k${i}`] = i;
    const read = readPageMessage({ ...base, type: 'fired', tag: 't1', event: 'Bought', trigger: 'click', properties: big, extra: 'ignored' }, limits);
    expect(read?.kind).toBe('debug');
    const message = (read as { message: PageDebugMessage }).message as PageDebugMessage & { properties: Record<string, unknown> };
    expect(message.properties.nested).toBe('{"a":[1,2]}');
    expect((message.properties.long as string).length).toBe(limits.maxString);
    expect(Object.keys(message.properties)).toHaveLength(limits.maxProperties + 1);
  });

  it('keeps a track call with its tag', () => {
    const read = readPageMessage({ source: 'tagpoint-preview-main', type: 'track', event: 'Coded', properties: { a: 1 }, tag: 't9' }, limits);
    expect(read).toEqual({ kind: 'track', call: { event: 'Coded', properties: { a: 1 }, tag: 't9' } });
  });
});

describe('createPageChannel', () => {
  const disposers: (() => void)[] = [];
  afterEach(() => disposers.splice(0).forEach((d) => d()));

  const post = (data: unknown) => window.dispatchEvent(new MessageEvent('message', { data, source: window }));

  it('delivers valid messages and rate-limits a flood', () => {
    const debug: PageDebugMessage[] = [];
    const channel = createPageChannel({ onDebug: (m) => debug.push(m), limits: { messageBurst: 5, messagesPerSecond: 0 } });
    disposers.push(() => channel.dispose());
    for (let i = 0; i < 20; i++) post({ ...base, type: 'page', active: i });
    post({ ...base, type: 'bogus' });
    expect(debug).toHaveLength(5);
    expect(channel.dropped).toBe(16);
  });

  it('ignores messages from another window', () => {
    const debug: PageDebugMessage[] = [];
    const channel = createPageChannel({ onDebug: (m) => debug.push(m) });
    disposers.push(() => channel.dispose());
    window.dispatchEvent(new MessageEvent('message', { data: { ...base, type: 'page', active: 1 }, source: null }));
    expect(debug).toHaveLength(0);
  });

  it('sees analytics.track calls through the main-world observer, including a replaced analytics object', async () => {
    const calls: PageTrackCall[] = [];
    const seen: unknown[][] = [];
    const w = window as unknown as { analytics?: { track(...a: unknown[]): void } };
    // happy-dom's postMessage leaves `event.source` unset, which browsers set to the window:
    // this puts it back (structured clone included) so the channel's source check applies.
    const original = window.postMessage;
    window.postMessage = ((data: unknown) => {
      const copy = structuredClone(data);
      setTimeout(() => window.dispatchEvent(new MessageEvent('message', { data: copy, source: window })), 0);
    }) as typeof window.postMessage;
    disposers.push(() => (window.postMessage = original));
    w.analytics = { track: (...a: unknown[]) => seen.push(a) };
    const channel = createPageChannel({ onTrack: (c) => calls.push(c) });
    const main = installMainWorld({ pollMs: 10 });
    disposers.push(() => channel.dispose(), () => main.stop(), () => delete w.analytics);
    w.analytics.track('Coded', { a: 1 }, { context: { tagpoint: { tag: 't1' } } });
    // The page swaps its analytics (the snippet's stub for the loaded library).
    const replaced = (...a: unknown[]) => void seen.push(a);
    w.analytics = { track: replaced };
    // The helper's poll wraps the new object: wait for that, not for some ticks of it.
    await vi.waitFor(() => expect(w.analytics!.track).not.toBe(replaced));
    w.analytics.track('Later', { b: () => 1 });
    await vi.waitFor(() => expect(calls).toHaveLength(2));
    expect(seen).toHaveLength(2);
    expect(calls.map((c) => c.event)).toEqual(['Coded', 'Later']);
    expect(calls[0]!.tag).toBe('t1');
  });
});
