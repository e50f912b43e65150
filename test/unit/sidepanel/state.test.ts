import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { PickerEvent, PickerRequest } from '../../../lib/messages';
import { createSidePanelState, type SidePanelPorts, type SidePanelState, type SidePanelStore } from '../../../lib/sidepanel';
import type { TabSessionState } from '../../../lib/sidepanel/tab-session';
import { createDraftStore, createRegistrySettingsStore } from '../../../lib/store';

const url = 'https://shop.example/products/1';
const tag = (id: string, event: string) => ({ id, event, trigger: 'click' as const, target: { selector: `.${id}` } });
const element = { tag: 'button', text: 'Add to cart', isForm: false, attributes: ['data-sku'] };

/** The page's side of the ports: answers from a table, every request kept; `emit` plays the picker's events. */
function fakePage() {
  const requests: PickerRequest[] = [];
  let handler: ((event: PickerEvent) => void) | undefined;
  const page = {
    requests,
    counts: {} as Record<string, number>,
    failCounts: false,
    listening: () => handler !== undefined,
    emit: (event: PickerEvent) => handler?.(event),
    ports: {
      async sendToPicker(_tabId: number, request: PickerRequest) {
        requests.push(request);
        if (request.type === 'picker:count') {
          if (page.failCounts) throw new Error('Could not establish connection. Receiving end does not exist.');
          return { counts: request.targets.map((t) => (t ? (page.counts[t.selector] ?? 0) : -1)) };
        }
        if (request.type === 'picker:preview') return { values: request.properties.map(() => ({ value: 'Blue Shoe', warnings: [], refused: false })) };
        return { ok: true };
      },
      async sendToBackground() {
        return { ok: true };
      },
      onPickerEvent(h: (event: PickerEvent) => void) {
        handler = h;
        return () => (handler = undefined);
      },
    } as unknown as SidePanelPorts,
  };
  return page;
}

/** Resolves with the first state that passes `test` (now or after a change). */
function until(store: SidePanelStore, test: (s: SidePanelState) => boolean): Promise<SidePanelState> {
  return new Promise((resolve) => {
    if (test(store.get())) return resolve(store.get());
    const stop = store.subscribe((s) => {
      if (!test(s)) return;
      stop();
      resolve(s);
    });
  });
}

const stores: SidePanelStore[] = [];
function open(page: ReturnType<typeof fakePage>, extra: Parameters<typeof createSidePanelState>[0] = {}) {
  const reports: string[] = [];
  let setSession: ((s: TabSessionState) => void) | undefined;
  const reconnects: number[] = [];
  const store = createSidePanelState({
    pinnedTabId: 7,
    ports: page.ports,
    settings: createRegistrySettingsStore({ readDefaults: async () => undefined }),
    report: (where) => reports.push(where),
    createSession: ({ onChange }) => {
      setSession = onChange;
      return { state: () => ({ generation: 0 }), reconnect: () => reconnects.push(1), stop() {} };
    },
    ...extra,
  });
  stores.push(store);
  return { store, reports, reconnects, connect: (s: Partial<TabSessionState> = {}) => setSession!({ tabId: 7, url, generation: 1, ...s }) };
}

beforeEach(() => fakeBrowser.reset());
afterEach(() => {
  while (stores.length) stores.pop()!.dispose();
});

