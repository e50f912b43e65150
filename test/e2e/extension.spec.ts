import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  corpusDir,
  corpusPages,
  expect,
  extensionServiceWorker,
  sitesDir,
  test,
} from './fixtures';
import { ExtensionPopup } from './pages/extension-popup';
import { DEFAULT_SHORTCUT, START_TAGGING_COMMAND } from '../../lib/popup/shortcut';
import { startSiteServer } from './support/site-server';

/** `chrome.runtime.id`, evaluated inside the extension. */
const runtimeId = () => (globalThis as unknown as { chrome: { runtime: { id: string } } }).chrome.runtime.id;

test.describe('the built extension', () => {
  test('loads: its service worker runs under a 32-letter id', async ({ extensionId, serviceWorker }) => {
    expect(extensionId).toMatch(/^[a-p]{32}$/);
    expect(serviceWorker.url()).toBe(`chrome-extension://${extensionId}/background.js`);
    expect(await serviceWorker.evaluate(runtimeId)).toBe(extensionId);
  });

  test('renders its popup', async ({ page, extensionId }) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const popup = await new ExtensionPopup(page, extensionId).open();
    await expect(popup.heading).toHaveText('Tagpoint');
    expect(errors).toEqual([]);
  });

  test('its shortcut is one Chromium does not keep for itself, and the popup shows it', async ({ page, extensionId, serviceWorker }) => {
    // Chromium leaves a suggested key it uses itself unset (shortcut ''), as it did with Alt+Shift+T.
    const commands = await serviceWorker.evaluate(() =>
      (globalThis as unknown as { chrome: { commands: { getAll(): Promise<{ name: string; shortcut: string }[]> } } }).chrome.commands.getAll(),
    );
    expect(commands.find((c) => c.name === START_TAGGING_COMMAND)?.shortcut).toBe(DEFAULT_SHORTCUT);
    await new ExtensionPopup(page, extensionId).open();
    await expect(page.getByTestId('shortcut')).toHaveText(`Shortcut: ${DEFAULT_SHORTCUT}`);
  });

  test('has an icon at every size the browsers ask for', async ({ serviceWorker, page, extensionId }) => {
    const icons = await serviceWorker.evaluate(() => (globalThis as unknown as { chrome: { runtime: { getManifest(): { icons?: Record<string, string> } } } }).chrome.runtime.getManifest().icons);
    expect(Object.keys(icons ?? {}).sort((a, b) => Number(a) - Number(b))).toEqual(['16', '32', '48', '96', '128']);
    // Each is a PNG of its size, read from an extension page (the files are not web-accessible).
    await new ExtensionPopup(page, extensionId).open();
    for (const [size, file] of Object.entries(icons!)) {
      const dims = await page.evaluate(async (url) => {
        const bitmap = await createImageBitmap(await (await fetch(url)).blob());
        return [bitmap.width, bitmap.height];
      }, `chrome-extension://${extensionId}/${file.replace(/^\//, '')}`);
      expect(dims).toEqual([Number(size), Number(size)]);
    }
  });

  test('extensionServiceWorker() wakes a stopped worker', async ({ context, page, extensionId }) => {
    // Stop it the way an idle timeout would, through Chromium's own internals page.
    await page.goto('chrome://serviceworker-internals/');
    const registration = page.locator('.serviceworker-registration', { hasText: `chrome-extension://${extensionId}/` });
    await registration.getByRole('button', { name: 'Stop' }).first().click();
    await expect(registration).toContainText('Running Status: STOPPED');

    const worker = await extensionServiceWorker(context, extensionId);
    expect(await worker.evaluate(runtimeId)).toBe(extensionId);
    await page.reload();
    await expect(registration).toContainText('Running Status: RUNNING');
  });
});

