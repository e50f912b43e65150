// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createTabSession, type TabSessionState, type TabsLike } from '../../../lib/sidepanel/tab-session';

/** `browser.tabs` as far as the session uses it: one active tab, events fired by hand. */
function fakeTabs(active: number) {
  const activated = new Set<() => void>();
  const updated = new Set<(id: number, change: { status?: string }) => void>();
  const current = { id: active };
  const tabs = {
    tabs: {
      query: async () => [{ id: current.id }],
      onActivated: { addListener: (l: () => void) => activated.add(l), removeListener: (l: () => void) => activated.delete(l) },
      onUpdated: { addListener: (l: (id: number, c: { status?: string }) => void) => updated.add(l), removeListener: (l: (id: number, c: { status?: string }) => void) => updated.delete(l) },
    } as TabsLike,
    activate(id: number) {
      current.id = id;
      for (const l of activated) l();
    },
    load(id: number) {
      for (const l of updated) l(id, { status: 'complete' });
    },
    listeners: () => activated.size + updated.size,
  };
  return tabs;
}

function start(tabs: ReturnType<typeof fakeTabs>, pinnedTabId?: number, refuse?: number) {
  const states: TabSessionState[] = [];
  let next: (s: TabSessionState) => void = () => {};
  const session = createTabSession({
    pinnedTabId,
    tabs: tabs.tabs,
    onChange: (s) => {
      states.push(s);
      next(s);
    },
    ensurePicker: async (tabId) => (tabId === refuse ? { ok: false, error: 'Tagpoint cannot run on this page.' } : { ok: true }),
    pageInfo: async (tabId) => ({ url: `https://shop.example/tab${tabId}`, title: `Tab ${tabId}` }),
  });
  const change = (test: (s: TabSessionState) => boolean) => new Promise<TabSessionState>((resolve) => (next = (s) => test(s) && resolve(s)));
  return { session, states, change };
}

describe('createTabSession', () => {
  it('follows the active tab and connects again after each page load', async () => {
    const tabs = fakeTabs(3);
    const { session, change } = start(tabs);
    expect(await change((s) => !!s.url)).toEqual({ tabId: 3, url: 'https://shop.example/tab3', title: 'Tab 3', generation: 1 });
    tabs.load(3);
    expect((await change((s) => s.generation === 2)).url).toBe('https://shop.example/tab3');
    tabs.activate(4);
    expect(await change((s) => s.url?.endsWith('tab4') === true)).toMatchObject({ tabId: 4, generation: 3 });
    session.stop();
    expect(tabs.listeners()).toBe(0);
  });

  it('a pinned tab where the picker cannot run says why', async () => {
    const tabs = fakeTabs(1);
    const { session, change } = start(tabs, 9, 9);
    expect(await change((s) => !!s.error)).toEqual({ tabId: 9, error: 'Tagpoint cannot run on this page.', generation: 1 });
    session.stop();
  });
});
