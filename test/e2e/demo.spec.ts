/**
 * The demo stack end to end: registry + collector + demo shop started in-process, a config
 * published over HTTP, the shop opened in real Chromium with the real analytics-next and
 * the Tagpoint runtime, and the events checked where they land, at the collector.
 * Needs `.output/runtime/tagpoint.js` (`npm run build:runtime`; `npm run build` does it).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, expect, repoRoot } from './fixtures';
import { demoSeedConfig, startDemoStack, type DemoStack } from '../../lib/demo';
import { createRegistryClient } from '../../lib/publish';
import type { TagConfig } from '../../lib/config';

const runtimeBundle = path.join(repoRoot, '.output', 'runtime', 'tagpoint.js');
/** `TAGPOINT_SCREENSHOTS=1` refreshes the README's screenshots of the demo. */
const screenshotDir = process.env.TAGPOINT_SCREENSHOTS ? path.join(repoRoot, 'demo', 'screenshots') : undefined;

let stack: DemoStack;
let dataDir: string;

test.beforeAll(async () => {
  if (!existsSync(runtimeBundle)) throw new Error(`No runtime bundle at ${runtimeBundle}: run \`npm run build:runtime\` first.`);
  dataDir = mkdtempSync(path.join(tmpdir(), 'tagpoint-demo-e2e-'));
  stack = await startDemoStack({ dataDir, ports: { registry: 0, shop: 0, collector: 0 }, seedConfig: null });
});

