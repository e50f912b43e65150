/**
 * The side panel shows tag health (issue 15): a real registry (SQLite file) on loopback holds
 * a site's live config and its health counters (beacons posted over HTTP as a page's
 * sendBeacon posts them; the whole page-to-registry path runs in health.spec.ts); the side
 * panel, configured with the registry, shows each tag's live health beside it and offers the
 * repair for the broken one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRegistry, type Registry } from '../../lib/server';
import { expect, test } from './fixtures';
import { SidePanel, tabIdOf } from './pages/tagging';

let dir: string;
let registry: Registry;
let loopbackUrl: string;

test.beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'tagpoint-health-panel-'));
  registry = createRegistry({ port: 0, dbPath: path.join(dir, 'tagpoint.db'), healthThresholds: { minSamples: 1 }, healthFlushIntervalMs: 0, healthRateLimit: 0 });
  loopbackUrl = await registry.listen();
});
test.afterAll(async () => {
  await registry?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const addToCart = { id: 'add1', event: 'Product Added', trigger: 'click', target: { selector: '[data-sku="SKU-1"]' } };
const aboutLink = { id: 'about1', event: 'About Opened', trigger: 'click', target: { selector: '#about-link' } };

test('each tag shows its live health from the registry, and the broken one offers Re-pick', async ({ context, page, site, extensionId, serviceWorker }) => {
  const siteId = `health-${Date.now().toString(36)}`;
  const token = registry.store.createToken({ site: siteId, role: 'publisher', label: 'e2e' }).token;
  const publish = await fetch(`${loopbackUrl}/v1/sites/${siteId}/versions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ config: { version: 1, site: siteId, revision: 0, tags: [addToCart, aboutLink] } }),
  });
  expect(publish.status).toBe(201);
  for (let i = 0; i < 4; i++) {
    const beacon = { v: 1, site: siteId, revision: 1, path: '/shop', sample: 1, tags: [{ id: 'add1', state: 'found', events: 1 }, { id: 'about1', state: 'absent', events: 0 }] };
    const res = await fetch(`${loopbackUrl}/v1/sites/${siteId}/health`, { method: 'POST', headers: { 'content-type': 'text/plain;charset=UTF-8' }, body: JSON.stringify(beacon) });
    expect(res.status).toBe(202);
  }

  await page.goto(site.url('/shop/'));
  const panel = await SidePanel.open(context, extensionId, await tabIdOf(serviceWorker, page.url()));
  const p = panel.page;
  await p.getByLabel('When importing').selectOption('replace');
  await p.getByLabel('Import tag config').setInputFiles({ name: 'tags.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ version: 1, site: 'shop', revision: 1, tags: [addToCart, aboutLink] })) });
  await expect(p.getByText('Imported 2 tags')).toBeVisible();
  // Registry settings, as a user saves them (publish.spec.ts covers the form itself).
  await p.getByText('Publish and history').click();
  const edit = p.getByRole('button', { name: 'Registry settings' });
  const url = p.getByLabel('Registry URL');
  await expect(edit.or(url)).toBeVisible();
  if (await edit.isVisible()) await edit.click();
  await url.fill(loopbackUrl.replace('127.0.0.1', 'localhost'));
  await p.getByLabel('Token').fill(token);
  await p.getByLabel(/^Registry site for http:\/\/127\.0\.0\.1:\d+$/).fill(siteId);
  await p.getByRole('button', { name: 'Save' }).click();

  const broken = panel.tag('About Opened').locator('.tag-health');
  await expect(broken).toHaveAttribute('data-health', 'broken');
  await expect(broken).toContainText(/Live: broken since \d\d:00 UTC: not found on 100% of 4 views on \/shop/);
  await expect(panel.tag('Product Added').locator('.tag-health')).toHaveText('Live: found on 100% of 4 views, last 24 h');
  await expect(panel.tag('Product Added').getByRole('button', { name: /Re-pick/ })).toHaveCount(0);
  // Re-pick opens the tag in the editor.
  await broken.getByRole('button', { name: 'Re-pick the target of "About Opened"' }).click();
  await expect(panel.eventName).toHaveValue('About Opened');
  await p.close();
});
