/**
 * The runtime's tag health (lib/runtime/health): the runtime itself fires through the
 * counting client, the reporter checks the page with lib/health/check.ts and sends beacons
 * that the registry's own schema (lib/health/beacon.ts) accepts. The page side is happy-dom;
 * sendBeacon on a real page and a real registry: test/e2e/health.spec.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BeaconSchema, type Beacon } from '../../../lib/health/beacon';
import { start, type TagpointHandle } from '../../../lib/runtime';
import { configSample, createHealth, MAX_BEACON_CHARS, sampleRate, type Health } from '../../../lib/runtime/health';

const fp = (attributes: Record<string, string>) => ({ tag: 'button', attributes });
const TAGS = [
  { id: 'buy', event: 'Buy', trigger: 'click', target: { selector: '#buy', fingerprint: fp({ id: 'buy' }) } },
  // The primary is gone; one fallback finds the single button whose data-testid agrees.
  { id: 'moved', event: 'Moved', trigger: 'click', target: { selector: '#old-cart', fallbacks: ['[data-testid=cart]'], fingerprint: fp({ 'data-testid': 'cart' }) } },
  // The primary is gone; the fallback finds two buttons that both agree: relocation will not choose.
  { id: 'twice', event: 'Twice', trigger: 'click', target: { selector: '#old-share', fallbacks: ['.share'], fingerprint: fp({ class: 'share' }) } },
  { id: 'gone', event: 'Gone', trigger: 'click', target: { selector: '#nothing-here' } },
  { id: 'pv', event: 'Product Viewed', trigger: 'pageview' },
  { id: 'elsewhere', event: 'Checkout', trigger: 'click', target: { selector: '#buy' }, pages: [{ match: 'path-prefix', value: '/checkout' }] },
  { id: 'off', event: 'Off', trigger: 'click', enabled: false, target: { selector: '#buy' } },
];
const config = (tags: unknown[] = TAGS) => ({ version: 1, site: 'shop', revision: 4, tags });

const open: { stop(): void }[] = [];
function setup(tags?: unknown[]) {
  const sent: { url: string; body: string }[] = [];
  const calls: unknown[][] = [];
  const health: Health = createHealth({ url: 'https://registry.test/v1/sites/shop/health', sample: 0.5, delay: 0, sliceBudget: 1000, send: (url, body) => sent.push({ url, body }) });
  const inner = { track: (...a: unknown[]) => calls.push(a), page: (...a: unknown[]) => calls.push(a) };
  const handle = start({ config: config(tags), analytics: health.analytics(inner), relocationBudget: 1000 }) as TagpointHandle;
  health.load(config(tags));
  open.push(health, handle);
  const beacons = () => sent.map((s) => BeaconSchema.parse(JSON.parse(s.body)) as Beacon);
  return { health, sent, calls, beacons };
}
const click = (el: Element) => el.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
const states = (b: Beacon) => Object.fromEntries(b.tags.map((t) => [t.id, [t.state, t.events]]));

beforeEach(() => {
  history.replaceState(null, '', '/products/8812?q=secret#frag');
  document.body.innerHTML = `
    <button id="buy">Buy for jane@example.com</button>
    <button data-testid="cart">Cart</button>
    <button class="share">Share</button><button class="share">Share</button>
    <input id="email" value="jane@example.com">`;
});
afterEach(() => {
  for (const h of open.splice(0)) h.stop();
});

describe('runtime tag health', () => {
  it('reports each applying tag with its state and events, once per page view, and never text, values or the query', () => {
    const { health, sent, calls, beacons } = setup();
    click(document.getElementById('buy')!);
    click(document.getElementById('buy')!);
    click(document.querySelector('[data-testid=cart]')!);
    // The runtime still delivers to the wrapped client, with its options.
    expect(calls.length).toBe(4);
    window.dispatchEvent(new Event('pagehide'));
    health.flush();
    expect(sent.length).toBe(1);
    expect(sent[0]!.url).toBe('https://registry.test/v1/sites/shop/health');
    const [beacon] = beacons();
    expect(beacon).toMatchObject({ v: 1, site: 'shop', revision: 4, path: '/products/:id', sample: 0.5 });
    expect(states(beacon!)).toEqual({ buy: ['found', 2], moved: ['relocated', 1], twice: ['ambiguous', 0], gone: ['absent', 0], pv: ['found', 1] });
    // Problems first, so a cut drops healthy tags.
    expect(beacon!.tags.map((t) => t.state)).toEqual(['absent', 'ambiguous', 'relocated', 'found', 'found']);
    expect(sent[0]!.body).not.toMatch(/jane|example|secret|frag|8812|Buy for/);
  });

  it('sends the previous route on a single-page-app navigation and starts the next one with its own page rules', () => {
    const { sent, beacons } = setup();
    click(document.getElementById('buy')!);
    history.pushState(null, '', '/checkout/step-2');
    expect(sent.length).toBe(1);
    click(document.getElementById('buy')!);
    document.dispatchEvent(new Event('visibilitychange'));
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
    const [first, second] = beacons();
    expect(first!.path).toBe('/products/:id');
    expect(states(first!).buy).toEqual(['found', 1]);
    expect(states(first!).elsewhere).toBeUndefined();
    expect(second!.path).toBe('/checkout/step-2');
    // The checkout route's page view fired its pageview tag again, counted there.
    expect(states(second!)).toMatchObject({ buy: ['found', 1], elsewhere: ['found', 1], pv: ['found', 1] });
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
  });

  it('keeps a beacon within its bounds and the registry schema for 1,500 tags', () => {
    const many = Array.from({ length: 1500 }, (_, i) => ({ id: `tag-${'x'.repeat(50)}-${i}`, event: `E${i}`, trigger: 'click', target: { selector: i % 2 ? '#buy' : `#missing-${i}` } }));
    const { health, sent, beacons } = setup(many);
    health.flush();
    expect(sent[0]!.body.length).toBeLessThanOrEqual(MAX_BEACON_CHARS);
    const [beacon] = beacons();
    expect(beacon!.tags.length).toBeGreaterThan(100);
    expect(beacon!.tags.length).toBeLessThanOrEqual(1000);
    // 750 absent and 750 found tags do not fit: the cut dropped found ones first.
    expect(beacon!.tags.length).toBeLessThan(750);
    expect(beacon!.tags.every((t) => t.state === 'absent')).toBe(true);
  });

  it('never throws into the page: a failing sender, a hostile config, a stopped reporter', () => {
    const health = createHealth({ url: '/h', delay: 0, send: () => { throw new Error('no'); } });
    open.push(health);
    expect(health.load({ version: 1, site: 'shop', revision: 1, tags: [{ id: 'a', trigger: 'click', target: { selector: ')(' } }] })).toBe(true);
    expect(health.load('not a config')).toBe(false);
    expect(() => health.flush()).not.toThrow();
    const client = health.analytics({ track: () => { throw new Error('sink'); } });
    expect(() => client.track!('E', {}, { get context() { throw new Error('hostile'); } })).toThrow('sink');
    health.stop();
    expect(() => window.dispatchEvent(new Event('pagehide'))).not.toThrow();
  });
});

describe('sampleRate', () => {
  it('reads data-health: empty is every view, a rate itself, anything else off', () => {
    expect([null, '', '1', '0.25', '0', '-1', '2', 'yes', 'NaN'].map(sampleRate)).toEqual([0, 1, 1, 0.25, 0, 0, 0, 0, 0]);
  });
});

describe('health from the config (health.sample)', () => {
  it('configSample reads a rate in (0, 1], anything else is off', () => {
    const rates = [0.1, 1, 0, -1, 2, '0.5', null, NaN].map((sample) => configSample({ health: { sample } }));
    expect(rates).toEqual([0.1, 1, undefined, undefined, undefined, undefined, undefined, undefined]);
    expect([null, 7, 'x', {}, { health: 'on' }].map(configSample)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it("the running runtime gives the config's sample on its handle, and wrap() routes its later calls through the counting client", () => {
    const calls: unknown[][] = [];
    const handle = start({ config: { ...config(), health: { sample: 0.25 } }, analytics: { track: (...a: unknown[]) => calls.push(a), page: (...a: unknown[]) => calls.push(a) } }) as TagpointHandle;
    open.push(handle);
    expect(handle.health).toBe(0.25);
    const sent: string[] = [];
    // No sample given: the beacon carries the config's.
    const health = createHealth({ url: 'https://registry.test/h', delay: 0, sliceBudget: 1000, send: (_url, body) => sent.push(body) });
    open.push(health);
    handle.wrap!((client) => health.analytics(client));
    expect(health.load({ ...config(), health: { sample: 0.25 } })).toBe(true);
    click(document.getElementById('buy')!);
    // The page view was sent before the wrap (not counted); the click after it is, and still reaches the page's client.
    expect(calls.map((c) => (c.length === 4 ? c[1] : c[0]))).toEqual(['Product Viewed', 'Buy']);
    health.flush();
    const beacon = BeaconSchema.parse(JSON.parse(sent[0]!));
    expect(beacon.sample).toBe(0.25);
    expect(states(beacon).buy).toEqual(['found', 1]);
    expect(states(beacon).pv).toEqual(['found', 0]);
  });

  it('a config without health leaves the handle without a sample', () => {
    const handle = start({ config: config(), track: () => undefined }) as TagpointHandle;
    open.push(handle);
    expect(handle.health).toBeUndefined();
  });
});