describe('createSidePanelState', () => {
  it('opens a new page-view tag for the page without a pick, and saves it for this page', async () => {
    const page = fakePage();
    const { store, connect } = open(page);
    connect();
    await until(store, (x) => x.drafts !== undefined);
    store.newPageView();
    expect(store.get().editor?.draft).toMatchObject({ trigger: 'pageview', event: 'Page Viewed', isNew: true, pages: [{ match: 'path-exact', value: '/products/1' }] });
    expect(store.get().editor?.draft.target).toBeUndefined();
    await store.save();
    const s = await until(store, (x) => x.editor === undefined);
    expect(s.drafts?.tags).toEqual([expect.objectContaining({ trigger: 'pageview', event: 'Page Viewed', pages: [{ match: 'path-exact', value: '/products/1' }] })]);
  });

  it('starts the picker when the popup\u2019s Start tagging waits for this tab, once', async () => {
    const page = fakePage();
    const background: unknown[] = [];
    page.ports.sendToBackground = (async (request: unknown) => (background.push(request), { ok: true })) as never;
    const asked: number[] = [];
    const { store, connect } = open(page, { takeStartIntent: async (tabId) => (asked.push(tabId), true) });
    connect();
    await until(store, (x) => x.status === 'Click an element on the page.');
    expect(background).toEqual([{ type: 'start-picking', tabId: 7 }]);
    connect({ generation: 2 });
    expect(asked).toEqual([7]);
  });

  it('follows the site\u2019s drafts in storage and counts their targets on the page, again when another page changes them', async () => {
    await createDraftStore().saveTag('shop-example', tag('t1', 'Product Added'));
    const page = fakePage();
    page.counts = { '.t1': 2, '.t2': 1 };
    const { store, connect } = open(page);
    connect();
    let s = await until(store, (x) => x.counts.size === 1);
    expect(s.drafts?.tags.map((t) => t.id)).toEqual(['t1']);
    expect(s.counts.get('t1')).toBe(2);
    expect(s.health).toEqual({ kind: 'off', reason: 'Set the registry to see tag health.' });

    // Another extension page (the popup, a second panel) saves a tag: this store sees it.
    const other = createDraftStore();
    await other.saveTag('shop-example', tag('t2', 'Checkout Started'));
    other.dispose();
    s = await until(store, (x) => x.counts.get('t2') === 1);
    expect(s.drafts?.tags.map((t) => t.id)).toEqual(['t1', 't2']);
  });

  it('a page that cannot be asked leaves the states unknown and says why in the debug log', async () => {
    await createDraftStore().saveTag('shop-example', tag('t1', 'Product Added'));
    const page = fakePage();
    page.failCounts = true;
    const { store, connect, reports } = open(page);
    connect();
    await until(store, (x) => !!x.drafts);
    await until(store, () => reports.length > 0);
    expect(reports).toEqual(['side panel: count the tags\u2019 matches']);
    expect(store.get().counts.size).toBe(0);
  });

  it('a pick opens the editor; values are asked for its rows; save stores the tag, closes the editor and stops the picker', async () => {
    const page = fakePage();
    const { store, connect } = open(page, { previewDelayMs: 0 });
    connect();
    await until(store, (x) => !!x.drafts);
    expect(page.listening()).toBe(true);
    page.emit({ type: 'picker:picked', url, locator: { selector: '.add' }, count: 1, element });
    let s = store.get();
    expect(s.editor?.draft).toMatchObject({ isNew: true, target: { selector: '.add' } });
    store.change({ ...s.editor!.draft, event: 'Product Added', properties: [{ key: 'r1', name: 'title', source: 'text', selector: '.name' }] });
    s = await until(store, (x) => !!x.editor?.rows.r1?.preview);
    expect(s.editor?.rows.r1?.preview).toEqual({ value: 'Blue Shoe', warnings: [], refused: false });

    store.pickProperty('r1');
    expect(page.requests.at(-1)).toEqual({ type: 'picker:start', purpose: 'property', requestId: 'r1', target: { selector: '.add' } });
    page.emit({ type: 'picker:property-refused', reason: 'a password field' });
    await store.save();
    expect(store.get().editor?.errors).toEqual([{ path: 'properties', message: 'a property still reads a refused element; pick another one' }]);
    page.emit({ type: 'picker:property-picked', selector: '.title', element: { ...element, text: 'Blue Shoe' }, text: 'Blue Shoe', warnings: [] });
    await store.save();
    s = store.get();
    expect(s.editor).toBeUndefined();
    expect(s.status).toBe('Saved "Product Added".');
    expect(s.drafts?.tags).toHaveLength(1);
    expect(s.drafts?.tags[0]?.properties).toEqual([{ name: 'title', source: 'text', selector: '.title' }]);
    expect(page.requests.at(-1)).toEqual({ type: 'picker:stop' });
    expect((await createDraftStore().getSite('shop-example')).tags.map((t) => t.event)).toEqual(['Product Added']);
  });

  it('delete offers undo until it runs out; restore puts the tag back where it was', async () => {
    const drafts = createDraftStore();
    await drafts.saveTag('shop-example', tag('t1', 'A'));
    await drafts.saveTag('shop-example', tag('t2', 'B'));
    const { store, connect } = open(fakePage(), { drafts, undoMs: 20 });
    connect();
    const s = await until(store, (x) => x.drafts?.tags.length === 2);
    await store.remove(s.drafts!.tags[0]!);
    expect(store.get().undo?.index).toBe(0);
    expect(store.get().status).toBe('Deleted "A".');
    await store.restore();
    expect(store.get().drafts?.tags.map((t) => t.id)).toEqual(['t1', 't2']);
    expect(store.get().undo).toBeUndefined();
    await store.remove(store.get().drafts!.tags[1]!);
    // The undo offer ends by itself (the timer), a state change to wait for.
    await until(store, (x) => x.undo === undefined);
    expect(store.get().drafts?.tags.map((t) => t.id)).toEqual(['t1']);
    drafts.dispose();
  });

  it('a route change in the page reconnects the session; dispose removes every listener', async () => {
    const page = fakePage();
    const { store, connect, reconnects } = open(page);
    connect();
    await until(store, (x) => !!x.drafts);
    page.emit({ type: 'picker:url-changed', url: 'https://shop.example/cart' });
    expect(reconnects).toHaveLength(1);
    const seen: SidePanelState[] = [];
    store.subscribe((s) => seen.push(s));
    store.dispose();
    expect(page.listening()).toBe(false);
    connect({ url: 'https://shop.example/cart', generation: 2 });
    store.setQuery('x');
    expect(seen).toEqual([]);
  });
});
