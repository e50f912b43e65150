/**
 * Delivery without analytics.js, in real Chromium: a page loads tagpoint.js with
 * `data-write-key` and `data-api-host`; tagpoint.js loads tagpoint-http.js from beside itself
 * and sends to the demo collector (lib/demo/collector.ts, a stand-in for Segment's HTTP
 * Tracking API) on 127.0.0.1. A click, a form submit that navigates, and a link to another
 * origin (a second 127.0.0.1 server) each arrive; the link case runs 100 times.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { createCollector, type CollectedEvent, type Collector } from '../../lib/demo/collector';
import { runtimeOutDir } from '../../scripts/build-runtime';
import { configOf, expect, test } from './runtime-support';

const optIn = { by: 'QA', at: '2026-05-01T09:30:00Z' };

let collector: Collector;
let other: { server: http.Server; origin: string; hits: number };

test.beforeAll(async () => {
  collector = await createCollector({ maxEvents: 2000 });
  // The other origin the link leads to: same host, another port.
  const o = { server: http.createServer(), origin: '', hits: 0 };
  o.server.on('request', (req, res) => {
    if (req.url === '/landing') o.hits++;
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end('<!doctype html><title>Elsewhere</title><h1 id="landed">Elsewhere</h1>');
  });
  await new Promise<void>((resolve) => o.server.listen(0, '127.0.0.1', resolve));
  o.origin = `http://127.0.0.1:${(o.server.address() as AddressInfo).port}`;
  other = o;
});
test.afterAll(async () => {
  await collector?.stop();
  other?.server.closeAllConnections();
  await new Promise<void>((resolve) => other?.server.close(() => resolve()));
});

const pageHtml = (apiHost: string, otherOrigin: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>HTTP sink shop</title>
<script>
  window.__pageErrors = [];
  window.addEventListener('error', (e) => window.__pageErrors.push(String(e.message)));
  // Set once the runtime took its config in (debug bridge, ?tagpoint_debug=1).
  window.addEventListener('message', (e) => { if (e.data && e.data.source === 'tagpoint-runtime' && e.data.type === 'config') window.__configured = true; });
</script>
<script async src="/rt/tagpoint.js" data-config-url="/rt/config.json" data-write-key="wk_e2e" data-api-host="${apiHost}"></script>
</head><body>
<button id="buy" data-sku="LAMP-1">Buy</button>
<form id="signup" action="/http/thanks.html" method="get">
  <input id="email" name="email" value="">
  <input id="name" name="name" value="">
  <input id="pw" name="pw" type="password" value="">
  <button id="join" type="submit">Sign up</button>
</form>
<a id="away" href="${otherOrigin}/landing">Elsewhere</a>
</body></html>`;

const TAGS = [
  { id: 'buy', event: 'Product Added', trigger: 'click', target: { selector: '#buy' }, properties: [{ name: 'sku', source: 'attribute', attribute: 'data-sku' }] },
  {
    id: 'signup',
    event: 'Signed Up',
    trigger: 'submit',
    call: 'identify',
    target: { selector: '#signup' },
    userId: { source: 'value', selector: '#email', optIn },
    traits: [
      { name: 'email', source: 'value', selector: '#email', optIn },
      { name: 'name', source: 'value', selector: '#name', optIn },
      { name: 'password', source: 'value', selector: '#pw', optIn },
    ],
  },
  { id: 'signup-track', event: 'Signed Up', trigger: 'submit', target: { selector: '#signup' } },
  { id: 'away', event: 'Link Clicked', trigger: 'click', target: { selector: '#away' }, properties: [{ name: 'run', source: 'query', param: 'run' }] },
];

const js = (file: string) => (_req: http.IncomingMessage, res: http.ServerResponse) => {
  const body = readFileSync(path.join(runtimeOutDir, file));
  res.writeHead(200, { 'Content-Type': 'text/javascript', 'Cache-Control': 'no-store' });
  res.end(body);
};

test.beforeEach(({ site, rtSite }) => {
  collector.clear();
  rtSite.answerConfig({ config: configOf(TAGS, 5) });
  site.route('/rt/tagpoint-http.js', js('tagpoint-http.js'));
  site.route('/http/shop.html', (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html', 'Cache-Control': 'no-store' });
    res.end(pageHtml(`${collector.url}/v1`, other.origin));
  });
  site.route('/http/thanks.html', (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end('<!doctype html><title>Thanks</title><h1 id="thanks">Thanks</h1>');
  });
});

const ofEvent = (events: CollectedEvent[], type: string, event?: string) => events.filter((e) => e.type === type && (event === undefined || e.payload.event === event));

test('a click and a form submit that navigates arrive through the HTTP API, with no analytics.js', async ({ rtPage: page, site, refusingProxy }) => {
  await page.goto(site.url('/http/shop.html?tagpoint_debug=1'));
  await expect.poll(() => page.evaluate(() => (window as any).__configured === true)).toBe(true);
  expect(await page.evaluate(() => typeof (window as any).analytics)).toBe('undefined');

  await page.click('#buy');
  await page.fill('#email', 'ada@example.com');
  await page.fill('#name', 'Ada');
  await page.fill('#pw', 'hunter2-secret');
  await Promise.all([page.waitForURL('**/http/thanks.html**'), page.click('#join')]);
  await expect(page.locator('#thanks')).toBeVisible();

  await expect.poll(() => collector.events().length, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
  const events = collector.events();
  const [added] = ofEvent(events, 'track', 'Product Added');
  expect(added!.payload).toMatchObject({ properties: { sku: 'LAMP-1' }, context: { tagpoint: { tag: 'buy', revision: 5 }, library: { name: 'tagpoint-http' } } });
  const [identify] = ofEvent(events, 'identify');
  expect(identify!.payload).toMatchObject({ userId: 'ada@example.com', traits: { email: 'ada@example.com', name: 'Ada', password: null } });
  expect(ofEvent(events, 'track', 'Signed Up')).toHaveLength(1);
  expect(JSON.stringify(events)).not.toContain('hunter2-secret');
  for (const e of events) expect([e.writeKey, e.auth]).toEqual(['wk_e2e', 'body']);

  // One visitor: the anonymous id the page keeps as analytics.js does (cookie and localStorage).
  const cookies = await page.context().cookies(site.origin);
  const anon = cookies.find((c) => c.name === 'ajs_anonymous_id')!.value;
  expect(new Set(events.map((e) => e.payload.anonymousId))).toEqual(new Set([anon]));
  expect(site.requests.some((r) => /analytics/.test(r.path))).toBe(false);
  expect(refusingProxy.hits).toEqual([]);
});

