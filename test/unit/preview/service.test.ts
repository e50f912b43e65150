import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createPreviewService, PREVIEW_KEY_PREFIX, type PreviewService } from '../../../lib/preview/service';
import type { LogEntry } from '../../../lib/preview/schemas';

const ID = fakeBrowser.runtime.id;
const fromPage = { id: ID, url: `chrome-extension://${ID}/preview.html` };
const fromAgent = (tabId: number, frameId = 0) => ({ id: ID, url: 'http://shop.test/', tab: { id: tabId }, frameId });
const config = { version: 1, site: 'shop', revision: 1, tags: [] };
const entry = (n: number): LogEntry => ({ id: `a-${n}`, time: n, kind: 'preview', url: 'http://shop.test/', event: `E${n}`, tag: 't', properties: {} });

/** The service's answer to one message (the fake browser returns every listener's). */
async function send(message: unknown, sender: object): Promise<any> {
  const answers = await fakeBrowser.runtime.onMessage.trigger(message, sender, () => undefined);
  return answers[0];
}

describe('preview service (background)', () => {
  let service: PreviewService;
  beforeEach(() => {
    fakeBrowser.reset();
    service = createPreviewService({ limits: { maxEntries: 3 }, persistDelayMs: 0 });
  });
  afterEach(() => service.dispose());

  it('starts a preview for a tab and hands the draft to the agent that asks', async () => {
    const started = await send({ type: 'preview:start', tabId: 5, config, send: false, live: true }, fromPage);
    expect(started.ok).toBe(true);
    expect(started.state).toMatchObject({ active: true, live: true, send: false });
    // The fake browser cannot inject scripts: the state says why the preview is not running.
    expect(started.state.problem).toMatch(/cannot run on this page/);
    expect(await send({ type: 'preview:hello', url: 'http://shop.test/' }, fromAgent(5))).toEqual({ run: true, config, send: false, live: true });
    expect(await send({ type: 'preview:hello', url: 'http://shop.test/' }, fromAgent(6))).toEqual({ run: false });
  });

  it.each([
    ['a content script sending a page command', { type: 'preview:start', tabId: 5, config, send: true, live: true }, fromAgent(5)],
    ['an agent in a sub-frame', { type: 'preview:entries', entries: [entry(1)] }, fromAgent(5, 3)],
    ['another extension', { type: 'preview:state', tabId: 5 }, { ...fromPage, id: 'other' }],
    ['a malformed request', { type: 'preview:start', tabId: -1 }, fromPage],
    ['an entry with markup fields it does not know', { type: 'preview:entries', entries: [{ ...entry(1), html: '<b>' }] }, fromAgent(5)],
  ])('ignores %s', async (_name, message, sender) => {
    await send({ type: 'preview:start', tabId: 5, config, send: false, live: false }, fromPage);
    expect(await send(message, sender)).toBeUndefined();
    const state = await send({ type: 'preview:state', tabId: 5 }, fromPage);
    expect(state.state.entries).toEqual([]);
    expect(state.state.send).toBe(false);
  });

  it('keeps the newest entries up to the cap, clears, and drops entries after stop', async () => {
    await send({ type: 'preview:start', tabId: 5, config, send: false, live: false }, fromPage);
    await send({ type: 'preview:entries', entries: [entry(1), entry(2)] }, fromAgent(5));
    await send({ type: 'preview:entries', entries: [entry(3), entry(4)] }, fromAgent(5));
    let state = (await send({ type: 'preview:state', tabId: 5 }, fromPage)).state;
    expect(state.entries.map((e: LogEntry) => e.id)).toEqual(['a-2', 'a-3', 'a-4']);

    await send({ type: 'preview:clear', tabId: 5 }, fromPage);
    await send({ type: 'preview:stop', tabId: 5 }, fromPage);
    expect(await send({ type: 'preview:entries', entries: [entry(5)] }, fromAgent(5))).toEqual({ ok: false });
    state = (await send({ type: 'preview:state', tabId: 5 }, fromPage)).state;
    expect(state).toMatchObject({ active: false, entries: [] });
    expect(await send({ type: 'preview:hello', url: 'http://shop.test/' }, fromAgent(5))).toEqual({ run: false });
  });

  it('remembers the preview in storage.session across a worker restart, and forgets a closed tab', async () => {
    await send({ type: 'preview:start', tabId: 7, config, send: true, live: false }, fromPage);
    await send({ type: 'preview:entries', entries: [entry(1)] }, fromAgent(7));
    // Persisting is deferred (a timer, then storage): wait for the write, not for a time.
    await vi.waitFor(async () => expect(Object.keys(await fakeBrowser.storage.session.get(null))).toEqual([`${PREVIEW_KEY_PREFIX}7`]));
    const stored = await fakeBrowser.storage.session.get(null);
    expect((stored[`${PREVIEW_KEY_PREFIX}7`] as { entries: unknown[] }).entries).toHaveLength(1);

    service.dispose();
    service = createPreviewService({ persistDelayMs: 0 });
    expect(await send({ type: 'preview:hello', url: 'http://shop.test/' }, fromAgent(7))).toEqual({ run: true, config, send: true, live: false });
    expect((await send({ type: 'preview:state', tabId: 7 }, fromPage)).state.entries).toHaveLength(1);

    await fakeBrowser.tabs.onRemoved.trigger(7, { windowId: 1, isWindowClosing: false });
    await vi.waitFor(async () => expect(await fakeBrowser.storage.session.get(null)).toEqual({}));
  });
});
