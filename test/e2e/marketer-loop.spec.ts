/**
 * Issue 17, the marketer's loop on the demo shop. Items 1–2: a property reads the record the
 * event is about, on every path a marketer takes. Item 4: the page rule saved is the page shown.
 * Item 6: the popup's Start tagging works the first time. Real Chromium with the built extension tags the demo shop (served by the
 * demo stack on 127.0.0.1); the exported config is published to the stack's registry over
 * HTTP; a plain page of the shop, with the real analytics-next and the runtime, then clicks
 * two cards, and the values are checked where they land, at the collector.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { TagConfig } from '../../lib/config';
import { startDemoStack, type DemoStack } from '../../lib/demo';
import { createRegistryClient } from '../../lib/publish';
import { expect, repoRoot, test } from './fixtures';
import { clearDrafts, exportDraftConfig, PickerOverlay, SidePanel, startTaggingOn, tabIdOf } from './pages/tagging';
import { START_INTENT_KEY } from '../../lib/popup/start-intent';

const runtimeBundle = path.join(repoRoot, '.output', 'runtime', 'tagpoint.js');
let stack: DemoStack;
let dataDir: string;

test.beforeAll(async () => {
  if (!existsSync(runtimeBundle)) throw new Error(`No runtime bundle at ${runtimeBundle}: run \`npm run build:runtime\` first.`);
  dataDir = mkdtempSync(path.join(tmpdir(), 'tagpoint-property-e2e-'));
  stack = await startDemoStack({ dataDir, ports: { registry: 0, shop: 0, collector: 0 }, seedConfig: null });
});

test.afterAll(async () => {
  await stack?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test.beforeEach(() => stack.collector.clear());

const card = (page: Page, name: string) => page.locator('article', { hasText: name });
const addToCart = (page: Page, name: string) => card(page, name).getByRole('button', { name: 'Add to cart' });

async function exportConfig(panel: SidePanel): Promise<TagConfig> {
  // The registry numbers revisions itself; the site is the stack's.
  return { ...(await exportDraftConfig(panel)), site: 'demo', revision: 0 };
}

async function publish(config: TagConfig): Promise<void> {
  const client = createRegistryClient({ baseUrl: stack.registryUrl, token: stack.token });
  const result = await client.publish('demo', config, { message: 'property-record e2e' });
  if (!result.ok) throw new Error(`publish failed: ${result.error.message}`);
}

/** Clicks Add to cart on each named card in a fresh page of the shop; the properties of each event at the collector. */
async function collectorValues(page: Page, event: string, names: string[]): Promise<Record<string, unknown>[]> {
  await page.goto(`${stack.shop.url}/products/`);
  const out: Record<string, unknown>[] = [];
  for (const [i, name] of names.entries()) {
    await addToCart(page, name).click();
    // each click's event arrives before the next one is made, so they pair up in order
    await expect.poll(() => stack.collector.events().filter((e) => e.payload.event === event).length).toBe(i + 1);
  }
  return stack.collector
    .events()
    .filter((e) => e.payload.event === event)
    .map((e) => e.payload.properties ?? {});
}

async function addTextProperty(panel: SidePanel, overlay: PickerOverlay, index: number, name: string, source: ReturnType<Page['locator']>, transform?: string) {
  await panel.addProperty.click();
  const row = panel.property(index);
  await row.getByLabel('Name').fill(name);
  if (transform) await row.getByLabel('Transform').selectOption(transform);
  await row.getByRole('button', { name: 'Pick on page' }).click();
  await overlay.page.bringToFront();
  await expect(overlay.banner).toContainText('property');
  await overlay.pick(source);
  await expect(row.getByLabel('Element')).not.toHaveValue('');
  return row;
}