test.afterAll(async () => {
  await stack?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test.beforeEach(() => stack.collector.clear());

function productAddedConfig(): TagConfig {
  return {
    version: 1,
    site: 'demo',
    revision: 0,
    tags: [
      {
        id: 'card-add',
        event: 'Product Added',
        trigger: 'click',
        target: { selector: '.ProductCard_card__x7Hq2 > button' },
        pages: [{ match: 'path-prefix', value: '/products/' }],
        properties: [
          { name: 'product_id', source: 'attribute', attribute: 'data-product-id', selector: '[data-product-id]' },
          { name: 'name', source: 'text', selector: '.ProductCard_title__3kLmz' },
          { name: 'price', source: 'text', selector: '.ProductCard_price__9QwE1', transform: 'number' },
          { name: 'placement', source: 'static', value: 'grid' },
        ],
      },
    ],
  };
}

async function publish(config: TagConfig): Promise<number> {
  const client = createRegistryClient({ baseUrl: stack.registryUrl, token: stack.token });
  const result = await client.publish('demo', config, { message: 'e2e' });
  if (!result.ok) throw new Error(`publish failed: ${result.error.message}`);
  return result.value.revision;
}

test('a published tag on "Add to cart" reaches the collector with the product of the clicked card', async ({ page, egress }) => {
  const revision = await publish(productAddedConfig());
  await page.goto(`${stack.shop.url}/products/`);
  const card = page.locator('article', { hasText: 'Fjord Lounge Chair' });
  await card.getByRole('button', { name: 'Add to cart' }).click();

  const event = await stack.collector.waitFor((e) => e.type === 'track' && e.payload.event === 'Product Added');
  expect(event.endpoint).toBe('t');
  expect(event.payload.properties).toEqual({ product_id: 'p1004', name: 'Fjord Lounge Chair', price: 1299, placement: 'grid' });
  expect(event.payload.context?.tagpoint).toEqual({ tag: 'card-add', revision });
  // The shop's own handler ran too.
  await expect(page.locator('[data-cart-count]')).toHaveText('1');

  // Another card: the properties follow the clicked card, not the first one.
  await page.locator('article', { hasText: 'Aurora Desk Lamp' }).getByRole('button', { name: 'Add to cart' }).click();
  const second = await stack.collector.waitFor((e) => e.payload.event === 'Product Added' && e.payload.properties?.name === 'Aurora Desk Lamp');
  expect(second.payload.properties).toMatchObject({ product_id: 'p1001', price: 89 });
  if (screenshotDir) {
    mkdirSync(screenshotDir, { recursive: true });
    await page.screenshot({ path: path.join(screenshotDir, 'shop-products.png') });
  }

  // Both events show on the Events page, newest first, with the tag that made them.
  await page.goto(`${stack.shop.url}/events`);
  const items = page.locator('[data-events-list] li');
  await expect(items).toHaveCount(2);
  await expect(items.first()).toContainText('Aurora Desk Lamp');
  await expect(items.first()).toContainText(`Tagpoint tag card-add · revision ${revision}`);
  if (screenshotDir) await page.screenshot({ path: path.join(screenshotDir, 'events.png') });
  expect(egress.list()).toEqual([]);
});

test('the seed config fires "Signed Up" through a form handler that stops propagation, without the password', async ({ page, egress }) => {
  await publish(demoSeedConfig('demo'));
  await page.goto(`${stack.shop.url}/signup`);
  await page.getByLabel('Email').fill('ada@example.com');
  await page.getByLabel('Full name').fill('Ada Lovelace');
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByLabel('Plan').selectOption('studio');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('status')).toContainText('Welcome, Ada Lovelace');

  const event = await stack.collector.waitFor((e) => e.payload.event === 'Signed Up');
  expect(event.payload.properties).toEqual({ plan: 'studio' });
  expect(JSON.stringify(stack.collector.events())).not.toContain('correct horse battery');
  expect(egress.pageRequests).toEqual([]);
  // Filling a form wakes Chromium's own autofill service (the browser's request, not the
  // page's); the proxy refuses it and leaves it out of `hits` (isBrowserOwn), with Chromium's
  // component downloads. Anything else reaching the proxy would be ours.
  expect(egress.proxyHits).toEqual([]);
});

test('the Events page shows what the collector received, live, as text', async ({ page, egress }) => {
  await page.goto(`${stack.shop.url}/events`);
  await expect(page.locator('[data-events-status]')).toContainText('Live');
  // Posted as analytics-next would; a hostile event name must stay text.
  const hostile = '<img src=x onerror="window.__pwned=1">Order Completed';
  await fetch(`${stack.collector.url}/v1/t`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/plain' },
    body: JSON.stringify({ type: 'track', event: hostile, properties: { total: 1299 }, context: { tagpoint: { tag: 't9', revision: 4 } } }),
  });
  const item = page.locator('[data-events-list] li').first();
  await expect(item.locator('.Events_name__Ks0r4')).toHaveText(hostile);
  await expect(item).toContainText('Tagpoint tag t9 · revision 4');
  await expect(item.locator('pre')).toContainText('"total": 1299');
  expect(await page.locator('[data-events-list] img').count()).toBe(0);
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(egress.list()).toEqual([]);
});

test('a single-page-app route change keeps the page working and analytics reporting', async ({ page, egress }) => {
  await publish({
    version: 1,
    site: 'demo',
    revision: 0,
    tags: [
      {
        id: 'orders-view',
        event: 'Orders Viewed',
        trigger: 'pageview',
        pages: [{ match: 'path-exact', value: '/app/orders' }],
        properties: [{ name: 'path', source: 'url', part: 'path' }],
      },
    ],
  });
  await page.goto(`${stack.shop.url}/app/`);
  await expect(page.getByRole('heading', { name: 'Welcome back, Ada' })).toBeVisible();
  await page.getByRole('link', { name: 'Orders', exact: true }).click();
  await expect(page).toHaveURL(/\/app\/orders$/);
  await expect(page.getByRole('heading', { name: 'Orders' })).toBeVisible();
  const event = await stack.collector.waitFor((e) => e.payload.event === 'Orders Viewed');
  expect(event.payload.properties).toEqual({ path: '/app/orders' });
  expect(egress.list()).toEqual([]);
});
