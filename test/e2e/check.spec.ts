/**
 * `tagpoint check` (issue 15), run as the real CLI (bin/tagpoint.mjs) in a child process: it
 * drives headless Chromium itself. Against the demo shop (lib/demo/shop-server.ts on
 * 127.0.0.1) with its seed config it passes; against a saved, changed copy of the listing (a
 * redeploy renamed the card class) it exits 1 and names the broken tag and the URL; its JUnit
 * output is read by a JUnit parser (junit2json).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, type TestSuites } from 'junit2json';
import { createShopServer, type ShopServer } from '../../lib/demo/shop-server';
import { demoSeedConfig } from '../../lib/demo/seed-config';
import { createRegistry } from '../../lib/server';
import { runCli } from '../unit/server/cli-helpers';
import { expect, test } from '@playwright/test';

let shop: ShopServer;
let dir: string;
const configFile = () => path.join(dir, 'config.json');

test.beforeAll(async () => {
  // Nothing listens there: the check reads the pages' markup, not their analytics.
  shop = await createShopServer({ collectorUrl: 'http://127.0.0.1:9', registryUrl: 'http://127.0.0.1:9' });
  dir = mkdtempSync(path.join(tmpdir(), 'tagpoint-check-'));
  writeFileSync(configFile(), JSON.stringify(demoSeedConfig('demo')));
});
test.afterAll(async () => {
  await shop?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('passes on the demo shop, fails on a changed copy naming the tag and URL, and writes JUnit a parser reads', async () => {
  test.setTimeout(90_000);
  const listing = `${shop.url}/products/`;
  const ok = await runCli(['check', '--config', configFile(), listing]);
  expect(ok.stderr).toBe('');
  expect(ok.code).toBe(0);
  expect(ok.stdout).toMatch(/product-added\s+Product Added\s+found\s+\d+/);
  expect(ok.stdout).toContain('All tags found on 1 page.');

  // A redeploy renamed the card's CSS-module class: the saved page, checked at the listing's URL.
  const html = await (await fetch(listing)).text();
  expect(html).toContain('ProductCard_card__x7Hq2');
  const changed = path.join(dir, 'listing-after-deploy.html');
  writeFileSync(changed, html.replaceAll('ProductCard_card__x7Hq2', 'ProductCard_card__Zz91b'));
  const broken = await runCli(['check', '--config', configFile(), changed, '--base-url', listing]);
  expect(broken.code).toBe(1);
  expect(broken.stdout).toMatch(/product-added\s+Product Added\s+absent\s+0/);
  expect(broken.stdout).toContain(`Broken: product-added on ${listing}`);

  const junit = await runCli(['check', '--config', configFile(), listing, changed, '--base-url', listing, '--format', 'junit']);
  expect(junit.code).toBe(1);
  const report = (await parse(junit.stdout)) as TestSuites;
  expect(report).toMatchObject({ name: 'tagpoint check', failures: 1, errors: 0 });
  const [before, after] = report.testsuite!;
  expect(before).toMatchObject({ name: listing, failures: 0 });
  expect(after).toMatchObject({ name: listing, failures: 1 });
  const failed = after!.testcase!.find((c) => c.failure);
  expect(failed).toMatchObject({ name: 'product-added (Product Added)', classname: listing });
  expect(failed!.failure![0]).toMatchObject({ type: 'absent', message: 'target absent' });
});

test('--sitemap checks every page a sitemap lists; --revision checks a published revision rather than the live one', async () => {
  test.setTimeout(120_000);
  // A sitemap file as a site's build writes it: the home page (featured cards) and the listing.
  const sitemap = path.join(dir, 'sitemap.xml');
  writeFileSync(
    sitemap,
    `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>${shop.url}/</loc></url><url><loc>${shop.url}/products/</loc></url></urlset>`,
  );
  const fromSitemap = await runCli(['check', '--config', configFile(), '--sitemap', sitemap, '--format', 'json']);
  expect(fromSitemap.code).toBe(0);
  const pages = (JSON.parse(fromSitemap.stdout) as { pages: { url: string; tags: { id: string; state: string }[] }[] }).pages;
  expect(pages.map((p) => p.url)).toEqual([`${shop.url}/`, `${shop.url}/products/`]);
  // The product tag is found on both; the signup form's tag applies only on /signup, so on neither.
  for (const page of pages) expect(page.tags.map((t) => [t.id, t.state])).toEqual([['product-added', 'found']]);
  const none = await runCli(['check', '--config', configFile(), '--sitemap', path.join(dir, 'no-such-sitemap.xml')]);
  expect(none.code).toBe(1);
  expect(none.stderr).toMatch(/sitemap .*no-such-sitemap\.xml: ENOENT/);

  // Revision 1 is the seed config; revision 2 (live) points the product tag at a class no card has.
  const registry = createRegistry({ port: 0, host: '127.0.0.1', dbPath: path.join(dir, 'registry.db') });
  const url = await registry.listen();
  try {
    const publisher = registry.store.createToken({ site: 'demo', role: 'publisher', label: 'e2e' }).token;
    const viewer = registry.store.createToken({ site: 'demo', role: 'viewer', label: 'e2e' }).token;
    const seed = demoSeedConfig('demo');
    const moved = { ...seed, tags: seed.tags.map((t) => (t.id === 'product-added' ? { ...t, target: { selector: '.ProductCard_card__gone > button' } } : t)) };
    for (const config of [seed, moved]) {
      const res = await fetch(`${url}/v1/sites/demo/versions`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${publisher}` }, body: JSON.stringify({ config }) });
      expect(res.status).toBe(201);
    }
    const listing = `${shop.url}/products/`;
    const live = await runCli(['check', '--registry', url, '--site', 'demo', listing]);
    expect(live.code).toBe(1);
    expect(live.stdout).toContain(`Broken: product-added on ${listing}`);
    const first = await runCli(['check', '--registry', url, '--site', 'demo', '--revision', '1', listing], { env: { TAGPOINT_TOKEN: viewer } });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('All tags found on 1 page.');
    const missing = await runCli(['check', '--registry', url, '--site', 'demo', '--revision', '9', '--token', viewer, listing]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/revision 9 of demo \(404\)/);
    const noToken = await runCli(['check', '--registry', url, '--site', 'demo', '--revision', '1', listing], { env: { TAGPOINT_TOKEN: '' } });
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toMatch(/--revision needs --token/);
  } finally {
    await registry.close();
  }
});