test.describe('the site fixture', () => {
  test('serves the shop page', async ({ page, site, egress }) => {
    const response = await page.goto(site.url('/shop/'));
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { name: 'Products' })).toBeVisible();
    await expect(page.getByTestId('add-to-cart')).toHaveCount(3);
    await expect(page.locator('input[type=password]')).toBeVisible();
    await expect(page.getByTestId('more-tea')).toHaveAttribute('href', '/shop/?category=tea');
    expect(site.requests).toContainEqual({ method: 'GET', path: '/shop/' });
    expect(egress.list()).toEqual([]);
  });

  test('lets a test add routes, dropped after the test', async ({ page, site }) => {
    site.route('/api', (req, res, url) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ method: req.method, path: url.pathname }));
    });
    await page.goto(site.url('/shop/'));
    const answer = await page.evaluate(() => fetch('/api/things').then((r) => r.json()));
    expect(answer).toEqual({ method: 'GET', path: '/api/things' });
    site.reset();
    expect((await page.request.get(site.url('/api/things'))).status()).toBe(404);
  });

  test('neutralises a hostile page: no script runs, nothing navigates, nothing leaves', async ({ page, egress }) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tagpoint-corpus-'));
    await writeFile(
      path.join(dir, 'hostile.html'),
      `<!doctype html><html><head>
        <meta http-equiv="refresh" content="0;url=/probe/refresh">
        <base href="http://tagpoint-egress-check.example/">
        <link rel="preconnect" href="http://tagpoint-egress-check.example/">
        <script>fetch('/probe/inline')</script>
        <script src="/probe/external.js"></script>
      </head><body>
        <h1>Hostile</h1>
        <img src="/missing.png" onerror="fetch('/probe/onerror')">
        <img src="http://tagpoint-egress-check.example/pixel.gif">
        <iframe src="/probe/iframe"></iframe>
        <svg><script>fetch('/probe/svg')</script></svg>
      </body></html>`,
    );
    const server = await startSiteServer({ sitesDir, corpusDir: dir });
    // Every request the page issues, in the order it issues them; and, from before the page's
    // first byte, the images that failed and the navigations that started (Navigation API).
    const issued: string[] = [];
    page.on('request', (request) => issued.push(request.url()));
    await page.addInitScript(() => {
      const w = window as unknown as { __failedImages: string[]; __navigations: string[]; __refused: string[]; navigation?: EventTarget };
      w.__failedImages = [];
      w.__navigations = [];
      w.__refused = [];
      document.addEventListener('securitypolicyviolation', (e) => w.__refused.push(`${e.effectiveDirective} ${e.blockedURI}`));
      // Capture: runs in the same dispatch as an inline onerror would, just before it.
      document.addEventListener('error', (e) => e.target instanceof HTMLImageElement && w.__failedImages.push(e.target.src), true);
      w.navigation?.addEventListener('navigate', (e) => w.__navigations.push((e as unknown as { destination: { url: string } }).destination.url));
    });
    try {
      const hostileUrl = server.corpusUrl('hostile');
      const response = await page.goto(hostileUrl);
      expect(response?.headers()['content-security-policy']).toContain("default-src 'none'");
      await expect(page.getByRole('heading', { name: 'Hostile' })).toBeVisible();
      // /missing.png 404'd and its error event is over: an onerror handler had its chance.
      await page.waitForFunction(() => (window as unknown as { __failedImages: string[] }).__failedImages.some((src) => src.endsWith('/missing.png')));
      // What would refresh, run or frame anything is gone from the document ...
      expect(await page.evaluate(() => document.querySelectorAll('script, iframe, meta[http-equiv], base').length)).toBe(0);
      // ... and what stays (the inline onerror, the other host's image) the CSP refused.
      await expect
        .poll(() => page.evaluate(() => (window as unknown as { __refused: string[] }).__refused.sort()))
        .toEqual(['img-src http://tagpoint-egress-check.example/pixel.gif', 'script-src-attr inline']);
      // A request the page issues now, the way an image does: once it is seen, so is every
      // request issued before it.
      const sentinel = server.url('/sentinel.png');
      await page.evaluate((src) => void Object.assign(new Image(), { src }), sentinel);
      await expect.poll(() => issued.includes(sentinel)).toBe(true);
      // No probe among them (the other host's image shows up as a request, refused above by the CSP).
      expect(issued.slice(0, issued.indexOf(sentinel)).sort()).toEqual(
        [hostileUrl, server.url('/missing.png'), 'http://tagpoint-egress-check.example/pixel.gif'].sort(),
      );
      expect(await page.evaluate(() => (window as unknown as { __navigations: string[] }).__navigations)).toEqual([]);
      expect(page.url()).toBe(hostileUrl);
      expect(server.requests.filter((r) => r.path.startsWith('/probe'))).toEqual([]);
      expect(egress.list()).toEqual([]);
    } finally {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('the refusing proxy sees and refuses whatever leaves 127.0.0.1', async ({ page, refusingProxy, egress }) => {
    const response = await page.goto('http://tagpoint-egress-check.example/');
    expect(response?.status()).toBe(403);
    expect(refusingProxy.hits).toContainEqual({ method: 'GET', target: 'http://tagpoint-egress-check.example/' });
    expect(egress.list()).toContain('GET http://tagpoint-egress-check.example/');
    expect(egress.pageRequests).toContain('http://tagpoint-egress-check.example/');
      });
});


test.describe('corpus pages, neutralised', () => {
  test('the corpus is there', () => {
    // The list is SOURCE.md's table; test/unit/corpus/pages.test.ts checks each file's sha256.
    expect(corpusPages, `pages listed in ${corpusDir}/SOURCE.md`).toHaveLength(60);
  });

  for (const name of corpusPages) {
    test(name, async ({ page, site, egress }) => {
      const response = await page.goto(site.corpusUrl(name));
      expect(response?.status()).toBe(200);
      expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
      const counts = await page.evaluate(() => ({
        scripts: document.scripts.length,
        frames: document.querySelectorAll('iframe, frame, embed, object').length,
        refresh: document.querySelectorAll('meta[http-equiv="refresh" i]').length,
        text: document.body?.innerText.length ?? 0,
      }));
      expect(counts).toMatchObject({ scripts: 0, frames: 0, refresh: 0 });
      expect(counts.text).toBeGreaterThan(100);
      expect(page.url()).toBe(site.corpusUrl(name));
      expect(egress.list()).toEqual([]);
    });
  }
});
