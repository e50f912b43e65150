/** The side panel's tag list: states on the page, search, highlight, duplicate, disable, delete with undo, import errors. */
import { chromium } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromiumPath } from '../../scripts/find-chromium.mjs';
import { expect, extensionDir, loopbackOnlyArgs, test } from './fixtures';
import { clearDrafts, PickerOverlay, SidePanel, tabIdOf } from './pages/tagging';

const config = (suffix: string) => ({
  version: 1,
  site: 'shop',
  revision: 1,
  tags: [
    { id: `a${suffix}`, event: `Product Added ${suffix}`, trigger: 'click', target: { selector: '[data-sku="SKU-1"]' }, pages: [{ match: 'path-prefix', value: '/shop/' }] },
    { id: `b${suffix}`, event: `Cart Buttons ${suffix}`, trigger: 'click', target: { selector: '.add-to-cart' } },
    { id: `c${suffix}`, event: `Broken Tag ${suffix}`, trigger: 'click', target: { selector: '.gone-after-redeploy' } },
    { id: `d${suffix}`, event: `Elsewhere ${suffix}`, trigger: 'click', target: { selector: '#newsletter' }, pages: [{ match: 'path-exact', value: '/blog/' }] },
  ],
});

test.describe('the tag list', () => {
  // The worker's tests share the extension's storage and the site id of 127.0.0.1: each
  // test here starts from no drafts, so what the list shows is what the test put there.
  test.beforeEach(async ({ serviceWorker, site }) => {
    await clearDrafts(serviceWorker, site.url('/'));
  });

  test('shows each tag state here, searches, highlights, duplicates, disables, deletes with undo', async ({ context, page, site, extensionId, serviceWorker }) => {
    const s = String(Date.now() % 100000);
    await page.goto(site.url('/shop/'));
    const panel = await SidePanel.open(context, extensionId, await tabIdOf(serviceWorker, page.url()));
    await expect(panel.pageUrl).toHaveText(page.url());
    await panel.page.getByLabel('When importing').selectOption('merge');
    await panel.page.getByLabel('Import tag config').setInputFiles({ name: 'tags.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(config(s))) });
    await expect(panel.page.getByText('Imported 4 tags from site "shop"')).toBeVisible();

    const state = (event: string) => panel.tag(`${event} ${s}`).locator('.tag-state');
    await expect(state('Product Added')).toHaveText('matches 1');
    await expect(state('Cart Buttons')).toHaveText('matches 3');
    await expect(state('Broken Tag')).toHaveText('matches nothing');
    await expect(state('Elsewhere')).toHaveText('not on this page');

    await panel.page.getByLabel('Search tags').fill(`broken tag ${s}`);
    await expect(panel.tagItems).toHaveCount(1);
    await panel.page.getByLabel('Search tags').fill('');

    // Click a tag's name: its elements are outlined on the page.
    await panel.page.getByRole('button', { name: `Show "Cart Buttons ${s}" on the page` }).click();
    const overlay = new PickerOverlay(page);
    await expect(overlay.host.locator('.box.highlight')).toHaveCount(3);

    // Duplicate opens the editor on a copy; saving adds it.
    await panel.page.getByRole('button', { name: `Duplicate "Product Added ${s}"` }).click();
    await expect(panel.eventName).toHaveValue(`Product Added ${s} Copy`);
    await panel.saveButton.click();
    await expect(state('Product Added')).toHaveCount(1);
    await expect(panel.tag(`Product Added ${s} Copy`).locator('.tag-state')).toHaveText('matches 1');

    // Disable / enable.
    await panel.page.getByRole('button', { name: `Disable "Cart Buttons ${s}"` }).click();
    await expect(panel.tag(`Cart Buttons ${s}`)).toContainText('disabled');
    await panel.page.getByRole('button', { name: `Enable "Cart Buttons ${s}"` }).click();
    await expect(panel.tag(`Cart Buttons ${s}`)).not.toContainText('disabled');

    // Delete, then undo.
    await panel.page.getByRole('button', { name: `Delete "Broken Tag ${s}"` }).click();
    await expect(panel.tag(`Broken Tag ${s}`)).toHaveCount(0);
    await panel.page.getByRole('button', { name: 'Undo' }).click();
    await expect(state('Broken Tag')).toHaveText('matches nothing');

    // A route change of a single-page app is followed: the path rule no longer matches.
    await page.evaluate(() => history.pushState({}, '', '/blog/'));
    await expect(panel.pageUrl).toHaveText(site.url('/blog/'));
    await expect(state('Elsewhere')).toHaveText('matches 1');
    await expect(state('Product Added')).toHaveText('not on this page');
    await panel.page.close();
  });

  test('import shows every problem of a bad file with its path, and changes nothing', async ({ context, page, site, extensionId, serviceWorker }) => {
    const s = String(Date.now() % 100000);
    await page.goto(site.url('/shop/'));
    const panel = await SidePanel.open(context, extensionId, await tabIdOf(serviceWorker, page.url()));
    await expect(panel.pageUrl).toHaveText(page.url());
    await panel.page.getByLabel('Import tag config').setInputFiles({ name: 'tags.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(config(s))) });
    const events = ['Product Added', 'Cart Buttons', 'Broken Tag', 'Elsewhere'].map((event) => `${event} ${s}`);
    const eventNames = panel.tagItems.locator('.tag-name');
    await expect(eventNames).toHaveText(events);
    const bad = { version: 1, site: 'shop', revision: 0, tags: [{ id: 'x1', event: '', trigger: 'click', target: { selector: 'a[' } }, { id: 'x2', event: 'Ok', trigger: 'hover' }] };
    await panel.page.getByLabel('Import tag config').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
    const problems = panel.page.getByRole('alert', { name: 'Problems in the file' });
    await expect(problems).toContainText('tags[0].event');
    await expect(problems).toContainText('tags[0].target.selector');
    await expect(problems).toContainText('tags[1].trigger');
    await expect(eventNames).toHaveText(events);
    await panel.page.close();
  });

  test('the editor warns about a near-duplicate event name and tests custom page rules live', async ({ context, page, site, extensionId, serviceWorker }) => {
    const s = String(Date.now() % 100000);
    await page.goto(site.url('/shop/'));
    const panel = await SidePanel.open(context, extensionId, await tabIdOf(serviceWorker, page.url()));
    await expect(panel.pageUrl).toHaveText(page.url());
    await panel.page.getByLabel('Import tag config').setInputFiles({ name: 'tags.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(config(s))) });
    await expect(panel.page.getByText('Imported 4 tags')).toBeVisible();
    await panel.startButton.click();
    await page.bringToFront();
    await new PickerOverlay(page).pick(page.locator('#newsletter'));
    await expect(panel.eventName).toHaveValue('Newsletter Subscribed');
    await panel.eventName.fill(`product_added ${s}`);
    await expect(panel.page.getByTestId('name-near-duplicate')).toContainText(`Product Added ${s}`);
    await expect(panel.page.getByTestId('name-style')).toBeVisible();

    await panel.page.getByLabel('Custom rules').check();
    const value = panel.page.getByLabel('Rule 1 value');
    await expect(value).toHaveValue('/shop/');
    await expect(panel.page.locator('.rule [role=status]')).toHaveText('✓ matches this page');
    await value.fill('/blog/**');
    await panel.page.getByLabel('Rule 1 kind').selectOption('glob');
    await expect(panel.page.locator('.rule [role=status]')).toHaveText('✗ not this page');
    await panel.page.getByLabel('Rule 1 kind').selectOption('regex');
    // A pattern that backtracks for ever in RegExp no longer hangs anything (the matcher is linear): it is simply tested.
    await value.fill('(x+x+)+y');
    await expect(panel.page.locator('.rule [role=status]')).toContainText('not this page');
    // What is not regular is refused, with the reason.
    await value.fill('(a)\\1');
    await expect(panel.page.locator('.rule [role=status]')).toContainText('backreferences');
    await panel.page.close();
  });
});

test.describe('drafts', () => {
  // Its own browser on a kept profile, closed and launched again (the fixture's context
  // lives for the whole worker).
  test('survive a browser restart', async ({ site, refusingProxy }) => {
    const profile = await mkdtemp(path.join(os.tmpdir(), 'tagpoint-profile-'));
    const launch = () =>
      chromium.launchPersistentContext(profile, {
        executablePath: chromiumPath(),
        headless: true,
        args: [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`, ...loopbackOnlyArgs(refusingProxy.server)],
      });
    const event = `Restart Survivor ${Date.now() % 100000}`;
    try {
      for (const round of ['before', 'after']) {
        const context = await launch();
        const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
        const extensionId = new URL(worker.url()).host;
        const page = await context.newPage();
        await page.goto(site.url('/shop/'));
        const panel = await SidePanel.open(context, extensionId, await tabIdOf(worker, page.url()));
        await expect(panel.pageUrl).toHaveText(page.url());
        if (round === 'before') {
          const file = { version: 1, site: 'shop', revision: 1, tags: [{ id: 'restart1', event, trigger: 'click', target: { selector: '#newsletter' } }] };
          await panel.page.getByLabel('Import tag config').setInputFiles({ name: 'tags.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
        }
        await expect(panel.tag(event).locator('.tag-state')).toHaveText('matches 1');
        await context.close();
      }
    } finally {
      await rm(profile, { recursive: true, force: true });
    }
  });
});