test('properties picked after Close, in another card than the one tagged, and while editing read each card at the collector', async ({ context, page, extensionId, serviceWorker }) => {
  await page.goto(`${stack.shop.url}/products/`);
  const { panel, overlay } = await startTaggingOn(page, context, extensionId, serviceWorker);
  await overlay.pick(addToCart(page, 'Fjord Lounge Chair'));
  await overlay.host.getByLabel('All similar').check();
  const cards = await page.locator('article').count();
  await expect(overlay.matchCount).toHaveText(`Matches ${cards} elements on this page`);
  // Close takes the card off the page: nothing stays picked on the page.
  await overlay.host.getByRole('button', { name: 'Close' }).click();
  await expect(overlay.card).toHaveCount(0);

  const event = `Product Added ${Date.now() % 100000}`;
  await panel.eventName.fill(event);
  // The title is picked in the Aurora card, although Fjord's button was tagged.
  const name = await addTextProperty(panel, overlay, 0, 'name', card(page, 'Aurora Desk Lamp').locator('h3'));
  // "Now:" is the value for the element picked (Fjord), and other matches show beside it.
  await expect(name.getByTestId('property-preview')).toContainText('Now: "Fjord Lounge Chair"');
  await expect(name.getByTestId('property-others')).toContainText('"Aurora Desk Lamp"');
  const price = await addTextProperty(panel, overlay, 1, 'price', card(page, 'Fjord Lounge Chair').locator('p', { hasText: '$' }), 'number');
  await expect(price.getByTestId('property-preview')).toContainText('Now: 1299');
  await panel.saveButton.click();
  await expect(panel.status).toContainText(`Saved "${event}"`);

  // Edit the saved tag (nothing is picked on the page now) and add the category, picked on a third card.
  await panel.page.getByRole('button', { name: `Edit "${event}"` }).click();
  await addTextProperty(panel, overlay, 2, 'category', card(page, 'Nimbus').locator('p').first());
  await panel.saveButton.click();
  await expect(panel.status).toContainText(`Saved "${event}"`);

  await publish(await exportConfig(panel));
  const shop = await context.newPage();
  const values = await collectorValues(shop, event, ['Aurora Desk Lamp', 'Fjord Lounge Chair']);
  expect(values).toEqual([
    { name: 'Aurora Desk Lamp', price: 89, category: expect.any(String) },
    { name: 'Fjord Lounge Chair', price: 1299, category: expect.any(String) },
  ]);
  // The categories are each card's own.
  const categories = await Promise.all(['Aurora Desk Lamp', 'Fjord Lounge Chair'].map((n) => card(shop, n).locator('p').first().textContent()));
  expect(values.map((v) => v.category)).toEqual(categories.map((c) => c!.trim()));
  await shop.close();
  await panel.page.close();
});

test('a tag picked again on another page before saving is saved for the page the editor shows', async ({ context, page, extensionId, serviceWorker }) => {
  await page.goto(`${stack.shop.url}/products/`);
  const { panel, overlay } = await startTaggingOn(page, context, extensionId, serviceWorker);
  await overlay.pick(addToCart(page, 'Fjord Lounge Chair'));
  await expect(panel.eventName).not.toHaveValue('');
  // not saved: the marketer goes to the sign-up page and picks there
  await page.goto(`${stack.shop.url}/signup`);
  await expect(panel.pageUrl).toHaveText(page.url());
  await panel.page.getByRole('button', { name: 'Pick element again' }).click();
  await page.bringToFront();
  await expect(overlay.banner).toBeVisible();
  await overlay.pick(page.getByRole('button', { name: 'Create account' }));
  await expect(panel.targetCount).toHaveText('matches 1 element on this page');
  const thisPage = panel.page.getByLabel('This page only (/signup)');
  await expect(thisPage).toBeChecked();
  const event = `Sign-up Clicked ${Date.now() % 100000}`;
  await panel.eventName.fill(event);
  await panel.saveButton.click();
  await expect(panel.status).toContainText(`Saved "${event}"`);
  const tag = (await exportConfig(panel)).tags.find((t) => t.event === event);
  expect(tag?.pages).toEqual([{ match: 'path-exact', value: '/signup' }]);
  await panel.page.close();
});

