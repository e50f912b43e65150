/**
 * Publishing from the extension's side panel to a real registry (lib/server, SQLite file) on
 * loopback, then a page running the runtime from that registry fires the published tag. Also:
 * a publish from elsewhere meanwhile (409, "what changed meanwhile", publish over it),
 * errors with their paths, rollback from the history, and "Pull live" with its confirmation.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { createRegistryClient, type RegistryClient } from '../../lib/publish';
import { createRegistry, type Registry } from '../../lib/server';
import { REGISTRY_SETTINGS_KEY } from '../../lib/store/registry-settings';
import { expect, extensionDir, sitesDir, test, type SiteServer } from './fixtures';
import { clearDrafts, SidePanel, tabIdOf } from './pages/tagging';
import { axeViolations } from './support/axe';

let registry: Registry;
let dir: string;
/** The registry as the extension reaches it: `localhost`, a host the test build has no permission for (only CORS). */
let registryUrl: string;
let loopbackUrl: string;
const MAX_MESSAGE = 60;

test.beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'tagpoint-e2e-publish-'));
  registry = createRegistry({ port: 0, dbPath: path.join(dir, 'tagpoint.db'), maxMessageLength: MAX_MESSAGE });
  loopbackUrl = await registry.listen();
  registryUrl = loopbackUrl.replace('127.0.0.1', 'localhost');
});

