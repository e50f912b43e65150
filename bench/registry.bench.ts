/**
 * `npm run bench:registry`: throughput and latency of the registry's hot path, `GET
 * /v1/sites/<site>/config.json`, on loopback at 50 concurrent keep-alive connections:
 * without and with `If-None-Match` (200 vs 304), and while publishes run; and health beacon
 * ingest, `POST /v1/sites/<site>/health` (text/plain, as navigator.sendBeacon sends it), alone
 * and with config GETs beside it (their latency while beacons flow). `GET /healthz` is the
 * baseline (the framework's floor on this machine).
 *
 * The registry runs in a child process (`node bin/tagpoint.mjs serve`) so the load generator
 * does not share its event loop; on a 2-core machine both still share the CPU, so absolute
 * figures are a floor, the ratios the point. Scenarios interleave over several rounds and the
 * medians are reported, with the range of req/s across rounds: the spread shows how much other
 * work on the machine moved things.
 *
 * Options: --duration=3 (seconds per scenario and round), --rounds=3, --connections=50, --tags=50 (size of the config),
 * --publish-interval=100 (ms between publishes in the "while publishing" scenarios),
 * --beacon-tags=20 (tags per health beacon), --beside=10 (connections of config GETs beside the beacons),
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
const beaconTags = Math.min(tagCount, Number(args['beacon-tags'] ?? 20));
const beside = Number(args.beside ?? 10);
const STATES = ['found', 'found', 'found', 'relocated', 'absent'] as const;
/** A beacon as a page sends it; a different mix of states each time. */
function beaconBody(i: number): string {
  return JSON.stringify({
    v: 1,
    site: 'shop',
    revision: beaconRevision,
    path: '/products/:id',
    sample: 1,
    tags: Array.from({ length: beaconTags }, (_, t) => ({ id: `t${t}`, state: STATES[(i + t) % STATES.length], events: (i + t) % 3 })),
  });
}
let beaconCount = 0;
/** The live revision, which beacons name (publishing scenarios move it). */
let beaconRevision = 1;
const beaconLoad = (url: string, durationMs: number, connectionCount = connections) =>
  runLoad({ url, connections: connectionCount, durationMs, method: 'POST', headers: () => ({ 'content-type': 'text/plain;charset=UTF-8' }), body: () => beaconBody(beaconCount++) });

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
  // No per-client beacon limit: every beacon of the bench comes from 127.0.0.1.
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--db', dbPath, '--health-rate-limit', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
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

    const healthUrl = `${server.url}/v1/sites/shop/health`;
    console.log(
      `registry bench: ${connections} connections, ${rounds} rounds of ${durationMs / 1000}s per scenario, config of ${tagCount} tags (${bodyBytes} bytes), beacons of ${beaconTags} tags (${beaconBody(0).length} bytes), Node ${process.version}`,
    );
    // Warm up the JIT of both processes on every route measured.
    const warmups: [string, Record<string, string>][] = [[`${server.url}/healthz`, {}], [configUrl, {}], [configUrl, { 'if-none-match': etag }]];
    for (const [url, headers] of warmups) {
      await runLoad({ url, connections, durationMs: 700, headers: () => headers });
    }
    await beaconLoad(healthUrl, 700);

    type PublisherStats = Awaited<ReturnType<ReturnType<typeof startPublisher>['stop']>>;
    const runs = new Map<string, { result: LoadResult; publisher?: PublisherStats }[]>();
    const record = (name: string, result: LoadResult) => {
      const list = runs.get(name) ?? [];
      list.push({ result });
      runs.set(name, list);
    };
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
      // Beacons name the live revision, as pages that loaded it do (the publishing scenarios moved it).
      beaconRevision = Number(/^"(\d+)-/.exec((await fetch(configUrl, { method: 'HEAD' })).headers.get('etag')!)![1]);
      record(`POST /health (${beaconTags} tags)`, await beaconLoad(healthUrl, durationMs));
      const [beacons, gets] = await Promise.all([
        beaconLoad(healthUrl, durationMs, Math.max(1, connections - beside)),
        runLoad({ url: configUrl, connections: beside, durationMs }),
      ]);
      record(`POST /health, ${beside} conns of config GETs beside`, beacons);
      record(`GET config.json (${beside} conns) beside beacons`, gets);
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
    // The beacons were counted, not only answered: the health report's samples of one tag.
    const report = await client.tagHealth('shop', { since: '1d' });
    if (report.ok) {
      const samples = report.value.tags.reduce((n, t) => n + t.samples, 0);
      console.log(`  health report after the run: ${samples} tag entries counted over ${report.value.tags.length} live tags (tags of the live revision only)`);
    } else {
      console.log(`  health report failed: ${report.error.message}`);
    }
    if (args.json) writeFileSync(String(args.json), JSON.stringify({ connections, durationMs, rounds, tagCount, bodyBytes, rows }, null, 2));
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