test("the popup's Start tagging is carried out by the side panel it opens, on a freshly loaded page, once", async ({ context, page, site, extensionId, serviceWorker }) => {
  await page.goto(site.url('/shop/'));
  const tabId = await tabIdOf(serviceWorker, page.url());
  // What the popup's click leaves behind (lib/popup/start-intent.ts), should its own request be lost.
  await serviceWorker.evaluate(
    async ({ key, tabId }) => {
      const api = (globalThis as unknown as { chrome: { storage: { session: { set(v: object): Promise<void> } } } }).chrome;
      await api.storage.session.set({ [key]: { tabId, at: Date.now() } });
    },
    { key: START_INTENT_KEY, tabId },
  );
  const panel = await SidePanel.open(context, extensionId, tabId);
  const overlay = new PickerOverlay(page);
  // No click on the panel's Start tagging: the picker is on.
  await expect(overlay.banner).toBeVisible();
  await expect(panel.status).toHaveText('Click an element on the page.');
  await overlay.pick(page.locator('#newsletter'));
  await expect(overlay.matchCount).toHaveText('Matches 1 element on this page');
  // The intent was taken: a panel opened again does not start picking over the pick.
  await panel.page.close();
  const again = await SidePanel.open(context, extensionId, tabId);
  await expect(again.pageUrl).toHaveText(page.url());
  await expect(overlay.matchCount).toHaveText('Matches 1 element on this page');
  await expect(again.status).not.toHaveText('Click an element on the page.');
  await again.page.close();
});

test('a page-view tag is made without picking an element', async ({ context, page, site, extensionId, serviceWorker }) => {
  await page.goto(site.url('/shop/'));
  await clearDrafts(serviceWorker, page.url());
  const panel = await SidePanel.open(context, extensionId, await tabIdOf(serviceWorker, page.url()));
  await expect(panel.pageUrl).toHaveText(page.url());
  await panel.page.getByRole('button', { name: 'Tag a page view' }).click();
  await expect(panel.eventName).toHaveValue('Page Viewed');
  await expect(panel.page.getByLabel('This page only (/shop/)')).toBeChecked();
  await panel.eventName.fill('Shop Viewed');
  await panel.saveButton.click();
  await expect(panel.status).toContainText('Saved "Shop Viewed"');
  const tag = (await exportConfig(panel)).tags.find((t) => t.event === 'Shop Viewed');
  expect(tag).toMatchObject({ trigger: 'pageview', pages: [{ match: 'path-exact', value: '/shop/' }] });
  expect(tag?.target).toBeUndefined();
  await panel.page.close();
});

test('a scroll-depth tag is made without picking an element, with the depths typed in the editor', async ({ context, page, site, extensionId, serviceWorker }) => {
  await page.goto(site.url('/shop/'));
  await clearDrafts(serviceWorker, page.url());
  const panel = await SidePanel.open(context, extensionId, await tabIdOf(serviceWorker, page.url()));
  await expect(panel.pageUrl).toHaveText(page.url());
  await panel.page.getByRole('button', { name: 'Tag scroll depth' }).click();
  await expect(panel.eventName).toHaveValue('Page Scrolled');
  const depths = panel.page.getByLabel('Depths (% of the page scrolled through)');
  await expect(depths).toHaveValue('25, 50, 75, 100');
  // No element to pick for a scroll tag.
  await expect(panel.page.getByRole('button', { name: 'Pick element again' })).toHaveCount(0);
  await depths.fill('50, nope');
  await panel.saveButton.click();
  await expect(panel.page.getByRole('alert', { name: 'Problems to fix' })).toContainText('scroll.thresholds[1]');
  await depths.fill('50, 90');
  await panel.saveButton.click();
  await expect(panel.status).toContainText('Saved "Page Scrolled"');
  const tag = (await exportConfig(panel)).tags.find((t) => t.event === 'Page Scrolled');
  expect(tag).toMatchObject({ trigger: 'scroll', scroll: { thresholds: [50, 90] }, pages: [{ match: 'path-exact', value: '/shop/' }] });
  expect(tag?.target).toBeUndefined();
  await panel.page.close();
});
