import http from 'node:http';
import {
  SEGMENT_ENDPOINTS,
  SEGMENT_LONG_PATHS,
  SegmentBatchSchema,
  SegmentEventSchema,
  isSegmentEndpoint,
  type SegmentEvent,
  type SegmentEventType,
} from './segment-event';
import { listen, readLimitedBody, sendJson } from './http-util';

/** Options of `createCollector`. */
export interface CollectorOptions {
  /** Interface to listen on. Default `127.0.0.1`: the demo never leaves the machine. */
  host?: string;
  /** Port; default 0 (any free port). */
  port?: number;
  /** Events kept in memory; older ones are dropped first. Default 500. */
  maxEvents?: number;
  /** Largest request body accepted (bytes); larger gets 413. Default 512 KiB (Segment's own cap is 500 KB). */
  maxBodyBytes?: number;
  /** Most events in one `/v1/b` batch. Default 500. */
  maxBatchEvents?: number;
  /** Most open `/events/stream` connections. Default 32. */
  maxStreamClients?: number;
  /** Interval of SSE keep-alive comments (ms). Default 15 000. */
  heartbeatMs?: number;
}

/** One event as the collector kept it. */
export interface CollectedEvent {
  /** 1, 2, 3, … in order of arrival; also the SSE event id. */
  seq: number;
  /** ISO time the collector received it. */
  receivedAt: string;
  /** The Segment endpoint it came through, by its short name (`t`, `b`, …; `/v1/track` is `t`). */
  endpoint: string;
  /** The path posted to (`/v1/t`, `/v1/batch`, …). */
  path: string;
  /** The write key sent, from `Authorization: Basic` or else the body; undefined when none. */
  writeKey?: string;
  /** How the write key came: `basic` (header), `body`, or `none`. */
  auth: 'basic' | 'body' | 'none';
  type: SegmentEventType;
  /** The event as sent (validated with SegmentEventSchema). */
  payload: SegmentEvent;
}

/** A running collector. */
export interface Collector {
  port: number;
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** What `apiHost` of analytics-next should be: `127.0.0.1:<port>/v1` (no scheme, as Segment expects). */
  apiHost: string;
  /** The kept events, oldest first (a copy). */
  events(): CollectedEvent[];
  /** Metrics posts (`/v1/m`) received; they are not events, so only counted. */
  readonly metricsCount: number;
  /** Calls `listener` for each new event; returns the unsubscribe function. */
  subscribe(listener: (event: CollectedEvent) => void): () => void;
  /** Resolves with the first kept or future event that satisfies `predicate`; rejects after `timeoutMs` (default 10 000). */
  waitFor(predicate: (event: CollectedEvent) => boolean, options?: { timeoutMs?: number }): Promise<CollectedEvent>;
  /** Drops the kept events (sequence numbers keep counting). */
  clear(): void;
  stop(): Promise<void>;
}

const CORS_HEADERS: http.OutgoingHttpHeaders = {
  // Segment's API takes posts from any site; so does this stand-in, and the demo's
  // Events page (another origin) reads it.
  // analytics-next sends its write key as Basic authorization, which needs a preflight.
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Allow-Headers': 'Content-Type, Authorization, Last-Event-ID',
  'Access-Control-Max-Age': '600',
};

/**
 * A stand-in for Segment's tracking API on 127.0.0.1: accepts analytics-next's posts
 * (`/v1/t`, `/v1/p`, `/v1/i`, `/v1/g`, `/v1/a`, `/v1/s`, batches on `/v1/b`, metrics on
 * `/v1/m`) and the HTTP Tracking API's (`/v1/track`, `/v1/page`, `/v1/identify`, …,
 * `/v1/batch`), with the write key as Basic auth or in the body, keeps the last `maxEvents` events in memory and shows them at
 * `GET /events.json` and as Server-Sent Events at `GET /events/stream` (which first replays
 * what is kept after `Last-Event-ID`, then streams). `POST /events/clear` empties the list.
 */
