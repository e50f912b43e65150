import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRuntime, start, type TagpointHandle } from '../../../lib/runtime';
import type { DebugMessage } from '../../../lib/runtime/debug-protocol';

interface Call {
  event: string;
  properties: Record<string, unknown>;
  meta: { tag: string; revision: number; call: string; category?: string; userId?: unknown; relocated?: boolean };
}

const config = (tags: unknown[], revision = 1) => ({ version: 1, site: 'shop', revision, tags });
const handles: TagpointHandle[] = [];

function run(tags: unknown[], extra: Record<string, unknown> = {}) {
  const calls: Call[] = [];
  const messages: DebugMessage[] = [];
  const handle = start({
    config: config(tags),
    track: (event, properties, meta) => calls.push({ event, properties, meta }),
    debug: (m) => messages.push(m),
    // A loaded test machine may pause longer than the default 10 ms budget.
    relocationBudget: 1000,
    ...extra,
  }) as TagpointHandle;
  handles.push(handle);
  return { calls, messages, handle };
}

const click = (el: Element) => el.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));

beforeEach(() => {
  history.replaceState(null, '', '/products/desk');
  document.body.innerHTML = `
    <div class="card"><h2 class="title">Desk</h2><button class="add" data-testid="add-to-cart"><span class="icon">+</span> Add</button></div>
    <div class="card"><h2 class="title">Chair</h2><button class="add" data-testid="add-to-cart">Add</button></div>
    <form id="f"><input name="q" id="q"><input type="password" id="pw" name="pw"><button id="go">Go</button></form>
    <a id="off" href="#elsewhere">away</a>`;
});
afterEach(() => {
  for (const h of handles.splice(0)) h.stop();
});

describe('click', () => {
  it('fires with closest-ancestor semantics and reads properties near the target', () => {
    const { calls } = run([
      {
        id: 't1',
        event: 'Product Added',
        trigger: 'click',
        target: { selector: '[data-testid=add-to-cart]' },
        properties: [
          { name: 'product', source: 'text', selector: 'h2.title' },
          { name: 'placement', source: 'static', value: 'grid' },
        ],
      },
    ]);
    click(document.querySelector('.icon')!);
    click(document.querySelectorAll('.add')[1]!);
    expect(calls).toEqual([
      { event: 'Product Added', properties: { product: 'Desk', placement: 'grid' }, meta: { tag: 't1', revision: 1, call: 'track' } },
      { event: 'Product Added', properties: { product: 'Chair', placement: 'grid' }, meta: { tag: 't1', revision: 1, call: 'track' } },
    ]);
  });

  it('fires each matching tag once, in config order, and not for elsewhere', () => {
    const { calls } = run([
      { id: 'b', event: 'Card', trigger: 'click', target: { selector: '.card' } },
      { id: 'a', event: 'Button', trigger: 'click', target: { selector: 'button.add, .icon' } },
      { id: 'c', event: 'Other', trigger: 'click', target: { selector: '#off' } },
      { id: 'u', event: 'Unbucketed', trigger: 'click', target: { selector: ':is(button.add)' } },
    ]);
    click(document.querySelector('.icon')!);
    expect(calls.map((c) => c.event)).toEqual(['Card', 'Button', 'Unbucketed']);
  });

  it('matches inside open shadow roots through the composed path, only within the host chain', () => {
    const host = document.createElement('div');
    host.id = 'host';
    const other = document.createElement('div');
    other.id = 'other';
    document.body.append(host, other);
    for (const h of [host, other]) h.attachShadow({ mode: 'open' }).innerHTML = '<button class="buy"><b>Buy</b></button>';
    // A light-DOM look-alike: a host-less selector stands for it, never for a shadow button.
    document.body.insertAdjacentHTML('beforeend', '<button class="buy" id="light">Buy</button>');
    const { calls } = run([
      { id: 's', event: 'Shadow Buy', trigger: 'click', target: { selector: 'button.buy', hosts: ['#host'] } },
      { id: 'n', event: 'No Hosts', trigger: 'click', target: { selector: 'button.buy' } },
      { id: 'h', event: 'Host', trigger: 'click', target: { selector: '#host' } },
    ]);
    click(host.shadowRoot!.querySelector('b')!);
    click(other.shadowRoot!.querySelector('b')!);
    click(document.getElementById('light')!);
    expect(calls.map((c) => c.event)).toEqual(['Shadow Buy', 'Host', 'No Hosts']);
  });

  it('fires without preventing default or stopping propagation', () => {
    const { calls } = run([{ id: 't', event: 'E', trigger: 'click', target: { selector: 'button' } }]);
    const button = document.querySelector('button')!;
    // The page's own listeners, at the target and after the runtime's capture listener on document.
    const seen: string[] = [];
    const onTarget = (e: Event) => seen.push(`target:${e.defaultPrevented}`);
    const onWindow = (e: Event) => seen.push(`window:${e.defaultPrevented}`);
    button.addEventListener('click', onTarget);
    window.addEventListener('click', onWindow);
    try {
      const event = new MouseEvent('click', { bubbles: true, composed: true, cancelable: true });
      expect(button.dispatchEvent(event)).toBe(true); // false would mean preventDefault()
      expect(calls.map((c) => c.meta.tag)).toEqual(['t']);
      expect(seen).toEqual(['target:false', 'window:false']);
    } finally {
      button.removeEventListener('click', onTarget);
      window.removeEventListener('click', onWindow);
    }
  });
});

