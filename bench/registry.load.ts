import { Agent, request } from 'node:http';

/** Options of one load run. */
export interface LoadOptions {
  url: string;
  /** Concurrent connections, each with one request in flight. Default 50. */
  connections?: number;
  /** Stop after this many milliseconds. Default 5,000. */
  durationMs?: number;
  /** ...or after this many requests, whichever comes first. Default 1,000,000. */
  maxRequests?: number;
  headers?: () => Record<string, string>;
  /** Default GET, or POST with `body`. */
  method?: 'GET' | 'POST';
  /** Request body (POST), built per request. */
  body?: () => string;
}

/** What a load run saw. */
export interface LoadResult {
  requests: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  statuses: Record<number, number>;
  errors: number;
}

/**
 * A closed-loop load generator: `connections` keep-alive sockets, each sending its next
 * request as soon as the previous answer has been read to the end. Bounded in time and count.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const connections = options.connections ?? 50;
  const durationMs = options.durationMs ?? 5_000;
  const maxRequests = options.maxRequests ?? 1_000_000;
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const target = new URL(options.url);
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let errors = 0;
  let started = 0;
  const start = performance.now();
  const deadline = start + durationMs;

  const one = () =>
    new Promise<void>((resolve) => {
      const t0 = performance.now();
      const body = options.body?.();
      const headers = { ...options.headers?.(), ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}) };
      const req = request(
        { agent, method: options.method ?? 'GET', host: target.hostname, port: target.port, path: target.pathname + target.search, headers },
        (res) => {
          res.on('data', () => {});
          res.on('end', () => {
            latencies.push(performance.now() - t0);
            statuses[res.statusCode ?? 0] = (statuses[res.statusCode ?? 0] ?? 0) + 1;
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end(body);
    });

  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < deadline && started < maxRequests) {
        started++;
        await one();
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return {
    requests: latencies.length,
    seconds,
    perSecond: latencies.length / seconds,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    maxMs: latencies[latencies.length - 1] ?? NaN,
    statuses,
    errors,
  };
}