test('a link to another origin delivers its event: 100 runs, none lost', async ({ rtPage: page, site, refusingProxy }, testInfo) => {
  test.setTimeout(180_000);
  const RUNS = 100;
  const hitsBefore = other.hits;
  for (let run = 1; run <= RUNS; run++) {
    await page.goto(site.url(`/http/shop.html?tagpoint_debug=1&run=${run}`));
    await expect.poll(() => page.evaluate(() => (window as any).__configured === true)).toBe(true);
    // The sink is loaded (the stub would queue, and a queued call dies with the page).
    await expect.poll(() => page.evaluate(() => typeof (window as any).TagpointHttp)).toBe('object');
    await Promise.all([page.waitForURL(`${other.origin}/landing`), page.click('#away')]);
  }
  expect(other.hits - hitsBefore).toBe(RUNS);
  const arrived = () => new Set(ofEvent(collector.events(), 'track', 'Link Clicked').map((e) => e.payload.properties?.run));
  await expect.poll(() => arrived().size, { timeout: 20_000 }).toBe(RUNS);
  const links = ofEvent(collector.events(), 'track', 'Link Clicked');
  const duplicates = links.length - new Set(links.map((e) => e.payload.messageId)).size;
  const lost = RUNS - arrived().size;
  testInfo.annotations.push({ type: 'link runs', description: `${RUNS} runs, ${arrived().size} arrived, ${lost} lost, ${duplicates} duplicates` });
  console.log(`http-sink link-away: ${RUNS} runs, ${arrived().size} arrived, ${lost} lost, ${duplicates} duplicates`);
  expect(lost).toBe(0);
  expect(duplicates).toBe(0);
  expect(refusingProxy.hits).toEqual([]);
});