test.afterAll(async () => {
  await registry?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A fresh registry site with a publisher token, so tests sharing a worker's browser do not meet. */
function newSite(name: string): { site: string; token: string; client: RegistryClient } {
  const site = `${name}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  const token = registry.store.createToken({ site, role: 'publisher', label: 'Extension e2e' }).token;
  const cliToken = registry.store.createToken({ site, role: 'publisher', label: 'CI pipeline' }).token;
  return { site, token, client: createRegistryClient({ baseUrl: loopbackUrl, token: cliToken }) };
}

const tagsFile = (tags: object[]) =>
  ({ name: 'tags.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ version: 1, site: 'shop', revision: 1, tags })) });

const addToCart = {
  id: 'add1',
  event: 'Product Added',
  trigger: 'click',
  target: { selector: '[data-sku="SKU-1"]' },
  properties: [{ name: 'title', source: 'text', selector: 'h2.title' }],
};
const aboutLink = { id: 'about1', event: 'About Opened', trigger: 'click', target: { selector: '#about-link' } };

/** Opens the side panel for the shop fixture, with `tags` as the drafts and the Publish section open. */
async function openPanel(page: Page, context: Parameters<typeof SidePanel.open>[0], extensionId: string, worker: Parameters<typeof tabIdOf>[0], site: SiteServer, tags: object[]) {
  await page.goto(site.url('/shop/'));
  const panel = await SidePanel.open(context, extensionId, await tabIdOf(worker, page.url()));
  const p = panel.page;
  await p.getByLabel('When importing').selectOption('replace');
  await p.getByLabel('Import tag config').setInputFiles(tagsFile(tags));
  await expect(p.getByText(`Imported ${tags.length} tags`)).toBeVisible();
  await p.getByText('Publish and history').click();
  return panel;
}

/** Fills the registry settings through the side panel's form (first time or "Registry settings"). */
async function configure(p: Page, site: string, token: string) {
  const edit = p.getByRole('button', { name: 'Registry settings' });
  const url = p.getByLabel('Registry URL');
  await expect(edit.or(url)).toBeVisible();
  if (await edit.isVisible()) await edit.click();
  await url.fill(registryUrl);
  await p.getByLabel('Token').fill(token);
  await p.getByLabel(/^Registry site for http:\/\/127\.0\.0\.1:\d+$/).fill(site);
  await p.getByRole('button', { name: 'Test connection' }).click();
  await expect(p.getByRole('status').filter({ hasText: `Connected: the token can read site "${site}"` })).toBeVisible();
  await p.getByRole('button', { name: 'Save' }).click();
  await expect(p.getByTestId('publish-target')).toContainText(`Publishes to site ${site} at ${registryUrl}`);
}

/** Serves the shop fixture with the runtime and the live config from the registry, and a sink collecting events. */
function serveLiveShop(site: SiteServer, registrySite: string): string {
  const html = readFileSync(path.join(sitesDir, 'shop', 'index.html'), 'utf8').replace(
    '</head>',
    // The shop's own relative assets (shop.js) still come from /shop/.
    `<base href="/shop/">
<script>window.tracked = []; window.analytics = { track: (event, properties, options) => window.tracked.push({ event, properties, options }) };</script>
<script async src="${loopbackUrl}/tagpoint.js" data-config-url="${loopbackUrl}/v1/sites/${registrySite}/config.json"></script>
</head>`,
  );
  site.route('/live-shop/', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(html);
  });
  return site.url('/live-shop/');
}

test('publishes from the side panel; a page running the runtime from the registry fires the published tag', async ({ context, page, site, extensionId, serviceWorker, egress }) => {
  const { site: registrySite, token } = newSite('shop');
  // The registry is reached on a host the extension has no permission for: CORS alone must do.
  const manifest = JSON.parse(readFileSync(path.join(extensionDir, 'manifest.json'), 'utf8')) as { host_permissions?: string[] };
  expect((manifest.host_permissions ?? []).some((h) => h.includes('localhost') || h.includes('<all_urls>') || h.startsWith('*'))).toBe(false);

  const panel = await openPanel(page, context, extensionId, serviceWorker, site, [addToCart]);
  const p = panel.page;
  await configure(p, registrySite, token);

  await p.getByRole('button', { name: 'Review and publish' }).click();
  await expect(p.getByText('Nothing is published for this site yet.').first()).toBeVisible();
  await expect(p.getByLabel('Your changes: 1 added, 0 changed, 0 removed, 0 unchanged')).toContainText('Product Added');
  await p.getByLabel('Message (what changed and why)').fill('first tag');
  await p.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(p.getByRole('status').filter({ hasText: 'Published revision 1.' })).toBeVisible();
  await expect(p.locator('.version').first()).toContainText(/Revision 1 \(live\).*by Extension e2e, 1 tag.*first tag/s);

  const live = await page.context().newPage();
  const pageErrors: string[] = [];
  live.on('pageerror', (e) => pageErrors.push(e.message));
  await live.goto(serveLiveShop(site, registrySite));
  // The runtime has loaded the config once the button is wired; click until the event is in.
  await expect(async () => {
    await live.locator('[data-sku="SKU-1"]').click();
    expect(await live.evaluate(() => (window as unknown as { tracked: unknown[] }).tracked.length)).toBeGreaterThan(0);
  }).toPass({ timeout: 10_000 });
  const [event] = await live.evaluate(() => (window as unknown as { tracked: unknown[] }).tracked);
  expect(event).toEqual({ event: 'Product Added', properties: { title: 'Blue Shoe' }, options: { context: { tagpoint: { tag: 'add1', revision: 1 } } } });
  expect(pageErrors).toEqual([]);
  await live.close();
  await p.close();
  expect(egress.list()).toEqual([]);
});

test('a publish from elsewhere meanwhile: 409 shows what changed, then publishes over it; refusals show their paths', async ({ context, page, site, extensionId, serviceWorker }) => {
  const { site: registrySite, token, client } = newSite('race');
  const base = await client.publish(registrySite, { version: 1, site: registrySite, revision: 0, tags: [aboutLink as never] }, { message: 'from CI', baseRevision: 0 });
  expect(base).toEqual({ ok: true, value: { revision: 1 } });

  const panel = await openPanel(page, context, extensionId, serviceWorker, site, [addToCart, aboutLink]);
  const p = panel.page;
  await configure(p, registrySite, token);
  await p.getByRole('button', { name: 'Review and publish' }).click();
  await expect(p.getByText('Live now: revision 1, 1 tags.')).toBeVisible();
  await expect(p.getByLabel('Your changes: 1 added, 0 changed, 0 removed, 1 unchanged')).toBeVisible();

  // A message over the registry's limit: refused with the field's path, nothing published.
  await p.getByLabel('Message (what changed and why)').fill('x'.repeat(MAX_MESSAGE + 5));
  await p.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(p.getByRole('alert').filter({ hasText: 'message' }).locator('code')).toHaveText('message');

  // Meanwhile CI publishes a change to "About Opened".
  const meanwhile = await client.publish(registrySite, { version: 1, site: registrySite, revision: 0, tags: [{ ...aboutLink, event: 'About Page Opened' } as never] }, { message: 'rename about', baseRevision: 1 });
  expect(meanwhile).toEqual({ ok: true, value: { revision: 2 } });

  await p.getByLabel('Message (what changed and why)').fill('add to cart');
  await p.getByRole('button', { name: 'Publish', exact: true }).click();
  const conflict = p.locator('.publish-meanwhile');
  await expect(conflict).toContainText('Revision 2 was published while you were reviewing (by CI pipeline: “rename about”)');
  await expect(conflict.getByLabel('Published meanwhile: 0 added, 1 changed, 0 removed, 0 unchanged')).toContainText('About Page Opened');
  // Against revision 2, the drafts now change "About Page Opened" back.
  await expect(p.getByLabel('Your changes: 1 added, 1 changed, 0 removed, 0 unchanged')).toBeVisible();
  expect(await axeViolations(p, { include: '.publish-section' })).toEqual([]);
  await p.getByRole('button', { name: 'Publish over revision 2' }).click();
  await expect(p.getByRole('status').filter({ hasText: 'Published revision 3.' })).toBeVisible();

  const live = await client.getLive(registrySite);
  expect(live.ok && live.value?.tags.map((t) => `${t.id}:${t.event}`)).toEqual(['add1:Product Added', 'about1:About Opened']);
  await p.close();
});

test('rolls back from the history after confirming, and pulls live into the drafts after confirming', async ({ context, page, site, extensionId, serviceWorker }) => {
  const { site: registrySite, token, client } = newSite('history');
  const panel = await openPanel(page, context, extensionId, serviceWorker, site, [addToCart]);
  const p = panel.page;
  await configure(p, registrySite, token);
  await p.getByRole('button', { name: 'Review and publish' }).click();
  // A publish says what changed and why: without a message the button stays disabled.
  const publishButton = p.getByRole('button', { name: 'Publish', exact: true });
  await expect(publishButton).toBeDisabled();
  await expect(p.locator('#publish-blockers')).toHaveText('A message is required: say what changed and why.');
  await p.getByLabel('Message (what changed and why)').fill('add to cart');
  await publishButton.click();
  await expect(p.getByRole('status').filter({ hasText: 'Published revision 1.' })).toBeVisible();
  await p.getByRole('button', { name: 'Close' }).click();

  // A second version from elsewhere; the history, reloaded, offers rolling back to 1.
  await client.publish(registrySite, { version: 1, site: registrySite, revision: 0, tags: [aboutLink as never] }, { message: 'replace all', baseRevision: 1 });
  await p.reload();
  await p.getByText('Publish and history').click();
  const rollback = p.getByRole('button', { name: 'Roll back to revision 1' });
  await rollback.focus();
  await p.keyboard.press('Enter');
  // Confirmed first, from the keyboard too: the confirmation takes the focus.
  const confirmRollback = p.getByRole('alertdialog');
  await expect(confirmRollback).toContainText("Roll the live site back to revision 1? Every visitor's page then sends its 1 tag instead of revision 2's 1.");
  await expect(p.getByRole('button', { name: 'Roll back now' })).toBeFocused();
  await p.keyboard.press('Enter');
  await expect(p.getByRole('status').filter({ hasText: 'Rolled back: revision 3 is live, a copy of revision 1.' })).toBeVisible();
  await expect(p.locator('.version').first()).toContainText('Revision 3 (live)');
  const live = await client.getLive(registrySite);
  expect(live.ok && live.value?.tags.map((t) => t.id)).toEqual(['add1']);

  // Publish "About" from elsewhere, then pull it: the drafts differ, so the panel asks first.
  await client.publish(registrySite, { version: 1, site: registrySite, revision: 0, tags: [aboutLink as never] }, { baseRevision: 3 });
  await p.getByRole('button', { name: 'Pull live into drafts' }).click();
  const confirm = p.getByRole('alertdialog');
  await expect(confirm).toContainText('Your drafts differ from live revision 4');
  expect(await axeViolations(p, { include: '.publish-section' })).toEqual([]);
  // Escape keeps the drafts, as "Keep my drafts" does.
  await p.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  await expect(panel.tagItems).toHaveCount(1);
  await expect(panel.tag('Product Added')).toBeVisible();
  await p.getByRole('button', { name: 'Pull live into drafts' }).click();
  await expect(p.getByRole('button', { name: 'Replace my drafts with revision 4' })).toBeFocused();
  await p.keyboard.press('Enter');
  await expect(p.getByRole('status').filter({ hasText: 'Loaded live revision 4 (1 tags) into the drafts.' })).toBeVisible();
  await expect(panel.tagItems).toHaveCount(1);
  await expect(panel.tag('About Opened')).toBeVisible();
  await p.close();
});

test('a fresh extension starts its drafts from the two live tags, and its publish removes none of them', async ({ context, page, site, extensionId, serviceWorker }) => {
  const { site: registrySite, token, client } = newSite('fresh');
  const base = await client.publish(registrySite, { version: 1, site: registrySite, revision: 0, tags: [addToCart, aboutLink] as never }, { message: 'colleague', baseRevision: 0 });
  expect(base).toEqual({ ok: true, value: { revision: 1 } });

  await page.goto(site.url('/shop/'));
  // A fresh extension: no drafts, no registry settings (other tests of this worker saved some).
  await clearDrafts(serviceWorker, page.url());
  await serviceWorker.evaluate(async (key) => {
    const api = (globalThis as unknown as { chrome: { storage: { local: { remove(key: string): Promise<void> } } } }).chrome;
    await api.storage.local.remove(key);
  }, REGISTRY_SETTINGS_KEY);
  const panel = await SidePanel.open(context, extensionId, await tabIdOf(serviceWorker, page.url()));
  const p = panel.page;
  await p.getByText('Publish and history').click();
  await configure(p, registrySite, token);
  // The drafts were empty: they start from the live revision, so the list shows the colleague's tags.
  await expect(panel.status).toHaveText('Your drafts start from live revision 1 (2 tags).');
  await expect(panel.tagItems).toHaveCount(2);

  // One tag of our own, merged in.
  const newsletter = { id: 'news1', event: 'Newsletter Subscribed', trigger: 'click', target: { selector: '#newsletter' } };
  await p.getByLabel('When importing').selectOption('merge');
  await p.getByLabel('Import tag config').setInputFiles(tagsFile([newsletter]));
  await expect(panel.tagItems).toHaveCount(3);

  await p.getByRole('button', { name: 'Review and publish' }).click();
  await expect(p.getByText('Live now: revision 1, 2 tags.')).toBeVisible();
  await expect(p.getByLabel('Your changes: 1 added, 0 changed, 0 removed, 2 unchanged')).toContainText('Newsletter Subscribed');
  await expect(p.getByTestId('publish-removes')).toHaveCount(0);
  await expect(p.getByTestId('publish-stale')).toHaveCount(0);
  await p.getByLabel('Message (what changed and why)').fill('newsletter');
  await p.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(p.getByRole('status').filter({ hasText: 'Published revision 2.' })).toBeVisible();
  const live = await client.getLive(registrySite);
  expect(live.ok && live.value?.tags.map((t) => t.id)).toEqual(['add1', 'about1', 'news1']);

  // Someone else publishes while the review is open again: "Live now" follows without a refusal first.
  await p.getByRole('button', { name: 'Close' }).click();
  await p.getByRole('button', { name: 'Review and publish' }).click();
  await expect(p.getByText('Live now: revision 2, 3 tags.')).toBeVisible();
  await client.publish(registrySite, { version: 1, site: registrySite, revision: 0, tags: [addToCart] as never }, { message: 'only cart', baseRevision: 2 });
  await expect(p.getByText('Live now: revision 3, 1 tags.')).toBeVisible({ timeout: 30_000 });
  await expect(p.locator('.publish-meanwhile')).toContainText('Revision 3 was published while you were reviewing (by CI pipeline: “only cart”)');
  await p.close();
});