describe('submit and change', () => {
  it('sees a submit whose form handler stops propagation', () => {
    const form = document.getElementById('f')!;
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      e.stopPropagation();
    });
    const { calls } = run([
      { id: 's', event: 'Searched', trigger: 'submit', target: { selector: '#f' }, properties: [{ name: 'q', source: 'value', selector: '#q' }, { name: 'pw', source: 'value', selector: '#pw' }] },
    ]);
    (document.getElementById('q') as HTMLInputElement).value = 'lamps';
    (document.getElementById('pw') as HTMLInputElement).value = 'hunter2';
    form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    expect(calls).toHaveLength(1);
    expect(calls[0]!.properties).toEqual({ q: 'lamps', pw: null });
  });

  it('a submit tag on the submit button fires when that button submits, and not for another submitter', () => {
    const form = document.getElementById('f')!;
    form.insertAdjacentHTML('beforeend', '<button id="other" type="submit">Other</button>');
    const { calls } = run([{ id: 'b', event: 'Go Submitted', trigger: 'submit', target: { selector: '#go' } }]);
    const submit = (submitter: Element | null) => form.dispatchEvent(new SubmitEvent('submit', { bubbles: true, cancelable: true, submitter: submitter as HTMLElement | null }));
    submit(document.getElementById('other'));
    submit(null);
    expect(calls).toHaveLength(0);
    submit(document.getElementById('go'));
    expect(calls.map((c) => c.event)).toEqual(['Go Submitted']);
  });

  it('fires change tags with the field value', () => {
    const { calls } = run([{ id: 'c', event: 'Query Changed', trigger: 'change', target: { selector: 'input[name=q]' }, properties: [{ name: 'v', source: 'value' }] }]);
    const q = document.getElementById('q') as HTMLInputElement;
    q.value = 'x';
    q.dispatchEvent(new Event('change', { bubbles: true }));
    expect(calls.map((c) => c.properties)).toEqual([{ v: 'x' }]);
  });
});

describe('page rules and page views', () => {
  it('fires pageview on load and once per route change; click tags follow the route', async () => {
    const { calls } = run([
      { id: 'pv', event: 'Viewed', trigger: 'pageview', properties: [{ name: 'path', source: 'url', part: 'path' }] },
      { id: 'cart', event: 'Cart Click', trigger: 'click', target: { selector: 'button' }, pages: [{ match: 'path-prefix', value: '/cart' }] },
    ]);
    click(document.querySelector('button')!);
    history.pushState(null, '', '/cart');
    history.replaceState(null, '', '/cart');
    await Promise.resolve();
    await Promise.resolve();
    click(document.querySelector('button')!);
    history.pushState(null, '', '/cart#x');
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await Promise.resolve();
    expect(calls.map((c) => `${c.event} ${JSON.stringify(c.properties)}`)).toEqual([
      'Viewed {"path":"/products/desk"}',
      'Viewed {"path":"/cart"}',
      'Cart Click {}',
      'Viewed {"path":"/cart"}',
    ]);
  });
});

