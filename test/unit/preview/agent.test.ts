import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPreviewAgent, readTags, type OutlineDrawer, type PreviewAgent } from '../../../lib/preview/agent';
import { domDistance, rankCandidates } from '../../../lib/preview/candidates';
import { coverageRows, describePresence, tagPresence } from '../../../lib/preview/coverage';
import { isOnPage } from '../../../lib/picker/page-rules';
import type { LogEntry } from '../../../lib/preview/schemas';
import type { Tag } from '../../../lib/config/types';

const HTML = `
  <nav><button class="menu">Menu</button></nav>
  <article class="card"><h2 class="title">Red Mug</h2><span class="price">12.50</span><button class="add">Add</button></article>
  <article class="card"><h2 class="title">Blue Mug</h2><span class="price">14</span><button class="add">Add</button><button id="help">Help</button></article>
  <button id="checkout">Checkout</button>
  <form id="news"><input name="email"><button id="join" type="submit">Join</button></form>`;

const TAGS: Tag[] = [
  {
    id: 'add',
    event: 'Product Added',
    trigger: 'click',
    target: { selector: '.card .add' },
    properties: [
      { name: 'product', source: 'text', selector: '.title' },
      { name: 'price', source: 'text', selector: '.price', transform: 'number' },
    ],
  },
  { id: 'menu', event: 'Menu Opened', trigger: 'click', target: { selector: 'nav .menu' } },
  { id: 'checkout', event: 'Checkout Started', trigger: 'click', target: { selector: '#checkout' }, pages: [{ match: 'path-prefix', value: '/checkout/' }] },
  { id: 'off', event: 'Disabled One', trigger: 'click', target: { selector: '#help' }, enabled: false },
  { id: 'view', event: 'Page Viewed', trigger: 'pageview' },
];
const config = (tags: unknown[] = TAGS) => ({ version: 1, site: 'shop', revision: 3, tags });

describe('candidates', () => {
  beforeEach(() => {
    document.body.innerHTML = HTML;
  });

  it('measures DOM distance through the nearest common ancestor', () => {
    const help = document.querySelector('#help')!;
    const add = document.querySelectorAll('.add')[1]!;
    expect(domDistance(help, help)).toBe(0);
    expect(domDistance(help, add)).toBe(2);
    expect(domDistance(help, help.parentElement!)).toBe(1);
    expect(domDistance(help, document.createElement('div'))).toBeNull();
  });

  it('ranks the considered tags nearest first, absent targets last', () => {
    const tags = new Map(TAGS.map((t) => [t.id, t]));
    const ranked = rankCandidates(
      document.querySelector('#help')!,
      [
        { tag: 'checkout', event: 'Checkout Started', reason: 'page-rule-failed' },
        { tag: 'gone', event: 'Gone', reason: 'selector-mismatch' },
        { tag: 'menu', event: 'Menu Opened', reason: 'selector-mismatch' },
        { tag: 'add', event: 'Product Added', reason: 'selector-mismatch' },
        { tag: 'add', event: 'Product Added', reason: 'selector-mismatch' },
      ],
      tags,
      document,
    );
    expect(ranked.map((c) => [c.tag, c.distance, c.onPage])).toEqual([
      ['add', 2, 2],
      ['checkout', 3, 1],
      ['menu', 4, 1],
      ['gone', null, 0],
    ]);
  });
});

describe('coverage', () => {
  it.each([
    [undefined, 'http://x/a', true],
    [[{ match: 'path-prefix', value: '/checkout/' }], 'http://x/checkout/1', true],
    [[{ match: 'path-prefix', value: '/checkout/' }], 'http://x/cart', false],
    [[{ match: 'regex', value: '(a+)+' }], 'http://x/aaa', true],
    [[{ match: 'regex', value: '(a)\\1' }], 'http://x/aa', false],
  ] as const)('page rules %j on %s -> %s (isOnPage, which tagPresence uses)', (pages, url, expected) => {
    expect(isOnPage(pages as Tag['pages'], url)).toBe(expected);
  });

  it('lists presence and fired counts per tag', () => {
    document.body.innerHTML = HTML;
    const presence = tagPresence(TAGS, document, 'http://x/');
    expect(presence.map((p) => [p.tag, p.count, p.pageRule, p.enabled])).toEqual([
      ['add', 2, true, true],
      ['menu', 1, true, true],
      ['checkout', 1, false, true],
      ['off', 1, true, false],
      ['view', 0, true, true],
    ]);
    const entries = [{ id: '1', time: 0, kind: 'preview', url: 'http://x/', tag: 'menu' }] as LogEntry[];
    const rows = coverageRows(TAGS, entries, presence);
    expect(rows.map((r) => r.fired)).toEqual([0, 1, 0, 0, 0]);
    expect(rows.map((r) => describePresence(r.presence))).toEqual([
      'target on this page (2 elements)',
      'target on this page (1 element)',
      'page rule failed: limited to other pages',
      'disabled',
      'page view: fires on load of a matching page',
    ]);
  });
});

