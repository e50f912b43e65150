/**
 * Tag health end to end (issue 15), all real and on 127.0.0.1: Chromium loads a shop page whose
 * script tag has `data-health`; tagpoint.js (served by the registry) loads tagpoint-health.js
 * from beside itself, which starts the runtime and, on pagehide, sends a beacon with
 * navigator.sendBeacon to the registry (its SQLite file in a temp folder). After a "redeploy"
 * of the page drops one tag's button, GET /health shows that tag broken and the registry's
 * --alert-webhook posts one message to a local receiver. Every beacon of the run is read:
 * none carries the page's text, a field's value or the query string.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BeaconSchema } from '../../lib/health/beacon';
import { createRegistry, type Registry } from '../../lib/server';
import { runtimeOutDir } from '../../scripts/build-runtime';
import { expect, test } from './runtime-support';

const SECRET_QUERY = 'coupon=SECRET-COUPON-77';
const TAGS = [
  { id: 'buy', event: 'Product Added', trigger: 'click', target: { selector: '#buy', fingerprint: { tag: 'button', attributes: { id: 'buy' } } } },
  { id: 'wishlist', event: 'Wishlist Added', trigger: 'click', target: { selector: '#wishlist' } },
  { id: 'viewed', event: 'Product Viewed', trigger: 'pageview', pages: [{ match: 'path-prefix', value: '/products/' }] },
  { id: 'checkout', event: 'Checkout Started', trigger: 'click', target: { selector: '#pay' }, pages: [{ match: 'path-prefix', value: '/checkout' }] },
];

let dir: string;
let registry: Registry;
let registryUrl: string;
let viewer: string;
let hook: { server: Server; url: string; messages: { text: string }[] };
let deployed: 'v1' | 'v2' = 'v1';
/** Every beacon body as it reached the registry (Playwright does not see requests sent on pagehide). */
const beacons: string[] = [];

const shopHtml = () => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Health shop</title>
<script>
  window.__pageErrors = [];
  window.addEventListener('error', (e) => window.__pageErrors.push(String(e.message)));
  window.__tracked = 0;
  window.analytics = { track() { window.__tracked++; }, page() {} };
