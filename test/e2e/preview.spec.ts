/**
 * Preview and QA end to end: real Chromium, the built extension (a TAGPOINT_E2E=1 build,
 * which may script 127.0.0.1), the preview page opened as a tab pinned to the previewed tab
 * (`preview.html?tabId=N`), drafts seeded in the extension's storage as the side panel
 * saves them.
 */
import { readFile } from 'node:fs/promises';
import type { BrowserContext, Page } from '@playwright/test';
import type { Tag } from '../../lib/config/types';
import { expect, extensionUrl, test } from './fixtures';
import { tabIdOf } from './pages/tagging';
import { seriousViolations } from './support/axe';
import { configOf, serveRuntimeSite } from './runtime-support';
import { buildRuntime } from '../../scripts/build-runtime';

const SITE = '127-0-0-1';

const TAGS: Tag[] = [
  {
    id: 'pv-add',
    event: 'Product Added',
    trigger: 'click',
    target: { selector: '.card .add' },
    properties: [
      { name: 'product', source: 'text', selector: '.title' },
      { name: 'price', source: 'text', selector: '.price', transform: 'number' },
      { name: 'placement', source: 'static', value: 'grid' },
    ],
  },
  { id: 'pv-signup', event: 'Signup Clicked', trigger: 'click', target: { selector: '#signup' }, properties: [{ name: 'plan', source: 'attribute', attribute: 'data-plan' }] },
  { id: 'pv-menu', event: 'Menu Opened', trigger: 'click', target: { selector: 'nav .menu' }, properties: [{ name: 'path', source: 'url', part: 'path' }] },
  {
    id: 'pv-checkout',
    event: 'Checkout Started',
    trigger: 'click',
    target: { selector: '#checkout' },
    pages: [{ match: 'path-prefix', value: '/checkout/' }],
  },
];

/**
 * Puts our tags into the site's drafts (the layout lib/store writes) and returns a function
 * putting the previous drafts back, since the worker's other tests share the storage.
 */
async function seedDrafts(extensionPage: Page, tags: Tag[]): Promise<() => Promise<void>> {
  const previous = await extensionPage.evaluate(
    async ({ site, tags }) => {
      const api = (globalThis as unknown as { chrome: { storage: { local: { get(k: string[]): Promise<Record<string, unknown>>; set(v: object): Promise<void> } } } }).chrome;
      const key = `tagpoint:site:${site}`;
      const before = await api.storage.local.get([key, 'tagpoint:schema']);
      const old = before[key] as { tags?: unknown[]; revision?: number } | undefined;
      await api.storage.local.set({ 'tagpoint:schema': before['tagpoint:schema'] ?? 2, [key]: { site, revision: (old?.revision ?? 0) + 1, tags, updatedAt: Date.now() } });
      return old ?? null;
    },
    { site: SITE, tags },
  );
  return async () => {
    await extensionPage.evaluate(
      async ({ site, previous }) => {
        const api = (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void>; remove(k: string): Promise<void> } } } }).chrome;
        const key = `tagpoint:site:${site}`;
        if (previous) await api.storage.local.set({ [key]: previous });
        else await api.storage.local.remove(key);
      },
      { site: SITE, previous },
    );
  };
}

interface Opened {
  panel: Page;
  restore: () => Promise<void>;
}

async function openPreview(context: BrowserContext, extensionId: string, tabId: number, tags: Tag[], options: { live?: boolean } = {}): Promise<Opened> {
  const panel = await context.newPage();
  await panel.goto(extensionUrl(extensionId, `preview.html?tabId=${tabId}`));
  const restore = await seedDrafts(panel, tags);
  await expect(panel.getByTestId('preview-draft')).toHaveText(new RegExp(`^${tags.length} draft tags? for 127\\.0\\.0\\.1:\\d+$`));
  // A previous test in this worker may have left the log of a reused tab id: start clean.
  await panel.getByRole('button', { name: 'Clear' }).click();
  if (options.live) await panel.getByLabel(/Live mode/).check();
  await panel.getByRole('button', { name: 'Start preview' }).click();
  await expect(panel.getByTestId('preview-status')).toHaveText('Preview running');
  await expect(panel.locator('[data-kind="notice"]').first()).toContainText('Preview running');
  return { panel, restore };
}

