import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

/** Handles a request under a registered prefix. `url` is the parsed request URL. */
export type RouteHandler = (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
) => unknown;

export interface LoggedRequest {
  method: string;
  /** Path and query, as requested. */
  path: string;
}

export interface SiteServer {
  port: number;
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** Absolute URL on this server: `site.url('/shop/')`. */
  url(pathname?: string): string;
  /** URL of a neutralised corpus page: `site.corpusUrl('bbc-1')` → `/corpus/bbc-1.html`. */
  corpusUrl(name: string): string;
  /**
   * Serves `prefix` and everything below it (`/api` matches `/api`, `/api/x`, `/api?q`)
   * with `handler`, before static files. The latest registration wins. Returns a function
   * that removes the route.
   */
  route(prefix: string, handler: RouteHandler): () => void;
  /** Requests received since the last `reset()`, oldest first. */
  readonly requests: readonly LoggedRequest[];
  /** Drops every registered route and the request log (the fixture does it after each test). */
  reset(): void;
  close(): Promise<void>;
}

export interface SiteServerOptions {
  /** Served as static files at `/` (e.g. `test/fixtures/sites/shop/index.html` at `/shop/`). */
  sitesDir: string;
  /** Holds `<name>.html` pages, served neutralised at `/corpus/<name>.html`. */
  corpusDir: string;
}

/**
 * Sent with every corpus page. Stops the page's own scripts (inline ones and any from
 * another origin), frames, plugins and loads from anywhere but this server, while still
 * letting a test add same-origin scripts, styles and fetches (e.g. the Tagpoint runtime).
 */
export const CORPUS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "media-src 'self'",
  "connect-src 'self'",
  "frame-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

const NEUTRALISE: RegExp[] = [
  /<script\b[^>]*>[\s\S]*?<\/script\s*>/gi,
  /<script\b[^>]*>/gi, // an unclosed one
  /<iframe\b[^>]*>[\s\S]*?<\/iframe\s*>/gi,
  /<(?:iframe|frame|embed)\b[^>]*>/gi,
  /<object\b[^>]*>[\s\S]*?<\/object\s*>/gi,
  /<meta\b[^>]*http-equiv\s*=\s*["']?refresh\b[^>]*>/gi,
  /<base\b[^>]*>/gi,
  /<link\b[^>]*\brel\s*=\s*["']?[^"'>]*\b(?:preconnect|dns-prefetch|prefetch|prerender|preload|modulepreload)\b[^>]*>/gi,
];

/**
 * Removes what would run or navigate on its own: scripts, frames, plugins, meta refresh,
 * `<base>` and resource hints. The CSP header (CORPUS_CSP) is the guarantee; this keeps
 * the pages quiet and their links on 127.0.0.1. Works on a latin1 string so that the
 * page's bytes, whatever its encoding, come out unchanged.
 */
export function neutraliseHtml(html: string): string {
  return NEUTRALISE.reduce((out, pattern) => out.replace(pattern, ''), html);
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** Reads a request body as text. */
export async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Answers with JSON. */
export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

function sendText(res: http.ServerResponse, status: number, text: string, headers: http.OutgoingHttpHeaders = {}) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(text);
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

async function isDirectory(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isDirectory();
  } catch {
    return false;
  }
}

/** A static HTTP server on 127.0.0.1 (random port) for e2e tests. */
export async function startSiteServer(options: SiteServerOptions): Promise<SiteServer> {
  const sitesDir = path.resolve(options.sitesDir);
  const corpusDir = path.resolve(options.corpusDir);
  let routes: { prefix: string; handler: RouteHandler }[] = [];
  let requests: LoggedRequest[] = [];

  function findRoute(pathname: string) {
    for (let i = routes.length - 1; i >= 0; i--) {
      const route = routes[i]!;
      const prefix = route.prefix.replace(/\/+$/, '');
      if (prefix === '' || pathname === prefix || pathname.startsWith(`${prefix}/`)) return route;
    }
    return undefined;
  }

  async function serveCorpus(name: string, res: http.ServerResponse, head: boolean) {
    const file = path.join(corpusDir, `${name}.html`);
    if (!/^[\w.-]+$/.test(name) || name.startsWith('.') || !(await isFile(file))) {
      sendText(res, 404, `No corpus page "${name}" in ${corpusDir}\n`);
      return;
    }
    const html = neutraliseHtml((await readFile(file)).toString('latin1'));
    const declaresCharset = /<meta\b[^>]*charset/i.test(html.slice(0, 4096));
    res.writeHead(200, {
      'Content-Type': declaresCharset ? 'text/html' : 'text/html; charset=utf-8',
      'Content-Security-Policy': CORPUS_CSP,
      'Cache-Control': 'no-store',
    });
    res.end(head ? undefined : Buffer.from(html, 'latin1'));
  }

  async function serveStatic(pathname: string, res: http.ServerResponse, head: boolean) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      sendText(res, 400, 'Bad path\n');
      return;
    }
    let file = path.join(sitesDir, decoded);
    if (file !== sitesDir && !file.startsWith(sitesDir + path.sep)) {
      sendText(res, 403, 'Outside the sites folder\n');
      return;
    }
    if (await isDirectory(file)) {
      if (!pathname.endsWith('/')) {
        sendText(res, 301, 'Moved\n', { Location: `${pathname}/` });
        return;
      }
      file = path.join(file, 'index.html');
    }
    if (!(await isFile(file))) {
      sendText(res, 404, `Not found: ${pathname}\n`);
      return;
    }
    const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    const body = await readFile(file);
    res.writeHead(200, { 'Content-Type': type, 'Content-Length': body.length, 'Cache-Control': 'no-store' });
    res.end(head ? undefined : body);
  }

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
    const method = req.method ?? 'GET';
    requests.push({ method, path: url.pathname + url.search });
    try {
      const route = findRoute(url.pathname);
      if (route) {
        await route.handler(req, res, url);
        return;
      }
      if (method !== 'GET' && method !== 'HEAD') {
        sendText(res, 405, `${method} not allowed on static files\n`, { Allow: 'GET, HEAD' });
        return;
      }
      const corpus = /^\/corpus\/([^/]+)\.html$/.exec(url.pathname);
      if (corpus) await serveCorpus(corpus[1]!, res, method === 'HEAD');
      else await serveStatic(url.pathname, res, method === 'HEAD');
    } catch (error) {
      if (!res.headersSent) sendText(res, 500, `${(error as Error).stack ?? error}\n`);
      else res.destroy();
    }
  });
  // Keep-alive sockets would hold close() up; tests do not need them to linger.
  server.keepAliveTimeout = 1_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  return {
    port,
    origin,
    url: (pathname = '/') => new URL(pathname, origin).href,
    corpusUrl: (name) => `${origin}/corpus/${encodeURIComponent(name)}.html`,
    route(prefix, handler) {
      const entry = { prefix, handler };
      routes.push(entry);
      return () => {
        routes = routes.filter((r) => r !== entry);
      };
    },
    get requests() {
      return requests;
    },
    reset() {
      routes = [];
      requests = [];
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