</script>
<script async src="${registryUrl}/tagpoint.js" data-config-url="${registryUrl}/v1/sites/shop/config.json" data-health></script>
</head><body>
<h1>Desk lamp for jane@example.com</h1>
<input id="email" value="jane@example.com">
${deployed === 'v1' ? '<button id="wishlist">Wishlist</button>' : '<button id="save-for-later">Save for later</button>'}
<button id="buy">Buy now</button>
</body></html>`;

test.beforeAll(async () => {
  const messages: { text: string }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      messages.push(JSON.parse(body));
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hook = { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, messages };

  dir = mkdtempSync(path.join(tmpdir(), 'tagpoint-health-e2e-'));
  registry = createRegistry({
    port: 0,
    host: '127.0.0.1',
    dbPath: path.join(dir, 'tagpoint.db'),
    runtimeBundlePath: path.join(runtimeOutDir, 'tagpoint.js'),
    alertWebhook: hook.url,
    alertCheckIntervalMs: 0,
    // One-second buckets, each judged from one beacon on: the redeploy starts a bucket of its own.
    healthBucketSeconds: 1,
    healthThresholds: { minSamples: 1 },
  });
  registry.app.addHook('preHandler', async (request) => {
    if (request.method === 'POST' && request.url === '/v1/sites/shop/health') beacons.push(typeof request.body === 'string' ? request.body : JSON.stringify(request.body));
  });
  registryUrl = await registry.listen();
  const publisher = registry.store.createToken({ site: 'shop', role: 'publisher', label: 'e2e' }).token;
  viewer = registry.store.createToken({ site: 'shop', role: 'viewer', label: 'e2e' }).token;
  const res = await fetch(`${registryUrl}/v1/sites/shop/versions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${publisher}` },
    body: JSON.stringify({ config: { version: 1, site: 'shop', revision: 0, tags: TAGS } }),
  });
  expect(res.status).toBe(201);
});

test.afterAll(async () => {
  await registry?.close();
  hook?.server.closeAllConnections();
  await new Promise<void>((resolve) => hook?.server.close(() => resolve()));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** GET /health as the side panel and `tagpoint health` read it (it flushes, and runs the alert check). */
async function report() {
  const res = await fetch(`${registryUrl}/v1/sites/shop/health?since=1h`, { headers: { authorization: `Bearer ${viewer}` } });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { tags: { id: string; state: string; samples: number; views: number; absent: number; found: number; events: number; absentPath: string | null }[] };
  return Object.fromEntries(body.tags.map((t) => [t.id, t]));
}

/** Waits for the clock to enter the next one-second bucket (a signal, not a fixed sleep). */
async function nextBucket() {
  const current = Math.floor(Date.now() / 1000);
  while (Math.floor(Date.now() / 1000) === current) await new Promise((resolve) => setTimeout(resolve, 20));
}

test('beacons from real page views reach the registry; a redeploy that drops a tag\'s element turns it broken and alerts once', async ({ rtPage: page, site }) => {
  test.setTimeout(90_000);
  site.route('/products', (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html', 'Cache-Control': 'no-store' });
    res.end(shopHtml());
  });

  let views = 0;
  const view = async (sku: number) => {
    await page.goto(site.url(`/products/${sku}?${SECRET_QUERY}&email=jane%40example.com`));
    expect(await page.evaluate(() => (window as any).TagpointHealth.ready)).toBe(true);
    await page.click('#buy');
    await expect.poll(() => page.evaluate(() => (window as any).__tracked)).toBe(2); // the page view and the click
    expect(await page.evaluate(() => (window as any).__pageErrors)).toEqual([]);
    // Leaving the page is the pagehide the beacon goes out on.
    await page.goto('about:blank');
    views++;
    await expect.poll(async () => (await report()).buy?.samples, { timeout: 15_000 }).toBe(views);
  };

  await nextBucket();
  for (const sku of [8812, 8813, 8814]) await view(sku);
  let health = await report();
  expect(health.buy).toMatchObject({ state: 'healthy', found: 100, events: 3, samples: 3 });
  expect(health.wishlist).toMatchObject({ state: 'healthy', found: 100, events: 0 });
  expect(health.viewed).toMatchObject({ state: 'healthy', events: 3 });
  // Its page rule never applied: no views, no state from this run.
  expect(health.checkout).toMatchObject({ state: 'no-traffic', views: 0 });
  expect(hook.messages).toEqual([]);

  // The redeploy: the wishlist button is gone (renamed); the buy button stayed.
  deployed = 'v2';
  await nextBucket();
  for (const sku of [8815, 8816, 8817]) await view(sku);
  health = await report();
  expect(health.wishlist).toMatchObject({ state: 'broken', absentPath: '/products/:id', samples: 6 });
  expect(health.buy).toMatchObject({ state: 'healthy', found: 100, events: 6 });
  await expect.poll(() => hook.messages.length).toBe(1);
  expect(hook.messages[0]!.text).toMatch(/tag "wishlist" \(Wishlist Added\) of site shop is broken since .*: target absent on 100% of \d+ views, last on \/products\/:id\./);
  // A later look finds nothing new to say: still one message.
  await report();
  expect(hook.messages).toHaveLength(1);

  // Every beacon of the run: the documented shape, and nothing of the page's text, values or query.
  expect(beacons).toHaveLength(6);
  for (const body of beacons) {
    const beacon = BeaconSchema.parse(JSON.parse(body));
    expect(beacon).toMatchObject({ site: 'shop', revision: 1, path: '/products/:id', sample: 1 });
    expect(body).not.toMatch(/SECRET|coupon|jane|example\.com|Desk lamp|Buy now|88\d\d|\?/);
  }
});

/** A page of site `cfg`, whose config turns health on (`health.sample`); `attrs` are the script tag's extra attributes. */
const cfgHtml = (attrs: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Config health</title>
<script>
  window.__pageErrors = [];
  window.addEventListener('error', (e) => window.__pageErrors.push(String(e.message)));
  window.__tracked = 0;
  window.analytics = { track() { window.__tracked++; }, page() {} };
</script>
<script async src="${registryUrl}/tagpoint.js" data-config-url="${registryUrl}/v1/sites/cfg/config.json" ${attrs}></script>
</head><body><button id="buy">Buy now</button></body></html>`;

