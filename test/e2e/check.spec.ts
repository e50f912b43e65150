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
