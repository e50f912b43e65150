// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShopServer, escapeHtml, formatPrice, type ShopServer } from '../../../lib/demo';

let shop: ShopServer;
const registryUrl = 'http://127.0.0.1:45001';
const collectorUrl = 'http://127.0.0.1:45002';

beforeAll(async () => {
  shop = await createShopServer({ registryUrl, collectorUrl });
});
afterAll(() => shop.stop());

async function get(path: string) {
  const res = await fetch(shop.url + path, { redirect: 'manual' });
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text(), headers: res.headers };
}

describe('demo shop server', () => {
  it.each([
    ['/', 'Featured this week'],
    ['/products/', 'All products'],
    ['/products/fjord-lounge-chair', 'Fjord Lounge Chair'],
    ['/cart', 'Your cart'],
    ['/signup', 'type="password"'],
    ['/app/', 'data-app-root'],
    ['/app/orders', 'data-app-root'],
    ['/events', 'data-events-list'],
  ])('serves %s as HTML', async (path, marker) => {
    const res = await get(path);
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^text\/html/);
    expect(res.text).toContain(marker);
  });

  it('lists 24 product cards, each with an "Add to cart" button and a formatted price', async () => {
    const { text } = await get('/products/');
    expect(text.match(/<article class="ProductCard_card__x7Hq2"/g)).toHaveLength(24);
    expect(text.match(/>Add to cart<\/button>/g)).toHaveLength(24);
    expect(text).toContain('<p class="ProductCard_price__9QwE1">$1,299.00</p>');
  });

  it('puts the analytics snippet and the Tagpoint script tag on shop pages, pointed at the local services', async () => {
    const { text } = await get('/products/');
    expect(text).toContain(`analytics._cdn=${JSON.stringify(shop.url)}`);
    expect(text).toContain('"apiHost":"127.0.0.1:45002/v1"');
    expect(text).toContain(
      `<script async src="${registryUrl}/tagpoint.js" data-config-url="${registryUrl}/v1/sites/demo/config.json"></script>`,
    );
  });

  it('keeps the Events page free of analytics and Tagpoint', async () => {
    const { text } = await get('/events');
    expect(text).not.toContain('analytics.load');
    expect(text).not.toContain('tagpoint.js');
    expect(text).toContain(`data-collector-url="${collectorUrl}"`);
  });

  it('plays cdn.segment.com: the snippet build, its chunks and minimal settings', async () => {
    const lib = await get('/analytics.js/v1/tagpoint-demo/analytics.min.js');
    expect(lib.status).toBe(200);
    expect(lib.type).toMatch(/javascript/);
    expect(lib.text.length).toBeGreaterThan(10_000);
    const settings = JSON.parse((await get('/v1/projects/tagpoint-demo/settings')).text);
    expect(settings).toEqual({
      integrations: { 'Segment.io': { apiKey: 'tagpoint-demo', apiHost: '127.0.0.1:45002/v1', protocol: 'http' } },
      legacyVideoPluginsEnabled: false,
    });
  });

  it.each([
    ['/nope', 404],
    ['/products/no-such-product', 404],
    ['/static/../package.json', 404],
    ['/static/%2e%2e%2fpackage.json', 404],
    ['/analytics-next/bundles/..%2f..%2fpackage.json', 404],
    ['/analytics-next/bundles/missing.js', 404],
    ['/products', 301],
  ])('answers %s with %i', async (path, status) => {
    expect((await get(path)).status).toBe(status);
  });

  it('refuses methods other than GET and HEAD', async () => {
    const res = await fetch(`${shop.url}/signup`, { method: 'POST', body: 'x' });
    expect(res.status).toBe(405);
  });
});

describe('shop rendering helpers', () => {
  it.each([
    [129900, '$1,299.00'],
    [8900, '$89.00'],
    [0, '$0.00'],
  ])('formats %i cents as %s', (cents, text) => {
    expect(formatPrice(cents)).toBe(text);
  });

  it('escapes HTML in text and attributes', () => {
    expect(escapeHtml(`<img src=x onerror="a('b')">&`)).toBe('&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt;&amp;');
  });
});
