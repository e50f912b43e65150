/**
 * Support for the runtime e2e tests (runtime*.spec.ts): a plain Chromium page (no extension;
 * the runtime needs none) on the shared `site` server, with the runtime build, the real
 * @segment/analytics-next and a collector standing in for api.segment.io, all on 127.0.0.1.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { buildRuntime, runtimeOutDir } from '../../scripts/build-runtime';
import { isRuntimePath } from '../../lib/server/http-sink-route';
import { chromiumPath } from '../../scripts/find-chromium.mjs';
import { expect, loopbackOnlyArgs, readBody, repoRoot, sendJson, test as base, type SiteServer } from './fixtures';

export { expect };

const analyticsDir = path.join(repoRoot, 'node_modules', '@segment', 'analytics-next', 'dist', 'umd');

/** One request that reached the collector. */
export interface Collected {
  path: string;
  body: any;
}

/** How `/rt/config.json` answers. */
export type ConfigAnswer =
  | { config: unknown }
  | { status: number; text?: string }
  | { hang: true }
  | { text: string };

export interface RuntimeSite {
  /** Requests posted to `/v1/*` by analytics-next, oldest first. */
  collected: Collected[];
  /** Track events that arrived, flattened out of batches. */
  tracks(): any[];
  /** Sets how `/rt/config.json` answers from now on. */
  answerConfig(answer: ConfigAnswer): void;
  /** Waits until `n` track events arrived. */
  waitForTracks(n: number, timeout?: number): Promise<any[]>;
}

function sendFile(res: http.ServerResponse, file: string, type: string) {
  const body = readFileSync(file);
  res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store', 'Content-Length': body.length });
  res.end(body);
}

/** Plugs the runtime, analytics-next, its settings, the collector and the config into `site`. */
export function serveRuntimeSite(site: SiteServer): RuntimeSite {
  const collected: Collected[] = [];
  let answer: ConfigAnswer = { status: 404 };
  // tagpoint.js and the parts it loads from beside itself (tagpoint-debug.js with ?tagpoint_debug=1, ...).
  for (const name of readdirSync(runtimeOutDir).filter((f) => isRuntimePath(`/${f}`))) {
    site.route(`/rt/${name}`, (_req, res) => sendFile(res, path.join(runtimeOutDir, name), 'text/javascript'));
  }
  site.route('/rt/config.json', (_req, res) => {
    const a = answer;
    if ('hang' in a) return; // never answers: the runtime's timeout must give up
    if ('config' in a) return sendJson(res, 200, a.config);
    res.writeHead('status' in a ? a.status : 200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    res.end(a.text ?? '');
  });
  site.route('/analytics.js', (_req, res) => sendFile(res, path.join(analyticsDir, 'standalone.js'), 'text/javascript'));
  site.route('/analytics-next/bundles', (_req, res, url) => {
    const name = path.basename(url.pathname);
    if (!/^[\w.-]+\.js$/.test(name)) return sendJson(res, 404, {});
    sendFile(res, path.join(analyticsDir, name), 'text/javascript');
  });
  site.route('/v1', async (req, res, url) => {
    if (url.pathname.startsWith('/v1/projects/')) {
      // Minimal settings: only the Segment.io destination, so nothing else loads.
      return sendJson(res, 200, {
        integrations: { 'Segment.io': { apiKey: 'rtkey', apiHost: `${url.host}/v1`, protocol: 'http' } },
        legacyVideoPluginsEnabled: false,
      });
    }
    const text = await readBody(req);
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Kept as text.
    }
    collected.push({ path: url.pathname, body });
    res.writeHead(200, { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' });
    res.end('{"success":true}');
  });

  const tracks = () =>
    collected
      .filter((c) => c.path === '/v1/t' || c.path === '/v1/b')
      .flatMap((c) => (c.path === '/v1/b' ? c.body.batch : [c.body]))
      .filter((e: any) => e && e.type === 'track');

  return {
    collected,
    tracks,
    answerConfig(a) {
      answer = a;
    },
    async waitForTracks(n, timeout = 10_000) {
      await expect.poll(() => tracks().length, { timeout }).toBeGreaterThanOrEqual(n);
      return tracks();
    },
  };
}

/** A config of the given tags. */
export const configOf = (tags: unknown[], revision = 1) => ({ version: 1, site: 'runtime-shop', revision, tags });

/** What the page saw: errors reaching it, and how often its own handlers ran. */
export async function pageState(page: Page): Promise<{ errors: string[]; handlers: Record<string, number> }> {
  return page.evaluate(() => ({ errors: (window as any).__pageErrors, handlers: (window as any).__pageHandlers }));
}

/**
 * Records, from the page's first script on, every message the runtime's debug bridge posts
 * (`?tagpoint_debug=1`), plus `{ source: 'test', mark }` markers from `markDebug`, in order.
 */
export async function recordDebug(page: Page): Promise<void> {
  await page.addInitScript(() => {
    (window as any).__debug = [];
    window.addEventListener('message', (e) => {
      if (e.data?.source === 'tagpoint-runtime' || e.data?.source === 'test') (window as any).__debug.push(e.data);
    });
  });
}

/** The debug messages recorded so far (see `recordDebug`). */
export async function debugMessages(page: Page): Promise<any[]> {
  return page.evaluate(() => (window as any).__debug);
}

/**
 * Posts a marker through the same window and waits until it is recorded. Messages to a window
 * arrive in the order they were posted, so once the marker is in, every debug message the
 * runtime posted before it (during the actions before this call) is in too: what is missing
 * then was never posted. Returns the messages before the marker.
 */
export async function markDebug(page: Page, mark: string): Promise<any[]> {
  await page.evaluate((m) => window.postMessage({ source: 'test', mark: m }, location.origin), mark);
  await expect.poll(() => page.evaluate((m) => (window as any).__debug.some((d: any) => d.mark === m), mark)).toBe(true);
  const messages = await debugMessages(page);
  return messages.slice(0, messages.findIndex((d) => d.mark === mark));
}

let built: Promise<unknown> | undefined;

export const test = base.extend<{ rtPage: Page; rtSite: RuntimeSite }, { plainBrowser: Browser }>({
  plainBrowser: [
    async ({ refusingProxy }, use) => {
      // Tests the file these pages load, built from the working tree.
      await (built ||= buildRuntime());
      const browser = await chromium.launch({
        executablePath: chromiumPath(),
        headless: true,
        args: loopbackOnlyArgs(refusingProxy.server),
      });
      await use(browser);
      await browser.close();
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  rtPage: async ({ plainBrowser }, use) => {
    const context = await plainBrowser.newContext();
    const page = await context.newPage();
    await use(page);
    await context.close();
  },
  rtSite: async ({ site }, use) => {
    await use(serveRuntimeSite(site));
  },
});
