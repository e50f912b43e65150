import { describe, expect, it } from 'vitest';
import { createPreviewPanelState, type PreviewPanelPorts, type PreviewPanelState } from '../../../lib/preview/panel';
import type { AgentRequest, LogEntry, PreviewAnswer, PreviewRequest, PreviewState } from '../../../lib/preview/schemas';
import type { SiteDrafts } from '../../../lib/store';

const TAB = 7;
const url = 'https://shop.example/products/1';
const drafts = (events: string[]): SiteDrafts => ({
  site: 'shop',
  revision: 1,
  tags: events.map((event, i) => ({ id: `t${i}`, event, trigger: 'click' as const, target: { selector: `.b${i}` }, enabled: true })),
  invalid: [],
  updatedAt: 0,
});
const idle: PreviewState = { active: false, send: true, live: false, entries: [] };

/** The background and the agent: answers from the test, every request kept, broadcasts on demand. */
function fakePorts(initial: PreviewAnswer = { ok: true, state: idle }) {
  const requests: PreviewRequest[] = [];
  const agent: AgentRequest[] = [];
  let broadcast: ((state: PreviewState) => void) | undefined;
  const coverage: Array<(answer: unknown) => void> = [];
  const access = { granted: true };
  const fake = {
    requests,
    agent,
    coverage,
    access,
    broadcast: (state: PreviewState) => broadcast?.(state),
    listening: () => broadcast !== undefined,
    ports: {
      async sendPreviewRequest(request) {
        requests.push(request);
        if (request.type === 'preview:state') return initial;
        if (request.type === 'preview:start') return { ok: true, state: { active: true, send: request.send, live: request.live, entries: [] } };
        if (request.type === 'preview:update') return { ok: true, state: { active: true, send: request.send, live: request.live, entries: [] } };
        return { ok: true, state: { ...idle, send: false } };
      },
      onPreviewChanged(tabId, handler) {
        expect(tabId).toBe(TAB);
        broadcast = handler;
        return () => (broadcast = undefined);
      },
      sendToAgent(_tabId, request) {
        agent.push(request);
        if (request.type === 'preview:agent-coverage') return new Promise((resolve) => coverage.push(resolve));
        return Promise.resolve({ ok: true });
      },
      async requestPreviewAccess() {
        return access.granted;
      },
    } satisfies PreviewPanelPorts,
  };
  return fake;
}

/** Resolves with the first state that satisfies `ok` (the current one included). */
function until(store: { get(): PreviewPanelState; subscribe(l: (s: PreviewPanelState) => void): () => void }, ok: (s: PreviewPanelState) => boolean) {
  return new Promise<PreviewPanelState>((resolve) => {
    if (ok(store.get())) return resolve(store.get());
    const stop = store.subscribe((s) => {
      if (ok(s)) {
        stop();
        resolve(s);
      }
    });
  });
}

const entry = (tag: string, id: string): LogEntry => ({ id, time: 0, kind: 'preview', tag, event: 'A', url });

