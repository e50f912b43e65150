import { createHash } from 'node:crypto';
import type { RegistryStore } from './store';

/** The live config of a site, ready to send. */
export interface LiveEntry {
  revision: number;
  body: string;
  /** Strong validator: revision plus a content hash, so a rebuilt database never reuses an old tag. */
  etag: string;
}

/** Options of `createLiveCache`. */
export interface LiveCacheOptions {
  /** Most sites kept; the cache is emptied when full. Default 10,000. */
  maxEntries?: number;
}

/**
 * Keeps each site's live config serialized with its ETag, so the hot `GET config.json` costs
 * one map lookup. A publish through this registry invalidates its site; a publish through
 * another process on the same file changes SQLite's `data_version`, which empties the cache.
 */
export function createLiveCache(store: RegistryStore, options: LiveCacheOptions = {}) {
  const maxEntries = options.maxEntries ?? 10_000;
  const entries = new Map<string, LiveEntry>();
  let seen = store.dataVersion();

  return {
    get(site: string): LiveEntry | undefined {
      const dataVersion = store.dataVersion();
      if (dataVersion !== seen) {
        entries.clear();
        seen = dataVersion;
      }
      const cached = entries.get(site);
      if (cached) return cached;
      const live = store.live(site);
      // Misses are not cached: any caller could fill the map with made-up site ids.
      if (!live) return undefined;
      const entry = { revision: live.revision, body: live.json, etag: etagOf(live.revision, live.json) };
      if (entries.size >= maxEntries) entries.clear();
      entries.set(site, entry);
      return entry;
    },
    invalidate(site: string): void {
      entries.delete(site);
    },
  };
}

/** `"<revision>-<16 hex of sha256>"`. */
export function etagOf(revision: number | string, body: string | Buffer): string {
  return `"${revision}-${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
}

/** True when an `If-None-Match` header names `etag` (weak comparison, as RFC 9110 asks for GET). */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((candidate) => {
    const tag = candidate.trim();
    return tag === '*' || tag.replace(/^W\//, '') === bare;
  });
}
