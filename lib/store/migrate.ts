import { siteIdForUrl } from './site-id';
import { SCHEMA_KEY, SITE_KEY_PREFIX, STORE_SCHEMA_VERSION, siteKey, type StoredSite } from './schema';

/** A snapshot of the extension's `storage.local` (or the part Tagpoint owns). */
export type StorageSnapshot = Record<string, unknown>;

/** What a migration changes: keys to write and keys to remove. */
export interface StoragePatch {
  set: Record<string, unknown>;
  remove: string[];
}

/** The outcome of planning migrations from a snapshot. */
export type MigrationPlan =
  | { ok: true; from: number; patch: StoragePatch }
  | { ok: false; error: string };

/**
 * Layout 1 (the first preview builds) kept one array of tags per origin under
 * `drafts:<origin>`. Layout 2 keys records by site id (ports and `www.` folded together)
 * and carries a revision. Each step maps a snapshot of version N to the patch giving N+1.
 */
const STEPS: Record<number, (snapshot: StorageSnapshot) => StoragePatch> = {
  1: (snapshot) => {
    const set: Record<string, StoredSite> = {};
    const remove: string[] = [];
    for (const [key, value] of Object.entries(snapshot)) {
      if (!key.startsWith('drafts:')) continue;
      remove.push(key);
      const site = legacySiteId(key.slice('drafts:'.length));
      if (!site || !Array.isArray(value)) continue;
      const existing = set[siteKey(site)] ?? (snapshot[siteKey(site)] as StoredSite | undefined);
      set[siteKey(site)] = {
        site,
        revision: (existing?.revision ?? 0) + 1,
        tags: [...(existing?.tags ?? []), ...value],
        updatedAt: Date.now(),
      };
    }
    return { set, remove };
  },
};

function legacySiteId(origin: string): string | undefined {
  return siteIdForUrl(origin);
}

/** The layout version of a snapshot: stored key, or 1 when there is data but no key, or current when empty. */
export function snapshotVersion(snapshot: StorageSnapshot): number {
  const stored = snapshot[SCHEMA_KEY];
  if (typeof stored === 'number') return stored;
  const hasData = Object.keys(snapshot).some((k) => k.startsWith('drafts:') || k.startsWith(SITE_KEY_PREFIX));
  return hasData ? 1 : STORE_SCHEMA_VERSION;
}

/**
 * Plans the migrations that bring a snapshot to STORE_SCHEMA_VERSION. A snapshot from a
 * newer build is refused rather than rewritten, so downgrading never destroys drafts.
 */
export function planMigration(snapshot: StorageSnapshot): MigrationPlan {
  const from = snapshotVersion(snapshot);
  if (from > STORE_SCHEMA_VERSION) {
    return { ok: false, error: `storage was written by a newer Tagpoint (layout ${from}); update the extension` };
  }
  let current = { ...snapshot };
  const set: Record<string, unknown> = {};
  const remove = new Set<string>();
  for (let version = from; version < STORE_SCHEMA_VERSION; version++) {
    const step = STEPS[version];
    if (!step) return { ok: false, error: `no migration from storage layout ${version}` };
    const patch = step(current);
    for (const key of patch.remove) {
      remove.add(key);
      delete set[key];
      delete current[key];
    }
    Object.assign(set, patch.set);
    current = { ...current, ...patch.set };
    for (const key of Object.keys(patch.set)) remove.delete(key);
  }
  if (snapshot[SCHEMA_KEY] !== STORE_SCHEMA_VERSION) set[SCHEMA_KEY] = STORE_SCHEMA_VERSION;
  return { ok: true, from, patch: { set, remove: [...remove] } };
}
