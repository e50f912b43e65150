import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TagConfig } from '../config';
import { z } from '../config/zod';
import { createRegistryClient } from '../publish';
import { createRegistry, type Registry } from '../server';
import { createCollector, type Collector } from './collector';
import { PortInUseError } from './http-util';
import { demoSeedConfig } from './seed-config';
import { createShopServer, type ShopServer } from './shop-server';

/** Default ports of `npm start`: registry, shop, collector (`--port-base` shifts all three). */
export const DEMO_DEFAULT_PORTS = { registry: 8787, shop: 8788, collector: 8789 } as const;

/** Options of `startDemoStack`. */
export interface DemoStackOptions {
  /** Interface of every server. Default `127.0.0.1`. */
  host?: string;
  /** Ports; 0 picks a free one. Default DEMO_DEFAULT_PORTS. */
  ports?: { registry?: number; shop?: number; collector?: number };
  /** Holds the SQLite file (`tagpoint.db`) and `demo.json` (site and publisher token). Default `./data`. */
  dataDir?: string;
  /** The registry's site id of the shop. Default `demo`. */
  siteId?: string;
  /** Published when the site has no live config yet. Default `demoSeedConfig(siteId)`; `null` publishes nothing. */
  seedConfig?: TagConfig | null;
  /** Runtime bundle the registry serves at `/tagpoint.js`. Default: the registry's (`.output/runtime/tagpoint.js`). */
  runtimeBundlePath?: string;
  /** Events the collector keeps. Default 500. */
  maxEvents?: number;
  /** Progress lines. Default: none. */
  log?: (line: string) => void;
}

/** What `demo.json` holds: the demo site and its publisher token (the registry stores only the token's hash). */
export const DemoStateSchema = z.strictObject({
  site: z.string(),
  token: z.string().min(1),
  createdAt: z.string(),
});
export type DemoState = z.infer<typeof DemoStateSchema>;

/** The running demo: registry, collector and shop. */
export interface DemoStack {
  registry: Registry;
  registryUrl: string;
  collector: Collector;
  shop: ShopServer;
  siteId: string;
  /** Publisher token of the demo site. */
  token: string;
  /** True when this start created the token (first run, or the database was reset). */
  createdToken: boolean;
  /** The revision the seed config was published as, when this start published it. */
  seededRevision: number | undefined;
  /** Stops the shop, the collector and the registry (in that order). Safe to call twice. */
  stop(): Promise<void>;
}

function readState(file: string): DemoState | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const parsed = DemoStateSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    // A state file that is not JSON is treated as absent: the demo starts fresh.
    return undefined;
  }
}

/**
 * Starts the demo stack in this process: the registry (SQLite file under `dataDir`), the
 * collector and the demo shop, all on 127.0.0.1. On first run it creates a publisher token
 * for the demo site (kept in `dataDir/demo.json`) and publishes `seedConfig`, so events
 * arrive before anyone tags anything. A busy port rejects with PortInUseError; whatever had
 * started is stopped again.
 */
export async function startDemoStack(options: DemoStackOptions = {}): Promise<DemoStack> {
  const host = options.host ?? '127.0.0.1';
  const ports = { ...DEMO_DEFAULT_PORTS, ...options.ports };
  const dataDir = path.resolve(options.dataDir ?? 'data');
  const siteId = options.siteId ?? 'demo';
  const log = options.log ?? (() => {});
  const stoppers: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    // Stopping everything: one part failing to stop must not keep the others running.
    for (const stop of stoppers.splice(0).reverse()) await stop().catch(() => {});
  };

  try {
    mkdirSync(dataDir, { recursive: true });
    const registry = createRegistry({
      host,
      port: ports.registry,
      dbPath: path.join(dataDir, 'tagpoint.db'),
      // A publish should show on the next page load of the demo, not a minute later.
      cacheMaxAge: 0,
      ...(options.runtimeBundlePath ? { runtimeBundlePath: options.runtimeBundlePath } : {}),
    });
    stoppers.push(() => registry.close());
    let registryUrl: string;
    try {
      registryUrl = await registry.listen();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new PortInUseError('registry', ports.registry, host);
      throw error;
    }
    log(`registry   ${registryUrl}  (database ${path.join(dataDir, 'tagpoint.db')})`);

    const stateFile = path.join(dataDir, 'demo.json');
    let state = readState(stateFile);
    let createdToken = false;
    if (!state || state.site !== siteId || !registry.store.findToken(state.token)) {
      const created = registry.store.createToken({ site: siteId, role: 'publisher', label: 'demo publisher (npm start)' });
      state = { site: siteId, token: created.token, createdAt: new Date().toISOString() };
      // The token is a secret, if only a local one: readable by its owner only.
      writeFileSync(stateFile, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
      createdToken = true;
      log(`created site "${siteId}" and a publisher token (kept in ${stateFile})`);
    }

    let seededRevision: number | undefined;
    const seed = options.seedConfig === undefined ? demoSeedConfig(siteId) : options.seedConfig;
    if (seed && !registry.store.live(siteId)) {
      const client = createRegistryClient({ baseUrl: registryUrl, token: state.token });
      const published = await client.publish(siteId, { ...seed, site: siteId }, { message: 'Seed config from npm start' });
      if (!published.ok) throw new Error(`publishing the seed config failed: ${published.error.message}`);
      seededRevision = published.value.revision;
      log(`published the seed config as revision ${seededRevision} (${seed.tags.length} tags)`);
    }

    const collector = await createCollector({ host, port: ports.collector, maxEvents: options.maxEvents });
    stoppers.push(() => collector.stop());
    log(`collector  ${collector.url}`);

    const shop = await createShopServer({ host, port: ports.shop, registryUrl, collectorUrl: collector.url, siteId });
    stoppers.push(() => shop.stop());
    log(`shop       ${shop.url}`);

    return {
      registry,
      registryUrl,
      collector,
      shop,
      siteId,
      token: state.token,
      createdToken,
      seededRevision,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
