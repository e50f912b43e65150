import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { start, type TagpointHandle } from '../../../lib/runtime';
import type { TrackMeta } from '../../../lib/runtime/sinks';

const optIn = { by: 'Ada', at: '2026-05-01T09:30:00Z' };
const config = (tags: unknown[]) => ({ version: 1, site: 'shop', revision: 7, tags });
const handles: TagpointHandle[] = [];
const w = window as unknown as { analytics?: unknown; dataLayer?: unknown[] };

const signUp = {
  id: 'signup',
  event: 'Signed Up',
  trigger: 'submit',
  call: 'identify',
  target: { selector: 'form#signup' },
  userId: { source: 'value', selector: '#email', optIn },
  traits: [
    { name: 'email', source: 'value', selector: '#email', optIn },
    { name: 'name', source: 'value', selector: '#name', optIn },
    // A config may ask for the password: the runtime never reads it.
    { name: 'password', source: 'value', selector: '#pw', optIn },
  ],
};
const pageTag = { id: 'pv', event: 'Product', trigger: 'pageview', call: 'page', category: 'Shop', properties: [{ name: 'sku', source: 'query', param: 'sku' }] };

function analyticsStub() {
  const calls: unknown[][] = [];
  w.analytics = {
    track: (...args: unknown[]) => calls.push(['track', ...args]),
    page: (...args: unknown[]) => calls.push(['page', ...args]),
    identify: (...args: unknown[]) => calls.push(['identify', ...args]),
  };
  return calls;
}

const submit = () => document.querySelector('form#signup')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));

beforeEach(() => {
  history.replaceState(null, '', '/products/desk?sku=D-1');
  document.body.innerHTML = `
    <form id="signup"><input id="email" value="ada@example.com"><input id="name" value="Ada"><input id="pw" type="password" value="hunter2"></form>
    <button id="b">Buy</button>`;
});
afterEach(() => {
  for (const h of handles.splice(0)) h.stop();
  delete w.analytics;
  delete w.dataLayer;
});

describe('Segment calls through window.analytics', () => {
  it('a page tag calls analytics.page(category, name, properties, options)', () => {
    const calls = analyticsStub();
    handles.push(start({ config: config([pageTag]) }) as TagpointHandle);
    expect(calls).toEqual([['page', 'Shop', 'Product', { sku: 'D-1' }, { context: { tagpoint: { tag: 'pv', revision: 7 } } }]]);
  });

  it('a page tag without category passes null, which analytics.js reads as "no category"', () => {
    const calls = analyticsStub();
    handles.push(start({ config: config([{ ...pageTag, category: undefined, properties: undefined }]) }) as TagpointHandle);
    expect(calls).toEqual([['page', null, 'Product', {}, { context: { tagpoint: { tag: 'pv', revision: 7 } } }]]);
  });

  it('an identify tag calls analytics.identify(userId, traits, options) on submit, never with the password', () => {
    const calls = analyticsStub();
    handles.push(start({ config: config([signUp]) }) as TagpointHandle);
    submit();
    expect(calls).toEqual([
      ['identify', 'ada@example.com', { email: 'ada@example.com', name: 'Ada', password: null }, { context: { tagpoint: { tag: 'signup', revision: 7 } } }],
    ]);
    expect(JSON.stringify(calls)).not.toContain('hunter2');
  });

  it('an identify tag without user id passes undefined, so analytics.js keeps the current user', () => {
    const calls = analyticsStub();
    handles.push(start({ config: config([{ ...signUp, userId: undefined }]) }) as TagpointHandle);
    submit();
    expect(calls[0]!.slice(0, 2)).toEqual(['identify', undefined]);
  });

  it('prefers the analytics option over window.analytics', () => {
    const mine: unknown[][] = [];
    const seen = analyticsStub();
    const analytics = { page: (...args: unknown[]) => mine.push(args) };
    handles.push(start({ config: config([pageTag]), analytics }) as TagpointHandle);
    expect(mine).toHaveLength(1);
    expect(seen).toEqual([]);
  });
});

describe('the same calls reach dataLayer and custom sinks', () => {
  it('a custom track sink gets the call, category and user id in its meta', () => {
    const got: [string, Record<string, unknown>, TrackMeta][] = [];
    handles.push(start({ config: config([pageTag, signUp]), track: (e, p, m) => got.push([e, p, m]) }) as TagpointHandle);
    submit();
    expect(got).toEqual([
      ['Product', { sku: 'D-1' }, { tag: 'pv', revision: 7, call: 'page', category: 'Shop' }],
      ['Signed Up', { email: 'ada@example.com', name: 'Ada', password: null }, { tag: 'signup', revision: 7, call: 'identify', userId: 'ada@example.com' }],
    ]);
  });

  it('dataLayer gets every call with its meta', () => {
    w.dataLayer = [];
    handles.push(start({ config: config([pageTag, signUp]), dataLayer: true, track: () => {} }) as TagpointHandle);
    submit();
    expect(w.dataLayer).toEqual([
      { event: 'Product', sku: 'D-1', tagpoint: { tag: 'pv', revision: 7, call: 'page', category: 'Shop' } },
      { event: 'Signed Up', email: 'ada@example.com', name: 'Ada', password: null, tagpoint: { tag: 'signup', revision: 7, call: 'identify', userId: 'ada@example.com' } },
    ]);
  });

  it('a config calling an analytics method that is no Segment call is skipped, not called', () => {
    let reset = 0;
    w.analytics = { reset: () => reset++, track: () => {} };
    const h = start({ config: config([{ id: 'r', event: 'x', trigger: 'pageview', call: 'reset' }]) }) as TagpointHandle;
    handles.push(h);
    expect(reset).toBe(0);
  });
});
