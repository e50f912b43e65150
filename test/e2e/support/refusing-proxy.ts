import net from 'node:net';

/** One request that reached the refusing proxy, i.e. one that tried to leave 127.0.0.1. */
export interface ProxyHit {
  /** `CONNECT` for https/wss, else the plain HTTP method. */
  method: string;
  /** `host:port` for CONNECT, the absolute URL otherwise. */
  target: string;
}

export interface RefusingProxy {
  port: number;
  /** `127.0.0.1:<port>`, the value for Chromium's `--proxy-server`. */
  server: string;
  /**
   * Requests refused since the last `reset()`, except Chromium's own background downloads
   * (`isBrowserOwn`): what pages, the extension and the code under test tried.
   */
  readonly hits: readonly ProxyHit[];
  /** Every request refused since the last `reset()`, Chromium's own included. */
  readonly allHits: readonly ProxyHit[];
  /** `hits.length`. */
  readonly count: number;
  reset(): void;
  close(): Promise<void>;
}

/**
 * Hosts only Chromium itself asks for, in the background, whatever the page: its component and
 * model downloads (`*.gvt1.com`, seen from Debian's Chromium 150 despite
 * --disable-component-update) and its autofill service. Nothing of Tagpoint names them.
 */
const BROWSER_OWN = /^(([a-z0-9-]+\.)*gvt1\.com|update\.googleapis\.com|content-autofill\.googleapis\.com)(:\d+)?$/;

/** True for a hit Chromium made on its own (`BROWSER_OWN`), not a page or our code. */
export function isBrowserOwn(hit: ProxyHit): boolean {
  let host = hit.target;
  try {
    if (hit.method !== 'CONNECT') host = new URL(hit.target).host;
  } catch {
    // Not a URL: compared as sent.
  }
  return BROWSER_OWN.test(host);
}

const REFUSAL_BODY = 'Refused by the Tagpoint test proxy: tests never leave 127.0.0.1.\n';

/**
 * A proxy that refuses everything: CONNECT gets 403, a plain proxied request gets 403,
 * and the connection is closed. Chromium pointed at it (`--proxy-server`) still reaches
 * loopback directly (its implicit bypass rules), so every hit here is a request that
 * would have left the machine.
 */
export async function startRefusingProxy(): Promise<RefusingProxy> {
  let hits: ProxyHit[] = [];
  const ours = () => hits.filter((hit) => !isBrowserOwn(hit));
  const sockets = new Set<net.Socket>();

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.setTimeout(5_000, () => socket.destroy());
    let head = '';
    let answered = false;
    socket.on('data', (chunk) => {
      if (answered) return;
      head += chunk.toString('latin1');
      const lineEnd = head.indexOf('\r\n');
      if (lineEnd === -1 && head.length < 8_192) return;
      const [method = '?', target = ''] = head.slice(0, lineEnd === -1 ? 200 : lineEnd).split(' ');
      hits.push({ method, target });
      answered = true;
      socket.end(
        'HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nConnection: close\r\n' +
          `Content-Length: ${Buffer.byteLength(REFUSAL_BODY)}\r\n\r\n${REFUSAL_BODY}`,
      );
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;

  return {
    port,
    server: `127.0.0.1:${port}`,
    get hits() {
      return ours();
    },
    get allHits() {
      return hits;
    },
    get count() {
      return ours().length;
    },
    reset() {
      hits = [];
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
