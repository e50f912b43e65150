import type { Beacon } from '../../health/beacon';
import { generalizePath } from '../../health/path';
import type { BeaconAccepted } from '../../publish/schemas';
import type { HealthCounterRow } from '../publish-tx.mjs';

/** Options of `createHealthAggregator` (the registry passes its `health*` options). */
export interface HealthAggregatorOptions {
  /** Length of a counter bucket, in seconds. Default 3,600. */
  bucketSeconds?: number;
  /** Beacons are counted for the live revision and the `revisionWindow - 1` before it; older or newer ones are ignored. Default 5. */
  revisionWindow?: number;
  /** How often counters are flushed to the store, in ms. Default 1,000. */
  flushIntervalMs?: number;
  /** Most counter rows held in memory; one more starts a flush at once. Default 50,000. */
  maxPendingRows?: number;
  /** Rows older than this are deleted at flushes, in seconds. Default 30 days. */
  retentionSeconds?: number;
  /** Clock, epoch ms (tests). */
  now?: () => number;
}

/** What the aggregator needs from the registry. */
export interface HealthSources {
  /** The site's live revision; 0 when nothing is published (then every beacon is ignored). */
  liveRevision(site: string): number;
  /** Tag ids of a published revision; undefined when there is no such revision. */
  tagIds(site: string, revision: number): ReadonlySet<string> | undefined;
  /** Stores a batch additively (the writer thread). */
  write(rows: readonly HealthCounterRow[], retainFrom: number | undefined): Promise<void>;
  /** After a batch was stored, with the sites in it (alerts look at them). */
  onFlushed?(sites: ReadonlySet<string>): void | Promise<void>;
  onError?(error: unknown): void;
}

export interface HealthAggregator {
  /** Counts one beacon (already schema-valid and for this site) into the current bucket. */
  ingest(beacon: Beacon): BeaconAccepted;
  /** Stores what is pending; resolves when it is stored. */
  flush(): Promise<void>;
  /** Rows waiting in memory. */
  pendingRows(): number;
  /** Stops the timer and flushes. */
  close(): Promise<void>;
}

/**
 * Beacons are counted in memory per (site, tag, bucket, revision) and flushed in one
 * transaction per interval, off the main thread: a beacon costs a few map updates, never a
 * disk write. Memory and the store stay bounded whatever clients send: only published sites,
 * tags of the beacon's revision, revisions in the window and the server's current bucket make
 * a row, and rows past the retention are deleted.
 */
export function createHealthAggregator(sources: HealthSources, options: HealthAggregatorOptions = {}): HealthAggregator {
  const bucketSeconds = options.bucketSeconds ?? 3_600;
  const revisionWindow = Math.max(1, options.revisionWindow ?? 5);
  const flushIntervalMs = options.flushIntervalMs ?? 1_000;
  const maxPendingRows = Math.max(1, options.maxPendingRows ?? 50_000);
  const retentionSeconds = options.retentionSeconds ?? 30 * 24 * 3600;
  const now = options.now ?? Date.now;
  const onError = sources.onError ?? (() => {});

  let pending = new Map<string, HealthCounterRow>();
  let flushing: Promise<void> = Promise.resolve();
  let lastPrune = 0;

  function take(): HealthCounterRow[] {
    const rows = [...pending.values()];
    pending = new Map();
    return rows;
  }

  function merge(rows: readonly HealthCounterRow[]): void {
    for (const row of rows) {
      const key = keyOf(row.site, row.tag, row.bucket, row.revision);
      const into = pending.get(key);
      if (!into) {
        if (pending.size < maxPendingRows) pending.set(key, row);
        continue;
      }
      into.samples += row.samples;
      into.found += row.found;
      into.relocated += row.relocated;
      into.ambiguous += row.ambiguous;
      into.absent += row.absent;
      into.events += row.events;
      into.lastFound = Math.max(into.lastFound ?? 0, row.lastFound ?? 0) || null;
      into.absentPath ??= row.absentPath;
    }
  }

  function flush(): Promise<void> {
    flushing = flushing.then(async () => {
      const rows = take();
      if (rows.length === 0) return;
      const nowMs = now();
      let retainFrom: number | undefined;
      if (nowMs - lastPrune > 60_000) {
        lastPrune = nowMs;
        retainFrom = Math.floor((nowMs / 1000 - retentionSeconds) / bucketSeconds) * bucketSeconds;
      }
      try {
        await sources.write(rows, retainFrom);
      } catch (error) {
        merge(rows); // kept for the next flush instead of lost
        onError(error);
        return;
      }
      try {
        await sources.onFlushed?.(new Set(rows.map((row) => row.site)));
      } catch (error) {
        onError(error);
      }
    });
    return flushing;
  }

  const timer = flushIntervalMs > 0 ? setInterval(() => void flush(), flushIntervalMs) : undefined;
  timer?.unref();

  return {
    ingest(beacon) {
      const site = beacon.site;
      const live = sources.liveRevision(site);
      const revision = beacon.revision;
      const ids = live > 0 && revision <= live && revision > live - revisionWindow ? sources.tagIds(site, revision) : undefined;
      if (!ids) return { accepted: 0, ignored: beacon.tags.length };
      const nowMs = now();
      const bucket = Math.floor(nowMs / 1000 / bucketSeconds) * bucketSeconds;
      const weight = 1 / beacon.sample;
      const path = generalizePath(beacon.path);
      const counted = new Set<string>();
      let accepted = 0;
      for (const tag of beacon.tags) {
        // A tag counts once per beacon: repeating it must not weigh a page view more.
        if (!ids.has(tag.id) || counted.has(tag.id)) continue;
        counted.add(tag.id);
        const key = keyOf(site, tag.id, bucket, revision);
        let row = pending.get(key);
        if (!row) {
          if (pending.size >= maxPendingRows) void flush();
          row = { site, tag: tag.id, bucket, revision, samples: 0, found: 0, relocated: 0, ambiguous: 0, absent: 0, events: 0, lastFound: null, absentPath: null };
          pending.set(key, row);
        }
        row.samples += 1;
        row[tag.state] += weight;
        row.events += tag.events * weight;
        if (tag.state === 'found' || tag.state === 'relocated') row.lastFound = nowMs;
        else if (tag.state === 'absent') row.absentPath = path;
        accepted++;
      }
      return { accepted, ignored: beacon.tags.length - accepted };
    },
    flush,
    pendingRows: () => pending.size,
    async close() {
      if (timer) clearInterval(timer);
      await flush();
    },
  };
}

function keyOf(site: string, tag: string, bucket: number, revision: number): string {
  // Neither a site id nor a tag id can contain a space.
  return `${site} ${tag} ${bucket} ${revision}`;
}
