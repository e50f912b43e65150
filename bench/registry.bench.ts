/**
 * `npm run bench:registry`: throughput and latency of the registry's hot path, `GET
 * /v1/sites/<site>/config.json`, on loopback at 50 concurrent keep-alive connections:
 * without and with `If-None-Match` (200 vs 304), and while publishes run. `GET /healthz` is
 * the baseline (the framework's floor on this machine).
 *
 * The registry runs in a child process (`node bin/tagpoint.mjs serve`) so the load generator
 * does not share its event loop; on a 2-core machine both still share the CPU, so absolute
 * figures are a floor, the ratios the point. Scenarios interleave over several rounds and the
 * medians are reported, with the range of req/s across rounds: the spread shows how much other
 * work on the machine moved things.
 *
 * Options: --duration=3 (seconds per scenario and round), --rounds=3, --connections=50, --tags=50 (size of the config),
 * --publish-interval=100 (ms between publishes in the "while publishing" scenarios),
 * --json=path (write the results).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TagConfig } from '../lib/config';
import { createRegistryClient } from '../lib/publish';
import { createStore, openDatabase } from '../lib/server';
import { runLoad, type LoadResult } from './registry.load';

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [k, v = 'true'] = a.replace(/^--/, '').split('=');
    return [k!, v];
  }),
);
const durationMs = Number(args.duration ?? 3) * 1000;
const rounds = Number(args.rounds ?? 3);
const connections = Number(args.connections ?? 50);
const tagCount = Number(args.tags ?? 50);
const publishIntervalMs = Number(args['publish-interval'] ?? 100);

function makeConfig(revisionSalt: number): TagConfig {
  return {
    version: 1,
    site: 'shop',
    revision: 0,
    tags: Array.from({ length: tagCount }, (_, i) => ({
      id: `t${i}`,
      event: `Product ${i} Clicked ${revisionSalt}`,
      trigger: 'click' as const,
      target: { selector: `[data-testid=product-${i}] button.add`, fallbacks: [`#p${i} .add`] },
      pages: [{ match: 'path-prefix' as const, value: '/products/' }],
      properties: [
        { name: 'product', source: 'text' as const, selector: 'h2.title' },
        { name: 'placement', source: 'static' as const, value: 'grid' },
      ],
    })),
  };
}

async function startServer(dbPath: string): Promise<{ url: string; stop(): Promise<void> }> {
  const bin = fileURLToPath(new URL('../bin/tagpoint.mjs', import.meta.url));
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--db', dbPath], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    void exited.then(() => reject(new Error(`registry exited before listening: ${out}`)));
  });
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Publishes every `intervalMs` until stopped; measures each publish's latency. */
function startPublisher(client: ReturnType<typeof createRegistryClient>, intervalMs: number) {
  let running = true;
  const latencies: number[] = [];
  let failures = 0;
  const done = (async () => {
    for (let i = 1; running; i++) {
      const t0 = performance.now();
      const result = await client.publish('shop', makeConfig(i), { message: `bench ${i}` });
      if (result.ok) latencies.push(performance.now() - t0);
      else failures++;
      const wait = intervalMs - (performance.now() - t0);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
  })();
  return {
    async stop() {
      running = false;
      await done;
      latencies.sort((a, b) => a - b);
      return {
        publishes: latencies.length,
        failures,
        p50Ms: latencies[Math.floor(latencies.length / 2)] ?? NaN,
        p99Ms: latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))] ?? NaN,
      };
    },
  };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'tagpoint-bench-'));
  const dbPath = join(dir, 'bench.db');
  const store = createStore(openDatabase(dbPath));
  const token = store.createToken({ site: 'shop', role: 'publisher', label: 'bench' }).token;
  store.close();
  const server = await startServer(dbPath);
  try {
    const client = createRegistryClient({ baseUrl: server.url, token });
    const first = await client.publish('shop', makeConfig(0));
    if (!first.ok) throw new Error(`first publish failed: ${first.error.message}`);
    const configUrl = `${server.url}/v1/sites/shop/config.json`;
    const head = await fetch(configUrl);
    const etag = head.headers.get('etag')!;
    const bodyBytes = (await head.arrayBuffer()).byteLength;

    console.log(`registry bench: ${connections} connections, ${rounds} rounds of ${durationMs / 1000}s per scenario, config of ${tagCount} tags (${bodyBytes} bytes), Node ${process.version}`);
    // Warm up the JIT of both processes on every route measured.
    const warmups: [string, Record<string, string>][] = [[`${server.url}/healthz`, {}], [configUrl, {}], [configUrl, { 'if-none-match': etag }]];
    for (const [url, headers] of warmups) {
      await runLoad({ url, connections, durationMs: 700, headers: () => headers });
    }

    type PublisherStats = Awaited<ReturnType<ReturnType<typeof startPublisher>['stop']>>;
    const runs = new Map<string, { result: LoadResult; publisher?: PublisherStats }[]>();
    const scenario = async (name: string, url: string, headers?: () => Record<string, string>, publishing = false) => {
      const publisher = publishing ? startPublisher(client, publishIntervalMs) : undefined;
      const result = await runLoad({ url, connections, durationMs, headers });
      const list = runs.get(name) ?? [];
      list.push({ result, publisher: await publisher?.stop() });
      runs.set(name, list);
    };

    // The live ETag changes with every publish: clients revalidate with the newest one they saw.
    let liveEtag = etag;
    const tracker = setInterval(async () => {
      const res = await fetch(configUrl, { method: 'HEAD' }).catch(() => undefined);
      liveEtag = res?.headers.get('etag') ?? liveEtag;
    }, 100);
    // Scenarios interleave round after round, so drift from other work on the machine spreads over all of them.
    for (let round = 0; round < rounds; round++) {
      await scenario('GET /healthz (baseline)', `${server.url}/healthz`);
      await scenario('GET config.json', configUrl);
      // The previous round's publishes moved the live version: revalidate against the current one.
      const current = (await fetch(configUrl, { method: 'HEAD' })).headers.get('etag')!;
      await scenario('GET config.json + If-None-Match', configUrl, () => ({ 'if-none-match': current }));
      await scenario('GET config.json, publishing', configUrl, undefined, true);
      await scenario('GET config.json + INM, publishing', configUrl, () => ({ 'if-none-match': liveEtag }), true);
    }
    clearInterval(tracker);

    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const baseline = median(runs.get('GET /healthz (baseline)')!.map((r) => r.result.perSecond));
    console.log('');
    console.log(`medians over ${rounds} rounds (req/s range in brackets)`);
    console.log('scenario                              req/s  [min-max]        x baseline   p50 ms   p99 ms   statuses (all rounds)');
    const rows = [...runs].map(([name, list]) => {
      const perSecond = list.map((r) => r.result.perSecond);
      const statuses: Record<string, number> = {};
      let errors = 0;
      for (const { result } of list) {
        errors += result.errors;
        for (const [code, n] of Object.entries(result.statuses)) statuses[code] = (statuses[code] ?? 0) + n;
      }
      return {
        name,
        perSecond: median(perSecond),
        min: Math.min(...perSecond),
        max: Math.max(...perSecond),
        p50Ms: median(list.map((r) => r.result.p50Ms)),
        p99Ms: median(list.map((r) => r.result.p99Ms)),
        statuses,
        errors,
        publishes: list.flatMap((r) => (r.publisher ? [r.publisher] : [])),
      };
    });
    for (const row of rows) {
      const statuses = Object.entries(row.statuses).map(([code, n]) => `${code}:${n}`).join(' ') + (row.errors ? ` errors:${row.errors}` : '');
      const range = `[${row.min.toFixed(0)}-${row.max.toFixed(0)}]`;
      console.log(
        `${row.name.padEnd(36)} ${row.perSecond.toFixed(0).padStart(6)}  ${range.padEnd(15)}  ${(row.perSecond / baseline).toFixed(2).padStart(10)}   ${row.p50Ms.toFixed(2).padStart(6)}   ${row.p99Ms.toFixed(2).padStart(6)}   ${statuses}`,
      );
    }
    for (const row of rows) {
      if (row.publishes.length === 0) continue;
      const ok = row.publishes.reduce((n, p) => n + p.publishes, 0);
      const failed = row.publishes.reduce((n, p) => n + p.failures, 0);
      console.log(`  publishes during "${row.name}": ${ok} ok, ${failed} failed, median p50 ${median(row.publishes.map((p) => p.p50Ms)).toFixed(1)} ms, median p99 ${median(row.publishes.map((p) => p.p99Ms)).toFixed(1)} ms`);
    }
    if (args.json) writeFileSync(String(args.json), JSON.stringify({ connections, durationMs, rounds, tagCount, bodyBytes, rows }, null, 2));
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
