import http from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { listen, sendJson } from './http-util';
import { loadShopTemplates, renderShopPage, renderShopRoute, type ShopScripts } from './shop-render';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Options of `createShopServer`. */
export interface ShopServerOptions {
  /** The collector (Segment API stand-in), e.g. `http://127.0.0.1:8789`. Required. */
  collectorUrl: string;
  /** The registry, e.g. `http://127.0.0.1:8787`. Required. */
  registryUrl: string;
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** Port; default 0 (any free port). */
  port?: number;
  /** The registry's site id of the shop. Default `demo`. */
  siteId?: string;
  /** Segment write key of the demo source. Default `tagpoint-demo`. */
  writeKey?: string;
  /** Tagpoint runtime URL. Default `<registryUrl>/tagpoint.js` (the registry serves it). */
  runtimeUrl?: string;
  /** Live config URL. Default `<registryUrl>/v1/sites/<siteId>/config.json`. */
  configUrl?: string;
  /** The shop's templates, catalog and static files. Default `demo/shop`. */
  rootDir?: string;
  /** analytics-next's snippet build. Default `node_modules/@segment/analytics-next/dist/umd`. */
  analyticsDir?: string;
}

/** A running demo shop. */
export interface ShopServer {
  port: number;
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Where its pages send analytics and load Tagpoint from. */
  scripts: ShopScripts;
  stop(): Promise<void>;
}

const STATIC_TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
};

/**
 * The demo shop "Northwind Home" on 127.0.0.1: server-rendered pages (home, 24-product
 * listing, product pages, cart, signup, a single-page-app account section at `/app/`, and
 * the live Events page), each loading the real analytics-next snippet and the Tagpoint
 * script tag. It also plays cdn.segment.com: `/analytics.js/v1/<key>/analytics.min.js`,
 * the library's chunks under `/analytics-next/bundles/` and a minimal settings JSON at
 * `/v1/projects/<key>/settings` whose API host is the collector.
 */
export async function createShopServer(options: ShopServerOptions): Promise<ShopServer> {
  const {
    host = '127.0.0.1',
    port = 0,
    siteId = 'demo',
    writeKey = 'tagpoint-demo',
    rootDir = path.join(repoRoot, 'demo', 'shop'),
    analyticsDir = path.join(repoRoot, 'node_modules', '@segment', 'analytics-next', 'dist', 'umd'),
  } = options;
  const registryUrl = options.registryUrl.replace(/\/+$/, '');
  const collector = new URL(options.collectorUrl);
  const templates = loadShopTemplates(rootDir);
  const staticDir = path.join(rootDir, 'static');

  let scripts: ShopScripts = {
    cdnUrl: '',
    writeKey,
    apiHost: `${collector.host}/v1`,
    protocol: collector.protocol.replace(':', ''),
    runtimeUrl: options.runtimeUrl ?? `${registryUrl}/tagpoint.js`,
    configUrl: options.configUrl ?? `${registryUrl}/v1/sites/${encodeURIComponent(siteId)}/config.json`,
  };

  async function sendFile(res: http.ServerResponse, file: string, type: string, head: boolean) {
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      // A missing or unreadable file is a 404 for the demo shop.
      sendText(res, 404, 'Not found\n');
      return;
    }
    res.writeHead(200, { 'Content-Type': type, 'Content-Length': body.length, 'Cache-Control': 'no-cache' });
    res.end(head ? undefined : body);
  }

  const server = http.createServer(async (req, res) => {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://shop.invalid');
    const pathname = url.pathname;
    const head = method === 'HEAD';
    try {
      if (method !== 'GET' && !head) {
        sendText(res, 405, 'The demo shop only serves pages.\n', { Allow: 'GET, HEAD' });
        return;
      }
      const asset = /^\/static\/([a-z][\w-]*\.(?:css|js))$/.exec(pathname);
      if (asset) {
        await sendFile(res, path.join(staticDir, asset[1]!), STATIC_TYPES[path.extname(asset[1]!)]!, head);
        return;
      }
      if (/^\/analytics\.js\/v1\/[\w-]+\/analytics\.min\.js$/.test(pathname)) {
        await sendFile(res, path.join(analyticsDir, 'standalone.js'), STATIC_TYPES['.js']!, head);
        return;
      }
      const chunk = /^\/analytics-next\/bundles\/([\w.-]+\.js)$/.exec(pathname);
      if (chunk && !chunk[1]!.startsWith('.')) {
        await sendFile(res, path.join(analyticsDir, chunk[1]!), STATIC_TYPES['.js']!, head);
        return;
      }
      const settings = /^\/v1\/projects\/([\w-]+)\/settings$/.exec(pathname);
      if (settings) {
        // Only the Segment.io destination: any remote plugin or extra integration would
        // make analytics-next load more code, and some of it from the internet.
        sendJson(res, 200, {
          integrations: { 'Segment.io': { apiKey: settings[1], apiHost: scripts.apiHost, protocol: scripts.protocol } },
          legacyVideoPluginsEnabled: false,
        });
        return;
      }
      if (pathname === '/healthz') {
        sendJson(res, 200, { ok: true });
        return;
      }
      if (pathname === '/products') {
        sendText(res, 301, 'Moved\n', { Location: '/products/' });
        return;
      }
      const found = renderShopRoute(templates, pathname, scripts, collector.origin) ?? {
        status: 404,
        html: renderShopPage(templates, 'not-found', scripts, { title: 'Not found' }),
      };
      res.writeHead(found.status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' });
      res.end(head ? undefined : found.html);
    } catch (error) {
      if (!res.headersSent) sendText(res, 500, `${(error as Error)?.message ?? error}\n`);
      else res.destroy();
    }
  });
  server.keepAliveTimeout = 2_000;

  const boundPort = await listen(server, port, host, 'demo shop');
  const url = `http://${host}:${boundPort}`;
  scripts = { ...scripts, cdnUrl: url };

  return {
    port: boundPort,
    url,
    get scripts() {
      return scripts;
    },
    stop() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function sendText(res: http.ServerResponse, status: number, text: string, headers: http.OutgoingHttpHeaders = {}) {
  res.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}