test.describe('the config turns health on', () => {
  test.beforeAll(async () => {
    const publisher = registry.store.createToken({ site: 'cfg', role: 'publisher', label: 'e2e' }).token;
    const res = await fetch(`${registryUrl}/v1/sites/cfg/versions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${publisher}` },
      body: JSON.stringify({ config: { version: 1, site: 'cfg', revision: 0, health: { sample: 1 }, tags: TAGS.slice(0, 1) } }),
    });
    expect(res.status).toBe(201);
  });

  const cfgHealth = async () => {
    const token = registry.store.createToken({ site: 'cfg', role: 'viewer', label: 'e2e' }).token;
    const res = await fetch(`${registryUrl}/v1/sites/cfg/health?since=1h`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await res.json()) as { tags: { id: string; samples: number; events: number }[] };
    return body.tags.find((t) => t.id === 'buy');
  };

  test('without data-health on the script tag, tagpoint.js loads tagpoint-health.js for the config\'s sample and its beacons count the clicks after it', async ({ rtPage: page, site }) => {
    test.setTimeout(60_000);
    site.route('/cfg', (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html', 'Cache-Control': 'no-store' });
      res.end(cfgHtml(''));
    });
    const before = (await cfgHealth())?.samples ?? 0;
    await page.goto(site.url('/cfg'));
    await expect.poll(() => page.evaluate(() => (window as any).TagpointHealth?.ready), { timeout: 10_000 }).not.toBeUndefined();
    expect(await page.evaluate(() => (window as any).TagpointHealth.ready)).toBe(true);
    await page.click('#buy');
    await page.click('#buy');
    await expect.poll(() => page.evaluate(() => (window as any).__tracked)).toBe(2);
    expect(await page.evaluate(() => (window as any).__pageErrors)).toEqual([]);
    await page.goto('about:blank');
    await expect.poll(async () => (await cfgHealth())?.samples ?? 0, { timeout: 15_000 }).toBe(before + 1);
    expect((await cfgHealth())!.events).toBe(2);
  });

  test('data-health-url alone reports at the config\'s rate; data-health="0" turns it off whatever the config says', async ({ rtPage: page, site }) => {
    test.setTimeout(60_000);
    let attrs = `data-health-url="${registryUrl}/v1/sites/cfg/health"`;
    site.route('/cfg-attrs', (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html', 'Cache-Control': 'no-store' });
      res.end(cfgHtml(attrs));
    });
    const before = (await cfgHealth())?.samples ?? 0;
    await page.goto(site.url('/cfg-attrs'));
    await expect.poll(() => page.evaluate(() => (window as any).TagpointHealth?.ready), { timeout: 10_000 }).not.toBeUndefined();
    expect(await page.evaluate(() => (window as any).TagpointHealth.ready)).toBe(true);
    await page.click('#buy');
    await expect.poll(() => page.evaluate(() => (window as any).__tracked)).toBe(1);
    await page.goto('about:blank');
    await expect.poll(async () => (await cfgHealth())?.samples ?? 0, { timeout: 15_000 }).toBe(before + 1);

    attrs = 'data-health="0"';
    await page.goto(site.url('/cfg-attrs'));
    await expect.poll(() => page.evaluate(() => (window as any).TagpointHealth?.ready), { timeout: 10_000 }).not.toBeUndefined();
    // The signal that this page view will not report: ready settles false.
    expect(await page.evaluate(() => (window as any).TagpointHealth.ready)).toBe(false);
    await page.click('#buy');
    await expect.poll(() => page.evaluate(() => (window as any).__tracked)).toBe(1);
  });
});