describe('tolerance', () => {
  const broken = [
    { id: 'bad-sel', event: 'X', trigger: 'click', target: { selector: 'button[' } },
    { id: 'bad-trig', event: 'X', trigger: 'hover', target: { selector: 'button' } },
    { id: 'bad-re', event: 'X', trigger: 'click', target: { selector: 'button' }, pages: [{ match: 'regex', value: '(' }] },
    { id: 'no-target', event: 'X', trigger: 'click' },
    { id: 'proto', event: 'X', trigger: 'click', target: { selector: 'button' }, properties: [{ name: '__proto__', source: 'static', value: 1 }] },
    JSON.parse('{"__proto__": {"polluted": true}, "id": "p2", "event": "P", "trigger": "click", "target": {"selector": "button"}}'),
    null,
    'tag',
    { id: 'good', event: 'Good', trigger: 'click', target: { selector: 'button' } },
    { id: 'good', event: 'Dup', trigger: 'click', target: { selector: 'button' } },
    { id: 'off', event: 'Off', trigger: 'click', target: { selector: 'button' }, enabled: false },
  ];

  it('skips each invalid tag, fires the good ones, reports why', () => {
    const { calls, messages } = run(broken);
    click(document.querySelector('button')!);
    expect(calls.map((c) => c.meta.tag)).toEqual(['p2', 'good']);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    const invalid = messages.filter((m) => m.type === 'invalid-tag').map((m) => (m as { tag: string }).tag);
    expect(invalid).toEqual(['bad-sel', 'bad-trig', 'bad-re', 'no-target', 'proto', '#6', '#7', 'good']);
    const notFired = messages.filter((m) => m.type === 'not-fired').map((m) => `${(m as { tag: string }).tag}:${(m as { reason: string }).reason}`);
    expect(notFired).toContain('off:disabled');
    expect(notFired).toContain('bad-sel:invalid');
    const fired = messages.filter((m) => m.type === 'fired');
    expect(fired.map((m) => (m as { element?: string }).element)).toEqual(['button.add', 'button.add']);
    expect(JSON.parse(JSON.stringify(messages))).toEqual(messages);
  });

  it('keeps firing other tags when a sink or a property throws', () => {
    const events: string[] = [];
    run(
      [
        { id: 'a', event: 'A', trigger: 'click', target: { selector: 'button' } },
        { id: 'b', event: 'B', trigger: 'click', target: { selector: '.add' } },
      ],
      {
        track: (event: string) => {
          events.push(event);
          throw new Error('sink down');
        },
      },
    );
    expect(() => click(document.querySelector('button')!)).not.toThrow();
    expect(events).toEqual(['A', 'B']);
  });

  it.each([null, 'x', [], { version: 2, tags: [] }, { version: 1 }, { version: 1, tags: 'no' }])('refuses config %j without throwing', (bad) => {
    const calls: string[] = [];
    const h = start({ config: bad, track: (e) => calls.push(e) }) as TagpointHandle;
    handles.push(h);
    click(document.querySelector('button')!);
    expect(calls).toEqual([]);
    expect(h.update(config([{ id: 'g', event: 'G', trigger: 'click', target: { selector: 'button' } }]))).toBe(true);
    // Still listening: the same click fires once a good config is in.
    click(document.querySelector('button')!);
    expect(calls).toEqual(['G']);
  });
});