test.describe('preview', () => {
  test('three tags fire on a fixture page with the right properties, and the export holds them', async ({ context, page, site, extensionId, serviceWorker }) => {
    await page.goto(site.url('/preview/index.html'));
    const tabId = await tabIdOf(serviceWorker, page.url());
    const { panel, restore } = await openPreview(context, extensionId, tabId, TAGS);
    try {
      await page.locator('.card').nth(1).locator('.add').click();
      await page.locator('#signup').click();
      await page.locator('nav .menu').click();

      const fired = panel.locator('[data-kind="preview"]');
      await expect(fired).toHaveCount(3);
      // Newest first.
      await expect(fired.getByTestId('event-name')).toHaveText(['Menu Opened', 'Signup Clicked', 'Product Added']);
      // Each names its element as a person would.
      await expect(fired.getByTestId('entry-element')).toHaveText(['“Menu” button', '“Sign up” button', '“Add to cart” button']);
      const added = fired.nth(2);
      await added.locator('summary', { hasText: 'properties' }).click();
      await expect(added.getByTestId('property')).toHaveText(['product"Blue Mug"', 'price14', 'placement"grid"']);

      // Hovering an entry outlines its element on the page.
      await added.hover();
      const outline = page.locator('tagpoint-preview-outline').getByTestId('preview-outline');
      await expect(outline).toHaveCount(1);
      const box = await outline.boundingBox();
      const button = await page.locator('.card').nth(1).locator('.add').boundingBox();
      expect(box && button && Math.abs(box.x - button.x) < 2 && Math.abs(box.y - button.y) < 2).toBe(true);

      // Filter and search.
      await panel.getByLabel('Search the log').fill('plan');
      await expect(panel.getByTestId('log-entry')).toHaveCount(1);
      await expect(panel.getByTestId('log-entry').getByTestId('event-name')).toHaveText('Signup Clicked');
      await panel.getByLabel('Search the log').fill('');

      const downloading = panel.waitForEvent('download');
      await panel.getByRole('button', { name: 'Export JSON' }).click();
      const json = JSON.parse(await readFile((await (await downloading).path())!, 'utf8')) as { entries: { kind: string; event: string; tag: string; properties: object }[] };
      const events = json.entries.filter((e) => e.kind === 'preview').map(({ event, tag, properties }) => ({ event, tag, properties }));
      expect(events).toEqual([
        { event: 'Product Added', tag: 'pv-add', properties: { product: 'Blue Mug', price: 14, placement: 'grid' } },
        { event: 'Signup Clicked', tag: 'pv-signup', properties: { plan: 'pro' } },
        { event: 'Menu Opened', tag: 'pv-menu', properties: { path: '/preview/index.html' } },
      ]);

      const csvDownload = panel.waitForEvent('download');
      await panel.getByRole('button', { name: 'Export CSV' }).click();
      const csv = await readFile((await (await csvDownload).path())!, 'utf8');
      expect(csv.split('\r\n')[0]).toBe('time,kind,event,tag,trigger,url,element,properties,why not fired');
      expect(csv).toContain('Product Added,pv-add,click');

      // Coverage: every tag listed with fired / not yet fired; the checkout tag's page rule fails here.
      await panel.getByRole('tab', { name: 'Coverage' }).click();
      await expect(panel.getByTestId('coverage-summary')).toContainText('3 of 4 tags fired');
      const checkout = panel.getByTestId('coverage-row').filter({ hasText: 'Checkout Started' });
      await expect(checkout.getByTestId('presence')).toHaveText('page rule failed: limited to other pages');
      await panel.getByLabel('Outline every tagged element on the page').check();
      // .add ×2, #signup, nav .menu, #checkout
      await expect(outline).toHaveCount(5);
      await expect(page.locator('tagpoint-preview-outline').locator('.label')).toContainText(['Product Added', 'Product Added', 'Signup Clicked', 'Menu Opened', 'Checkout Started']);
    } finally {
      await restore();
      await panel.close();
    }
  });

  test('a click no tag fired on lists the nearest candidates; a tag limited to another path says "page rule failed"', async ({ context, page, site, extensionId, serviceWorker }) => {
    await page.goto(site.url('/preview/index.html'));
    const tabId = await tabIdOf(serviceWorker, page.url());
    const { panel, restore } = await openPreview(context, extensionId, tabId, TAGS);
    try {
      await page.locator('#help').click();
      const noTag = panel.locator('[data-kind="no-tag"]');
      await expect(noTag).toHaveCount(1);
      await expect(noTag.getByTestId('why-not-fired')).toContainText('No tag fired.');
      const nearest = noTag.getByTestId('candidate').first();
      await expect(nearest).toContainText('Product Added');
      await expect(nearest).toContainText('selector did not match');

      await page.locator('#checkout').click();
      await expect(noTag).toHaveCount(2);
      // Newest first: the checkout click.
      const first = noTag.first().getByTestId('candidate').first();
      await expect(first).toContainText('Checkout Started');
      await expect(first).toContainText('page rule failed');
      await expect(panel.locator('[data-kind="preview"]')).toHaveCount(0);
      // The log with why-not-fired entries is usable with assistive technology.
      await noTag.first().getByText(/more considered/).click();
      expect(await seriousViolations(panel)).toEqual([]);

      // It keeps running across a navigation in the tab.
      await page.locator('a[href="/preview/other.html"]').click();
      await page.waitForURL('**/preview/other.html');
      await page.locator('nav .menu').click();
      await expect(panel.locator('[data-kind="preview"]')).toHaveCount(1);
      await expect(panel.locator('[data-kind="preview"]').locator('.entry-url')).toHaveText(site.url('/preview/other.html'));

      await panel.getByRole('button', { name: 'Stop preview' }).click();
      await expect(panel.getByTestId('preview-status')).toHaveText('Preview off');
      await page.locator('nav .menu').click();
      // Started again, the next click is logged; an entry of the click while stopped would have
      // come through the same tab and background before it, so two entries mean none came.
      const running = panel.locator('[data-kind="notice"]').filter({ hasText: 'Preview running' });
      const runs = await running.count();
      await panel.getByRole('button', { name: 'Start preview' }).click();
      await expect(panel.getByTestId('preview-status')).toHaveText('Preview running');
      await expect(running).toHaveCount(runs + 1); // the runtime on the page has the draft
      await page.locator('nav .menu').click();
      await expect(panel.locator('[data-kind="preview"]').getByTestId('event-name')).toHaveText(['Menu Opened', 'Menu Opened']);
      await expect(panel.locator('[data-kind="preview"]')).toHaveCount(2);
    } finally {
      await restore();
      await panel.close();
    }
  });

  test('a page posting forged debug messages cannot inject markup into the log', async ({ context, page, site, extensionId, serviceWorker }) => {
    await page.goto(site.url('/preview/forged.html'));
    const tabId = await tabIdOf(serviceWorker, page.url());
    const { panel, restore } = await openPreview(context, extensionId, tabId, TAGS, { live: true });
    try {
      await page.evaluate(() => (window as unknown as { forge(): void }).forge());
      const live = panel.locator('[data-kind="live"]');
      const tracked = panel.locator('[data-kind="track"]');
      await expect(live).toHaveCount(1);
      await expect(tracked).toHaveCount(1);
      // The markup arrives as text, shown as text.
      await expect(live.getByTestId('event-name')).toHaveText('Forged <img src=x onerror="document.title=\'pwned\'"><b id="injected">bold</b>');
      await expect(tracked.getByTestId('event-name')).toContainText('Coded <img');
      await live.locator('summary', { hasText: 'properties' }).click();
      await expect(live.getByTestId('property').first()).toContainText('<b id=\\"injected\\">');
      await expect(panel.locator('#injected')).toHaveCount(0);
      await expect(panel.locator('.event-log img, .event-log b')).toHaveCount(0);
      expect(await panel.title()).toBe('Tagpoint preview');
      // The malformed and the oversized messages were dropped, not shown.
      await expect(panel.getByTestId('log-entry').filter({ hasText: 'xxxxxxxxxx' })).toHaveCount(0);
      await expect(panel.locator('[data-kind="notice"]').filter({ hasText: 'Site runtime' })).toHaveCount(1);
    } finally {
      await restore();
      await panel.close();
    }
  });

  test('the side panel has the preview too', async ({ context, page, site, extensionId, serviceWorker }) => {
    await page.goto(site.url('/preview/index.html'));
    const tabId = await tabIdOf(serviceWorker, page.url());
    const panel = await context.newPage();
    await panel.goto(extensionUrl(extensionId, `sidepanel.html?tabId=${tabId}`));
    const restore = await seedDrafts(panel, TAGS);
    try {
      await panel.getByText('Preview and QA').click();
      const section = panel.getByRole('region', { name: 'Preview' });
      await expect(section.getByTestId('preview-draft')).toHaveText(`4 draft tags for ${new URL(page.url()).host}`);
      await section.getByRole('button', { name: 'Clear' }).click();
      await section.getByRole('button', { name: 'Start preview' }).click();
      await expect(section.getByTestId('preview-status')).toHaveText('Preview running');
      await page.locator('#signup').click();
      await expect(section.locator('[data-kind="preview"]').getByTestId('event-name')).toHaveText(['Signup Clicked']);
      await section.getByRole('button', { name: 'Stop preview' }).click();
      await expect(section.getByTestId('preview-status')).toHaveText('Preview off');
    } finally {
      await restore();
      await panel.close();
    }
  });

  test('live mode shows what the site\'s own runtime sends and every analytics.track call', async ({ context, page, site, extensionId, serviceWorker }) => {
    await buildRuntime();
    const rt = serveRuntimeSite(site);
    rt.answerConfig({
      config: configOf([
        { id: 'site-buy', event: 'Order Completed', trigger: 'click', target: { selector: '#buy' }, properties: [{ name: 'sku', source: 'attribute', attribute: 'data-sku' }] },
      ]),
    });
    await page.goto(site.url('/preview/live.html?tagpoint_debug=1'));
    const tabId = await tabIdOf(serviceWorker, page.url());
    const { panel, restore } = await openPreview(context, extensionId, tabId, TAGS, { live: true });
    try {
      await page.locator('#buy').click();
      await page.locator('#coded').click();
      const live = panel.locator('[data-kind="live"]');
      await expect(live.getByTestId('event-name')).toHaveText(['Order Completed']);
      // The site runtime names its element `button#buy`; the log finds it among the click's elements and names it.
      await expect(live.getByTestId('entry-element')).toHaveText('“Buy now” button');
      await live.locator('summary', { hasText: 'property' }).click();
      await expect(live.getByTestId('property')).toHaveText(['sku"L-9"']);
      // Newest first: the coded call, then the runtime's own call (with its tag).
      const tracked = panel.locator('[data-kind="track"]');
      await expect(tracked.getByTestId('event-name')).toHaveText(['Coded Event', 'Order Completed']);
      await expect(tracked.nth(1)).toContainText('tag site-buy');
      // The site's analytics got both calls exactly once: observing does not change them.
      const calls = await page.evaluate(() => (window as unknown as { analytics: { calls: unknown[][] } }).analytics.calls.map((c) => c[0]));
      expect(calls).toEqual(['Order Completed', 'Coded Event']);
    } finally {
      await restore();
      await panel.close();
    }
  });

  test('events are reported, not sent, unless sending is switched on', async ({ context, page, site, extensionId, serviceWorker }) => {
    await buildRuntime();
    // The site's own runtime runs no tag here (an empty config, so no cached one from another test).
    serveRuntimeSite(site).answerConfig({ config: configOf([]) });
    await page.goto(site.url('/preview/live.html'));
    const tabId = await tabIdOf(serviceWorker, page.url());
    const tags: Tag[] = [{ id: 'pv-buy', event: 'Draft Buy', trigger: 'click', target: { selector: '#buy' }, properties: [{ name: 'sku', source: 'attribute', attribute: 'data-sku' }] }];
    const { panel, restore } = await openPreview(context, extensionId, tabId, tags);
    const calls = () => page.evaluate(() => (window as unknown as { analytics: { calls: unknown[][] } }).analytics.calls);
    try {
      await page.locator('#buy').click();
      await expect(panel.locator('[data-kind="preview"]')).toHaveCount(1);
      expect(await calls()).toEqual([]);

      await panel.getByRole('button', { name: 'Stop preview' }).click();
      await panel.getByLabel(/Also send events/).check();
      await panel.getByRole('button', { name: 'Start preview' }).click();
      await expect(panel.getByTestId('preview-status')).toHaveText('Preview running');
      await page.locator('#buy').click();
      await expect(panel.locator('[data-kind="preview"]')).toHaveCount(2);
      await expect.poll(calls).toEqual([['Draft Buy', { sku: 'L-9' }, { context: { tagpoint: { tag: 'pv-buy', revision: expect.any(Number), preview: true } } }]]);
    } finally {
      await restore();
      await panel.close();
    }
  });

  test('a tagged link that navigates away is still logged, and a single-page-app route change logs its page view once', async ({ context, page, site, extensionId, serviceWorker }) => {
    site.route('/spa-preview/', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html><body><nav><button id="to-orders" type="button">Orders</button> <button id="ping" type="button">Ping</button></nav>
<main><a id="away" href="/preview/index.html">Leave</a></main>
<script>document.getElementById('to-orders').addEventListener('click', () => history.pushState({}, '', '/spa-preview/orders'));</script></body></html>`);
    });
    await page.goto(site.url('/spa-preview/'));
    const tabId = await tabIdOf(serviceWorker, page.url());
    const tags: Tag[] = [
      { id: 'pv-orders', event: 'Orders Viewed', trigger: 'pageview', pages: [{ match: 'path-exact', value: '/spa-preview/orders' }] },
      { id: 'pv-ping', event: 'Ping Clicked', trigger: 'click', target: { selector: '#ping' } },
      { id: 'pv-away', event: 'Leave Clicked', trigger: 'click', target: { selector: '#away' } },
    ];
    const { panel, restore } = await openPreview(context, extensionId, tabId, tags);
    const logged = (event: string) => panel.locator('[data-kind="preview"]').filter({ hasText: event });
    try {
      await page.locator('#to-orders').click();
      await expect(page).toHaveURL(/\/spa-preview\/orders$/);
      await expect(logged('Orders Viewed')).toHaveCount(1);
      // Later actions and the route poll come and go: the page view is still there once.
      await page.locator('#ping').click();
      await expect(logged('Ping Clicked')).toHaveCount(1);
      await page.locator('#ping').click();
      await expect(logged('Ping Clicked')).toHaveCount(2);
      await expect(logged('Orders Viewed')).toHaveCount(1);

      await page.locator('#away').click();
      await expect(page).toHaveURL(/\/preview\/index\.html$/);
      await expect(logged('Leave Clicked')).toHaveCount(1);
    } finally {
      await restore();
      await panel.close();
    }
  });
});