describe('createPreviewAgent (with lib/runtime)', () => {
  let agent: PreviewAgent | undefined;
  let entries: LogEntry[];
  let outlined: { element: Element; label: string }[];
  const outline: OutlineDrawer = { show: (items) => (outlined = items), clear: () => (outlined = []), dispose: () => undefined };
  // Signals, not sleeps: entries arrive after the recorder's task and the agent's batch
  // delay, two timers whose order a busy machine can change relative to any fixed sleep.
  const until = (check: () => void) => vi.waitFor(check, { timeout: 5_000, interval: 5 });
  /** Clicks the menu and waits for its entry: actions are logged in order, so everything
   * the earlier actions caused has been emitted once the sentinel's entry is there. */
  const sentinel = async () => {
    const seen = entries.filter((e) => e.tag === 'menu').length;
    (document.querySelector('.menu') as HTMLElement).click();
    await until(() => expect(entries.filter((e) => e.tag === 'menu')).toHaveLength(seen + 1));
  };

  beforeEach(() => {
    history.replaceState(null, '', '/');
    document.body.innerHTML = HTML;
    entries = [];
    outlined = [];
  });
  afterEach(() => {
    agent?.stop();
    agent = undefined;
  });

  const start = (cfg: unknown = config(), extra: { send?: boolean } = {}) =>
    (agent = createPreviewAgent({ config: cfg, send: !!extra.send, live: false, emit: (batch) => entries.push(...batch), outline, batchMs: 5, routePollMs: 20 }));

  it('fires the draft through the runtime and logs events with their properties', async () => {
    start();
    (document.querySelectorAll('.add')[1] as HTMLElement).click();
    (document.querySelector('.menu') as HTMLElement).click();
    // The menu click is the last action: once its entry is there, so are the others'.
    await until(() => expect(entries.map((e) => e.tag)).toContain('menu'));
    const fired = entries.filter((e) => e.kind === 'preview');
    expect(fired.map((e) => [e.event, e.tag, e.trigger, e.properties])).toEqual([
      ['Page Viewed', 'view', 'pageview', {}],
      ['Product Added', 'add', 'click', { product: 'Blue Mug', price: 14 }],
      ['Menu Opened', 'menu', 'click', {}],
    ]);
    expect(entries.filter((e) => e.kind === 'notice').map((e) => e.text)).toEqual(['Preview running: 5 tags']);
    // Named as a person would, not by its classes.
    expect(fired.map((e) => e.element)).toEqual([undefined, '“Add” button', '“Menu” button']);
    // The entry's element is the one clicked, for hover outlines.
    expect(agent!.outline({ entryId: fired[1]!.id })).toBe(1);
    expect(outlined[0]!.element).toBe(document.querySelectorAll('.add')[1]);
  });

  it("names the live runtime's element as a person would, found among the last action's elements by the runtime's short description", async () => {
    agent = createPreviewAgent({ config: config([]), send: false, live: true, emit: (batch) => entries.push(...batch), outline, batchMs: 5, routePollMs: 20 });
    document.body.insertAdjacentHTML('beforeend', '<div class="Grid_cell__q1w2e"><button class="ProductCard_btn__x7Hq2">Add to bag</button></div>');
    const button = document.querySelector('.ProductCard_btn__x7Hq2') as HTMLElement;
    button.click();
    const live = (tag: string, element: string) => ({ source: 'tagpoint-runtime', type: 'fired', url: location.href, revision: 7, tag, event: 'Product Added', trigger: 'click', properties: {}, element });
    window.dispatchEvent(new MessageEvent('message', { data: live('t1', 'button.ProductCard_btn__x7Hq2'), source: window }));
    // An element the last action did not touch keeps the runtime's words.
    window.dispatchEvent(new MessageEvent('message', { data: live('t2', 'a.elsewhere'), source: window }));
    await until(() => expect(entries.filter((e) => e.kind === 'live')).toHaveLength(2));
    const [first, second] = entries.filter((e) => e.kind === 'live');
    expect(first!.element).toBe('“Add to bag” button');
    expect(second!.element).toBe('a.elsewhere');
    expect(agent.outline({ entryId: first!.id })).toBe(1);
    expect(outlined[0]!.element).toBe(button);
  });

  it('logs "no tag fired" with the reasons of the considered tags, nearest first', async () => {
    start();
    (document.querySelector('#help') as HTMLElement).click();
    (document.querySelector('#checkout') as HTMLElement).click();
    await sentinel();
    const noTag = entries.filter((e) => e.kind === 'no-tag');
    expect(noTag).toHaveLength(2);
    expect(noTag[0]!.element).toBe('“Help” button');
    expect(noTag[0]!.candidates!.map((c) => [c.tag, c.reason, c.distance])).toEqual([
      ['off', 'disabled', 0],
      ['add', 'selector-mismatch', 2],
      ['checkout', 'page-rule-failed', 3],
      ['menu', 'selector-mismatch', 4],
    ]);
    expect(noTag[1]!.candidates![0]).toMatchObject({ tag: 'checkout', reason: 'page-rule-failed', distance: 0 });
    expect(entries.filter((e) => e.kind === 'preview').map((e) => e.tag)).toEqual(['view', 'menu']);
  });

  it('does not send unless sending is on, and then hands the event to the main world', async () => {
    const posted: unknown[] = [];
    const original = window.postMessage;
    window.postMessage = ((data: unknown) => void posted.push(data)) as typeof window.postMessage;
    try {
      start();
      (document.querySelector('.menu') as HTMLElement).click();
      expect(posted).toEqual([]);
      agent!.update({ config: config(), send: true, live: false });
      (document.querySelector('.menu') as HTMLElement).click();
      expect(posted).toContainEqual({ source: 'tagpoint-preview-agent', type: 'send', event: 'Menu Opened', properties: {}, tag: 'menu', revision: 3, call: 'track' });
    } finally {
      window.postMessage = original;
    }
  });

  it('the same settings again (a route change Chromium reports as a completed load) restart nothing; flush sends at once', async () => {
    start();
    await sentinel();
    const notices = () => entries.filter((e) => e.kind === 'notice' && /Preview running/.test(e.text ?? '')).length;
    const before = notices();
    agent!.update({ config: config(), send: false, live: false });
    await sentinel();
    expect(notices()).toBe(before);
    agent!.update({ config: config(), send: true, live: false });
    await sentinel();
    expect(notices()).toBe(before + 1);
    // flush: the click is emitted now, not after the batch delay (the page is unloading)
    const count = entries.length;
    (document.querySelector('.menu') as HTMLElement).click();
    agent!.flush();
    expect(entries.length).toBeGreaterThan(count);
  });

  it('reports invalid tags and runs the rest', async () => {
    start(config([...TAGS, { id: 'bad', event: 'Bad', trigger: 'click', target: { selector: '###' } }]));
    (document.querySelector('#join') as HTMLElement).click();
    await sentinel();
    expect(readTags(config([...TAGS, { id: 'bad' }]))).toHaveLength(TAGS.length);
    expect(entries.some((e) => e.kind === 'notice' && /invalid/.test(e.text ?? ''))).toBe(true);
  });

  it('restarts on a route change the runtime cannot see and fires the page view again', async () => {
    // The agent's route poll, captured so the test runs it at a known point instead of
    // sleeping for some ticks of it (still installed with the real setInterval).
    const polls: (() => void)[] = [];
    const realSetInterval = globalThis.setInterval;
    const spy = vi.spyOn(globalThis, 'setInterval').mockImplementation(((fn: () => void, ms?: number) => {
      polls.push(fn);
      return realSetInterval(fn, ms);
    }) as typeof setInterval);
    try {
      start();
    } finally {
      spy.mockRestore();
    }
    expect(polls).toHaveLength(1);
    await until(() => expect(entries.filter((e) => e.tag === 'view')).toHaveLength(1));
    // Seen by the runtime's own history hook in this test's single world; in an extension's
    // isolated world only the agent's URL check sees it. Either way one page view per route.
    history.pushState(null, '', '/checkout/1');
    polls[0]!();
    await until(() => expect(entries.filter((e) => e.tag === 'view')).toHaveLength(2));
    polls[0]!();
    (document.querySelector('#checkout') as HTMLElement).click();
    await sentinel();
    const views = entries.filter((e) => e.tag === 'view');
    expect(views.map((e) => new URL(e.url).pathname)).toEqual(['/', '/checkout/1']);
    expect(entries.filter((e) => e.tag === 'checkout')).toHaveLength(1);
  });

  it('coverage outlines every tagged element with its event name; stop removes the listeners', async () => {
    start();
    const presence = agent!.coverage(true);
    expect(presence).toHaveLength(5);
    expect(outlined.map((o) => o.label)).toEqual(['Product Added', 'Product Added', 'Menu Opened', 'Checkout Started', 'Disabled One']);
    agent!.stop();
    expect(outlined).toEqual([]);
    const before = entries.length;
    // A second agent, started after the stop, logs the next click; the stopped one, had it
    // still listened, would have seen the click first and flushed first (same batch delay).
    const after: LogEntry[] = [];
    const second = createPreviewAgent({ config: config(), send: false, live: false, emit: (batch) => after.push(...batch), outline, batchMs: 5, routePollMs: 20 });
    try {
      (document.querySelector('.menu') as HTMLElement).click();
      await vi.waitFor(() => expect(after.filter((e) => e.kind === 'preview').map((e) => e.event)).toContain('Menu Opened'));
      expect(entries.length).toBe(before);
    } finally {
      second.stop();
    }
  });
});