describe('locator resolution (lib/core)', () => {
  const fallbackTags = [
    {
      id: 'fb',
      event: 'Fallback',
      trigger: 'click',
      target: { selector: '#gone', fallbacks: ['button.add'], fingerprint: { tag: 'button', text: 'add' } },
    },
    {
      id: 'fp-mismatch',
      event: 'Wrong',
      trigger: 'click',
      target: { selector: '#gone2', fallbacks: ['button.add'], fingerprint: { tag: 'a' } },
    },
    {
      id: 'primary-present',
      event: 'Primary',
      trigger: 'click',
      target: { selector: '#off', fallbacks: ['button.add'], fingerprint: { tag: 'button' } },
    },
  ];

  it('relocates through a fallback only when the primary finds nothing agreeing, and says so', () => {
    // "+ Add" and "Add": one button agrees with the fingerprint.
    const { calls, messages } = run(fallbackTags);
    click(document.querySelectorAll('.add')[1]!);
    expect(calls).toEqual([{ event: 'Fallback', properties: {}, meta: { tag: 'fb', revision: 1, call: 'track', relocated: true } }]);
    expect(messages.find((m) => m.type === 'fired')).toMatchObject({ tag: 'fb', relocated: true });
  });

  it('sends `context.tagpoint.relocated` to analytics.js', () => {
    const sent: unknown[][] = [];
    (window as { analytics?: unknown }).analytics = { track: (...args: unknown[]) => sent.push(args) };
    try {
      handles.push(start({ config: config(fallbackTags), relocationBudget: 1000 }) as TagpointHandle);
      click(document.querySelectorAll('.add')[1]!);
    } finally {
      delete (window as { analytics?: unknown }).analytics;
    }
    expect(sent).toEqual([['Fallback', {}, { context: { tagpoint: { tag: 'fb', revision: 1, relocated: true } } }]]);
  });

  it('abstains when the fallback is not unique', () => {
    document.querySelector('.add')!.textContent = 'Add';
    const { calls } = run(fallbackTags);
    click(document.querySelectorAll('.add')[1]!);
    expect(calls).toEqual([]);
  });

  it('counts a primary match only when it agrees with the fingerprint', () => {
    const { calls } = run([
      { id: 'ok', event: 'Agrees', trigger: 'click', target: { selector: '.card:nth-child(2) .add', fingerprint: { tag: 'button', attributes: { 'data-testid': 'add-to-cart' } } } },
      { id: 'moved', event: 'Moved', trigger: 'click', target: { selector: '.card:nth-child(2) .add', fingerprint: { tag: 'button', text: 'Remove', attributes: { 'data-testid': 'remove' } } } },
    ]);
    click(document.querySelectorAll('.add')[1]!);
    expect(calls.map((c) => c.event)).toEqual(['Agrees']);
  });

  it('looks again once the DOM changed, not before', () => {
    const { calls } = run(fallbackTags);
    const second = document.querySelectorAll('.add')[1]!;
    click(second);
    // Same task, no observer callback yet: the change is still seen (two buttons agree now).
    document.querySelector('.add')!.textContent = 'Add';
    click(second);
    expect(calls.map((c) => c.meta.tag)).toEqual(['fb']);
  });

  it('spends at most `relocationBudget` on relocation per action', () => {
    const { calls } = run(fallbackTags, { relocationBudget: -1 });
    click(document.querySelectorAll('.add')[1]!);
    expect(calls).toEqual([]);
  });
});

describe('lifecycle', () => {
  it('buffers actions until the config arrives, then matches them', () => {
    const calls: string[] = [];
    const rt = createRuntime({ track: (e) => calls.push(e) });
    handles.push(rt);
    click(document.querySelector('button')!);
    expect(calls).toEqual([]);
    rt.load(config([
      { id: 'pv', event: 'Viewed', trigger: 'pageview' },
      { id: 'c', event: 'Clicked', trigger: 'click', target: { selector: 'button' } },
    ]), 'network');
    expect(calls).toEqual(['Viewed', 'Clicked']);
  });

  it('keeps at most 50 actions while the config loads', () => {
    const calls: string[] = [];
    const rt = createRuntime({ track: (e) => calls.push(e) });
    handles.push(rt);
    for (let i = 0; i < 60; i++) click(document.querySelector('button')!);
    rt.load(config([{ id: 'c', event: 'Clicked', trigger: 'click', target: { selector: 'button' } }]), 'network');
    // 50 = the initial page view + 49 clicks.
    expect(calls).toEqual(Array(49).fill('Clicked'));
  });

  it('stop() removes listeners and restores history', () => {
    const push = history.pushState;
    const { calls, handle } = run([{ id: 'c', event: 'C', trigger: 'click', target: { selector: 'button' } }]);
    expect(history.pushState).not.toBe(push);
    click(document.querySelector('button')!);
    expect(calls.map((c) => c.event)).toEqual(['C']);
    handle.stop();
    expect(history.pushState).toBe(push);
    click(document.querySelector('button')!);
    expect(calls.map((c) => c.event)).toEqual(['C']);
  });

  it('sends to window.analytics and dataLayer by default', () => {
    const got: unknown[][] = [];
    (window as any).analytics = { track: (...args: unknown[]) => got.push(args) };
    (window as any).dataLayer = [];
    const h = start({ config: config([{ id: 'c', event: 'C', trigger: 'click', target: { selector: 'button' }, properties: [{ name: 'k', source: 'static', value: 'v' }] }], 4), dataLayer: true }) as TagpointHandle;
    handles.push(h);
    click(document.querySelector('button')!);
    expect(got).toEqual([['C', { k: 'v' }, { context: { tagpoint: { tag: 'c', revision: 4 } } }]]);
    expect((window as any).dataLayer).toEqual([{ event: 'C', k: 'v', tagpoint: { tag: 'c', revision: 4, call: 'track' } }]);
    delete (window as any).analytics;
    delete (window as any).dataLayer;
  });
});
