/**
 * Playwright fixtures for every Tagpoint e2e test: real Chromium with the built extension
 * loaded, a static site on 127.0.0.1, and a proxy that refuses whatever tries to leave it.
 *
 *   import { test, expect } from './fixtures';
 *   test('…', async ({ page, site, extensionId, egress }) => { … });
 *
 * Worker-scoped (one per worker, shared by its tests): `extensionContext` (also given to
 * tests as `context`), `extensionId`, `site`, `refusingProxy`. Test-scoped: `page` (a new tab, closed
 * after the test), `serviceWorker` (a live handle, woken if it had idled out), `egress`.
 */
import { test as base, expect, chromium, type BrowserContext, type Worker } from '@playwright/test';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumPath } from '../../scripts/find-chromium.mjs';
import { corpusDir, corpusPages } from '../fixtures/corpus';
import { startRefusingProxy, type ProxyHit, type RefusingProxy } from './support/refusing-proxy';
import { startSiteServer, type SiteServer } from './support/site-server';

export { expect };
export type { ProxyHit, RefusingProxy, SiteServer };
export { readBody, sendJson, type RouteHandler } from './support/site-server';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The built MV3 extension (`npm run build` / `wxt build`). */
export const extensionDir = path.join(repoRoot, '.output', 'chrome-mv3');
/** Served at `/` by the `site` fixture. */
export const sitesDir = path.join(repoRoot, 'test', 'fixtures', 'sites');
/** Real third-party pages (test/fixtures/corpus, see SOURCE.md there), served neutralised at `/corpus/<name>.html`. */
export { corpusDir, corpusPages };

export function extensionUrl(extensionId: string, pathname = ''): string {
  return `chrome-extension://${extensionId}/${pathname.replace(/^\//, '')}`;
}

function isExtensionWorker(worker: Worker, extensionId?: string): boolean {
  return worker.url().startsWith(extensionId ? extensionUrl(extensionId) : 'chrome-extension://');
}