describe('the preview panel store', () => {
  it('starts from the background state of its tab and follows its broadcasts', async () => {
    const page = fakePorts();
    const store = createPreviewPanelState({ tabId: TAB, ports: page.ports });
    const first = await until(store, (s) => s.send);
    expect(first.preview).toEqual(idle);
    expect(page.requests[0]).toEqual({ type: 'preview:state', tabId: TAB });
    page.broadcast({ active: true, send: true, live: false, entries: [] });
    expect(store.get().preview.active).toBe(true);
    store.dispose();
    expect(page.listening()).toBe(false);
  });

  it("shows the background's refusal of the state request as the status", async () => {
    const page = fakePorts({ ok: false, error: 'no such tab' });
    const store = createPreviewPanelState({ tabId: TAB, ports: page.ports });
    expect((await until(store, (s) => s.status !== '')).status).toBe('no such tab');
  });

  it('builds the config from the drafts, and says why when they do not form one', async () => {
    const page = fakePorts();
    const store = createPreviewPanelState({ tabId: TAB, ports: page.ports });
    store.setInputs(drafts(['Product Added']), url);
    expect(store.get().config?.tags.map((t) => t.event)).toEqual(['Product Added']);
    expect(store.get().configErrors).toEqual([]);
    store.setInputs(drafts(['']), url);
    expect(store.get().config).toBeUndefined();
    expect(store.get().configErrors[0]?.path).toMatch(/tags/);
  });

  it('will not start without a valid config, and says so', async () => {
    const page = fakePorts();
    const store = createPreviewPanelState({ tabId: TAB, ports: page.ports });
    await store.start();
    expect(store.get().status).toBe('This page cannot be previewed.');
    store.setInputs(drafts(['']), url);
    await store.start();
    expect(store.get().status).toBe('The drafts of this site do not form a valid config.');
    expect(page.requests.some((r) => r.type === 'preview:start')).toBe(false);
  });

  it('starts with the switches as set, and warns when the site access was refused', async () => {
    const page = fakePorts();
    page.access.granted = false;
    const store = createPreviewPanelState({ tabId: TAB, ports: page.ports });
    await until(store, (s) => s.send);
    store.setInputs(drafts(['Product Added']), url);
    store.setSend(false);
    store.setLive(true);
    await store.start();
    const start = page.requests.find((r) => r.type === 'preview:start');
    expect(start).toMatchObject({ tabId: TAB, send: false, live: true });
    expect(store.get().preview.active).toBe(true);
    expect(store.get().status).toMatch(/Without access to this site/);
  });

  it('sends an edited draft to a running preview at once, and not to a stopped one', async () => {
    const page = fakePorts();
    const store = createPreviewPanelState({ tabId: TAB, ports: page.ports });
    store.setInputs(drafts(['A']), url);
    store.setInputs(drafts(['B']), url);
    expect(page.requests.some((r) => r.type === 'preview:update')).toBe(false);
    await store.start();
    store.setInputs(drafts(['C']), url);
    const update = page.requests.find((r) => r.type === 'preview:update');
    expect(update).toMatchObject({ config: { tags: [{ event: 'C' }] } });
  });

  it('asks coverage when it is shown, keeps only the latest answer, and fills the rows', async () => {
    const page = fakePorts();
    const store = createPreviewPanelState({ tabId: TAB, ports: page.ports });
    store.setInputs(drafts(['A', 'B']), url);
    store.setView('coverage');
    expect(page.coverage).toHaveLength(0); // not running: nothing to ask
    await store.start();
    expect(page.coverage).toHaveLength(1);
    store.setOutlined(true);
    expect(page.coverage).toHaveLength(2);
    expect(page.agent.at(-1)).toEqual({ type: 'preview:agent-coverage', show: true });
    // The second answer arrives first; the first, late, is dropped.
    page.coverage[1]!({ url, tags: [{ tag: 't1', event: 'B', trigger: 'click', count: 2, pageRule: true, enabled: true }] });
    page.coverage[0]!({ url: 'https://old.example/', tags: [] });
    const shown = await until(store, (s) => s.presenceUrl === url);
    await Promise.resolve();
    expect(store.get().presenceUrl).toBe(url);
    expect(shown.rows.map((r) => [r.tag, r.presence?.count])).toEqual([
      ['t0', undefined],
      ['t1', 2],
    ]);
    // A fired entry asks again, and counts in its row.
    page.broadcast({ active: true, send: true, live: false, entries: [entry('t0', 'e1')] });
    expect(page.coverage).toHaveLength(3);
    expect(store.get().rows[0]?.fired).toBe(1);
  });

  it('stop clears the outline; hovering outlines through the agent', async () => {
    const page = fakePorts();
    const store = createPreviewPanelState({ tabId: TAB, ports: page.ports });
    store.setInputs(drafts(['A']), url);
    await store.start();
    store.setOutlined(true);
    store.hoverTag('t0');
    store.hoverTag(undefined);
    store.hoverEntry('e1');
    expect(page.agent.slice(-3)).toEqual([
      { type: 'preview:agent-outline', tagId: 't0' },
      { type: 'preview:agent-coverage', show: true },
      { type: 'preview:agent-outline', entryId: 'e1' },
    ]);
    await store.stop();
    expect(store.get().outlined).toBe(false);
    expect(store.get().preview.active).toBe(false);
  });

  it('after dispose, nothing changes and nobody is called', async () => {
    const page = fakePorts();
    const store = createPreviewPanelState({ tabId: TAB, ports: page.ports });
    const seen: PreviewPanelState[] = [];
    store.subscribe((s) => seen.push(s));
    store.dispose();
    store.setView('coverage');
    await Promise.resolve();
    expect(seen).toEqual([]);
    expect(store.get().view).toBe('log');
  });
});