export async function createCollector(options: CollectorOptions = {}): Promise<Collector> {
  const {
    host = '127.0.0.1',
    port = 0,
    maxEvents = 500,
    maxBodyBytes = 512 * 1024,
    maxBatchEvents = 500,
    maxStreamClients = 32,
    heartbeatMs = 15_000,
  } = options;

  let kept: CollectedEvent[] = [];
  let seq = 0;
  let metricsCount = 0;
  const listeners = new Set<(event: CollectedEvent) => void>();
  const streams = new Set<http.ServerResponse>();

  function record(via: Via, type: SegmentEventType, payload: SegmentEvent, bodyKey: string | undefined) {
    const writeKey = via.basicKey ?? payload.writeKey ?? bodyKey;
    const auth = via.basicKey !== undefined ? 'basic' : writeKey !== undefined ? 'body' : 'none';
    const event: CollectedEvent = { seq: ++seq, receivedAt: new Date().toISOString(), endpoint: via.endpoint, path: via.path, writeKey, auth, type, payload };
    kept.push(event);
    if (kept.length > maxEvents) kept.splice(0, kept.length - maxEvents);
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch {
        // One faulty listener must not stop the others or the request.
      }
    }
  }

  function writeSse(res: http.ServerResponse, event: CollectedEvent) {
    // JSON.stringify never emits a raw newline, so one `data:` line holds the whole event.
    res.write(`id: ${event.seq}\nevent: collected\ndata: ${JSON.stringify(event)}\n\n`);
  }

  function openStream(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    if (streams.size >= maxStreamClients) {
      sendJson(res, 503, { error: `too many event streams open (at most ${maxStreamClients})` }, CORS_HEADERS);
      return;
    }
    const lastId = Number(req.headers['last-event-id'] ?? url.searchParams.get('after') ?? 0) || 0;
    res.writeHead(200, {
      ...CORS_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write('retry: 1000\n\n');
    for (const event of kept) if (event.seq > lastId) writeSse(res, event);
    const onEvent = (event: CollectedEvent) => writeSse(res, event);
    listeners.add(onEvent);
    streams.add(res);
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), heartbeatMs);
    heartbeat.unref();
    const close = () => {
      clearInterval(heartbeat);
      listeners.delete(onEvent);
      streams.delete(res);
    };
    res.on('close', close);
    res.on('error', close);
  }

  async function acceptPost(via: Via, req: http.IncomingMessage, res: http.ServerResponse) {
    const { endpoint } = via;
    const body = await readLimitedBody(req, maxBodyBytes);
    if (!body.ok) {
      sendJson(res, 413, { error: `body over ${maxBodyBytes} bytes` }, CORS_HEADERS);
      return;
    }
    if (endpoint === 'm') {
      metricsCount++;
      sendJson(res, 200, { success: true }, CORS_HEADERS);
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(body.text);
    } catch {
      sendJson(res, 400, { error: 'body is not JSON' }, CORS_HEADERS);
      return;
    }
    if (endpoint === 'b') {
      const parsed = SegmentBatchSchema.safeParse(json);
      if (!parsed.success) {
        sendJson(res, 400, { error: 'not a Segment batch', errors: issues(parsed.error) }, CORS_HEADERS);
        return;
      }
      if (parsed.data.batch.length > maxBatchEvents) {
        sendJson(res, 413, { error: `batch over ${maxBatchEvents} events` }, CORS_HEADERS);
        return;
      }
      const typed = parsed.data.batch.filter((event) => event.type);
      if (typed.length !== parsed.data.batch.length) {
        sendJson(res, 400, { error: 'every event of a batch needs a type' }, CORS_HEADERS);
        return;
      }
      for (const event of typed) record(via, event.type!, event, parsed.data.writeKey);
      sendJson(res, 200, { success: true }, CORS_HEADERS);
      return;
    }
    const parsed = SegmentEventSchema.safeParse(json);
    if (!parsed.success) {
      sendJson(res, 400, { error: 'not a Segment event', errors: issues(parsed.error) }, CORS_HEADERS);
      return;
    }
    const type = SEGMENT_ENDPOINTS[endpoint as keyof typeof SEGMENT_ENDPOINTS];
    if (parsed.data.type && parsed.data.type !== type) {
      sendJson(res, 400, { error: `a ${parsed.data.type} event posted to /v1/${endpoint}` }, CORS_HEADERS);
      return;
    }
    record(via, type, parsed.data, undefined);
    sendJson(res, 200, { success: true }, CORS_HEADERS);
  }

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://collector.invalid');
    const method = req.method ?? 'GET';
    try {
      if (method === 'OPTIONS') {
        res.writeHead(204, CORS_HEADERS);
        res.end();
        return;
      }
      // analytics-next's short paths (`/v1/t`) and the HTTP Tracking API's long ones (`/v1/track`).
      const segment = /^\/v1\/([a-z]+)$/.exec(url.pathname);
      if (segment) {
        const name = segment[1]!;
        const endpoint = name.length === 1 ? name : Object.hasOwn(SEGMENT_LONG_PATHS, name) ? SEGMENT_LONG_PATHS[name]! : name;
        if (!isSegmentEndpoint(endpoint) && endpoint !== 'b' && endpoint !== 'm') {
          sendJson(res, 404, { error: `no Segment endpoint /v1/${endpoint}` }, CORS_HEADERS);
        } else if (method !== 'POST') {
          sendJson(res, 405, { error: 'POST only' }, { ...CORS_HEADERS, Allow: 'POST, OPTIONS' });
        } else {
          await acceptPost({ endpoint, path: url.pathname, basicKey: basicWriteKey(req.headers.authorization) }, req, res);
        }
        return;
      }
      if (url.pathname === '/events.json' && method === 'GET') {
        sendJson(res, 200, { events: kept, metricsCount }, CORS_HEADERS);
      } else if (url.pathname === '/events/stream' && method === 'GET') {
        openStream(req, res, url);
      } else if (url.pathname === '/events/clear' && method === 'POST') {
        kept = [];
        sendJson(res, 200, { cleared: true }, CORS_HEADERS);
      } else if (url.pathname === '/healthz') {
        sendJson(res, 200, { ok: true }, CORS_HEADERS);
      } else {
        sendJson(res, 404, { error: `not found: ${method} ${url.pathname}` }, CORS_HEADERS);
      }
    } catch (error) {
      if (!res.headersSent) sendJson(res, 500, { error: String((error as Error)?.message ?? error) }, CORS_HEADERS);
      else res.destroy();
    }
  });
  server.keepAliveTimeout = 2_000;

  const boundPort = await listen(server, port, host, 'collector');
  const url = `http://${host}:${boundPort}`;

  return {
    port: boundPort,
    url,
    apiHost: `${host}:${boundPort}/v1`,
    events: () => kept.slice(),
    get metricsCount() {
      return metricsCount;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    waitFor(predicate, { timeoutMs = 10_000 } = {}) {
      const found = kept.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          unsubscribe();
          reject(new Error(`no matching event reached the collector within ${timeoutMs} ms (${kept.length} events kept)`));
        }, timeoutMs);
        const onEvent = (event: CollectedEvent) => {
          if (!predicate(event)) return;
          clearTimeout(timer);
          unsubscribe();
          resolve(event);
        };
        const unsubscribe = () => listeners.delete(onEvent);
        listeners.add(onEvent);
      });
    },
    clear() {
      kept = [];
    },
    stop() {
      for (const res of streams) res.end();
      streams.clear();
      listeners.clear();
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Where a post came in: its endpoint's short name, its path and the Basic-auth write key. */
interface Via {
  endpoint: string;
  path: string;
  basicKey: string | undefined;
}

/** The write key of `Authorization: Basic base64(writeKey:)`, as Segment reads it. */
function basicWriteKey(header: string | undefined): string | undefined {
  const m = header ? /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header) : null;
  if (!m) return undefined;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? decoded : decoded.slice(0, colon);
}

function issues(error: { issues: { path: PropertyKey[]; message: string }[] }) {
  return error.issues.slice(0, 20).map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}