/** True when the worker answers within `ms` (a stopped worker's handle hangs instead). */
async function responds(worker: Worker, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  const answered = worker.evaluate(() => true).catch(() => false);
  try {
    return await Promise.race([answered, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/** Starts a stopped extension service worker: a message to it from one of the extension's pages. */
async function wakeServiceWorker(context: BrowserContext, extensionId: string): Promise<void> {
  const page = await context.newPage();
  try {
    await page.goto(extensionUrl(extensionId, 'manifest.json'));
    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      registration?.active?.postMessage({ type: 'tagpoint:test-wake' });
    });
  } finally {
    await page.close();
  }
}

/**
 * A live handle on the extension's service worker. MV3 workers stop when idle (~30 s; under
 * Playwright, which keeps DevTools attached, rarely), and a handle on a stopped worker
 * hangs on `evaluate`. This checks the worker answers; if not, it wakes it and waits until
 * it does. Call it again rather than keeping a handle across long waits.
 */
export async function extensionServiceWorker(
  context: BrowserContext,
  extensionId?: string,
  { timeout = 10_000 }: { timeout?: number } = {},
): Promise<Worker> {
  const deadline = Date.now() + timeout;
  const worker =
    context.serviceWorkers().find((w) => isExtensionWorker(w, extensionId)) ??
    (await context.waitForEvent('serviceworker', { timeout, predicate: (w) => isExtensionWorker(w, extensionId) }));
  if (await responds(worker, 1_000)) return worker;
  await wakeServiceWorker(context, new URL(worker.url()).host);
  while (Date.now() < deadline) {
    for (const candidate of context.serviceWorkers().filter((w) => isExtensionWorker(w, extensionId))) {
      if (await responds(candidate, 500)) return candidate;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`The extension's service worker did not answer within ${timeout} ms.`);
}

/**
 * Chromium flags that keep a test browser on 127.0.0.1: everything else goes to the refusing
 * proxy at `proxyServer` (`host:port`). For every browser a test launches.
 */
export function loopbackOnlyArgs(proxyServer: string): string[] {
  return [
    '--no-sandbox',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
    // Chromium's own services: aim them at a closed loopback port, so that the proxy only
    // ever sees requests made by pages, the extension and the code under test.
    '--gaia-url=http://127.0.0.1:9',
    '--component-updater=url-source=http://127.0.0.1:9',
    '--autofill-server-url=http://127.0.0.1:9/',
    // Everything but loopback (which Chromium always sends direct) goes to the proxy,
    // which refuses it and counts it.
    `--proxy-server=http://${proxyServer}`,
    // WebRTC would otherwise send UDP around the proxy.
    '--force-webrtc-ip-handling-policy=disable_non_proxied_udp',
  ];
}

/** What tried to leave 127.0.0.1 during one test. */
export interface Egress {
  /** What reached the refusing proxy: every request that tried to leave the browser for another host. */
  readonly proxyHits: readonly ProxyHit[];
  /**
   * URLs on other hosts that the context's pages asked for, including ones the browser
   * itself stopped before the network (a CSP, a blocked scheme): a diagnostic, wider than
   * `proxyHits`.
   */
  readonly pageRequests: readonly string[];
  /** `proxyHits` as lines (`CONNECT host:443`, `GET http://…`); `expect(egress.list()).toEqual([])`. */
  list(): string[];
}

const LOOPBACK_HOST = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

function leavesLoopback(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  return /^(?:https?|wss?|ftp):$/.test(protocol) && !LOOPBACK_HOST.test(hostname);
}

interface WorkerFixtures {
  /**
   * The proxy Chromium sends everything but loopback to; it refuses it all. Its `hits` are
   * reset before each test: `expect(refusingProxy.hits).toEqual([])` proves nothing left 127.0.0.1.
   */
  refusingProxy: RefusingProxy;
  /** Persistent Chromium context with `.output/chrome-mv3` loaded, headless. */
  extensionContext: BrowserContext;
  /** The 32-letter (a–p) extension id. */
  extensionId: string;
  /** Static server on 127.0.0.1: `test/fixtures/sites/` at `/`, the corpus at `/corpus/`. */
  site: SiteServer;
}

interface TestFixtures {
  /** A live service-worker handle at the start of the test (see extensionServiceWorker). */
  serviceWorker: Worker;
  /** What tried to leave 127.0.0.1 during this test. */
  egress: Egress;
  /** Resets the proxy log, the site's routes and its request log around every test. */
  _isolation: void;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  refusingProxy: [
    async ({}, use) => {
      const refusingProxy = await startRefusingProxy();
      await use(refusingProxy);
      await refusingProxy.close();
    },
    { scope: 'worker' },
  ],

  extensionContext: [
    async ({ refusingProxy }, use) => {
      if (!existsSync(path.join(extensionDir, 'manifest.json'))) {
        throw new Error(`No built extension at ${extensionDir}. Run \`npm run build\` first (\`npm test\` does).`);
      }
      const context = await chromium.launchPersistentContext('', {
        executablePath: chromiumPath(),
        headless: true,
        args: [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`, ...loopbackOnlyArgs(refusingProxy.server)],
      });
      await use(context);
      await context.close();
    },
    { scope: 'worker', timeout: 60_000 },
  ],

  extensionId: [
    async ({ extensionContext }, use) => {
      const worker = await extensionServiceWorker(extensionContext, undefined, { timeout: 20_000 });
      await use(new URL(worker.url()).host);
    },
    { scope: 'worker', timeout: 30_000 },
  ],

  site: [
    async ({}, use) => {
      const site = await startSiteServer({ sitesDir, corpusDir });
      await use(site);
      await site.close();
    },
    { scope: 'worker' },
  ],

  _isolation: [
    async ({ refusingProxy, site }, use) => {
      refusingProxy.reset();
      site.reset();
      await use();
      site.reset();
    },
    { auto: true },
  ],

  // The built-in `context` is test-scoped and cannot become worker-scoped, so tests get
  // the worker's extension context under the usual name.
  context: async ({ extensionContext }, use) => {
    await use(extensionContext);
  },

  page: async ({ context }, use) => {
    const page = await context.newPage();
    await use(page);
    await page.close();
  },

  serviceWorker: async ({ extensionContext, extensionId }, use) => {
    await use(await extensionServiceWorker(extensionContext, extensionId));
  },

  egress: async ({ extensionContext, refusingProxy }, use) => {
    const pageRequests: string[] = [];
    const onRequest = (request: { url(): string }) => {
      if (leavesLoopback(request.url())) pageRequests.push(request.url());
    };
    extensionContext.on('request', onRequest);
    // _isolation has reset the proxy log, but a fixture set up before it may have added hits.
    const start = refusingProxy.count;
    await use({
      get proxyHits() {
        return refusingProxy.hits.slice(start);
      },
      pageRequests,
      list() {
        return refusingProxy.hits.slice(start).map((hit) => `${hit.method} ${hit.target}`);
      },
    });
    extensionContext.off('request', onRequest);
  },
});
