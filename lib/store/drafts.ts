import { browser } from 'wxt/browser';
import { parseTag } from '../config/parse';
import type { ConfigError, Tag } from '../config/types';
import { MAX_TAGS } from '../config/limits';
import { createKeyWatcher, type StorageChangedEvent } from './key-watcher';
import { planMigration } from './migrate';
import { SITE_KEY_PREFIX, StoredSiteSchema, siteKey, type StoredSite } from './schema';

/** The subset of `storage.StorageArea` the store uses (so tests can pass another area). */
export interface StorageAreaLike {
  get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

/** A stored tag that no longer validates, kept so it is not silently lost. */
export interface InvalidDraft {
  index: number;
  raw: unknown;
  errors: ConfigError[];
}

/** One site's drafts as the editor sees them. */
export interface SiteDrafts {
  site: string;
  revision: number;
  tags: Tag[];
  invalid: InvalidDraft[];
  updatedAt: number;
  /** The live revision the drafts stand on (StoredSiteSchema's `basedOn`). */
  basedOn?: number;
}

/** Options of `createDraftStore`. */
export interface DraftStoreOptions {
  /** Where drafts live. Default: `browser.storage.local` (survives browser restarts). */
  area?: StorageAreaLike;
  /** Change notifications. Default: `browser.storage.onChanged` for the `local` area. */
  onChanged?: StorageChangedEvent;
  /** Area name whose changes `subscribe` follows. Default `'local'`. */
  areaName?: string;
}

/** Drafts per site in extension storage. */
export interface DraftStore {
  /** Migrates the storage layout once (every other method waits for it). */
  ready(): Promise<void>;
  getSite(site: string): Promise<SiteDrafts>;
  /** Inserts the tag, or replaces the one with its id. Validated with `parseTag` first. */
  saveTag(site: string, tag: unknown): Promise<{ ok: true; site: SiteDrafts; tag: Tag } | { ok: false; errors: ConfigError[] }>;
  /** Removes a tag; returns it and where it was, for undo. */
  deleteTag(site: string, tagId: string): Promise<{ site: SiteDrafts; removed?: { tag: Tag; index: number } }>;
  /** Puts a removed tag back at its index (undo). */
  restoreTag(site: string, tag: Tag, index: number): Promise<SiteDrafts>;
  /**
   * Replaces every tag of a site (import, pull). Tags must be valid already. `basedOn`: the
   * live revision they come from (a pull); an import leaves what the drafts stood on.
   */
  replaceTags(site: string, tags: Tag[], options?: { basedOn?: number }): Promise<SiteDrafts>;
  /**
   * Starts a site's drafts from the live config: only when they are empty and never met the
   * registry, so nothing typed is overwritten (checked inside the write queue). True when applied.
   */
  startFromLive(site: string, tags: Tag[], revision: number): Promise<{ applied: boolean; site: SiteDrafts }>;
  /** The drafts were published as `revision`: they now stand on it. */
  markPublished(site: string, revision: number): Promise<SiteDrafts>;
  /** Calls `listener` whenever the site's drafts change in storage (from any extension page). */
  subscribe(site: string, listener: (site: SiteDrafts) => void): () => void;
  /**
   * The site's drafts now and after every change: reads them, then follows `subscribe`. A read
   * that fails goes to `onError` (default: dropped with the read). Returns the disposer; no
   * call comes after it.
   */
  follow(site: string, listener: (site: SiteDrafts) => void, onError?: (error: unknown) => void): () => void;
  /** Site ids with drafts. */
  listSites(): Promise<string[]>;
  dispose(): void;
}

/** A fresh tag id: `t` and 10 random base-36 characters. */
export function newTagId(): string {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return `t${[...bytes].map((b) => (b % 36).toString(36)).join('')}${Date.now().toString(36).slice(-2)}`;
}

function toDrafts(site: string, stored: StoredSite | undefined): SiteDrafts {
  const tags: Tag[] = [];
  const invalid: InvalidDraft[] = [];
  (stored?.tags ?? []).forEach((raw, index) => {
    const parsed = parseTag(raw);
    if (parsed.ok) tags.push(parsed.tag);
    else invalid.push({ index, raw, errors: parsed.errors });
  });
  return { site, revision: stored?.revision ?? 0, tags, invalid, updatedAt: stored?.updatedAt ?? 0, ...(stored?.basedOn !== undefined ? { basedOn: stored.basedOn } : {}) };
}

/** Creates the draft store. Nothing is read until the first call. */
export function createDraftStore(options: DraftStoreOptions = {}): DraftStore {
  const area: StorageAreaLike = options.area ?? (browser.storage.local as unknown as StorageAreaLike);
  const watcher = createKeyWatcher(options.onChanged ?? browser.storage.onChanged, options.areaName ?? 'local');
  let migrated: Promise<void> | undefined;
  // Writes are serialised so two quick edits cannot lose each other (read-modify-write).
  let queue: Promise<unknown> = Promise.resolve();

  function ready(): Promise<void> {
    migrated ??= (async () => {
      const snapshot = await area.get(null);
      const plan = planMigration(snapshot);
      if (!plan.ok) throw new Error(plan.error);
      if (Object.keys(plan.patch.set).length > 0) await area.set(plan.patch.set);
      if (plan.patch.remove.length > 0) await area.remove(plan.patch.remove);
    })();
    return migrated;
  }

  async function readStored(site: string): Promise<StoredSite | undefined> {
    await ready();
    const key = siteKey(site);
    const raw = (await area.get(key))[key];
    if (raw === undefined) return undefined;
    const parsed = StoredSiteSchema.safeParse(raw);
    return parsed.success ? parsed.data : undefined;
  }

  function mutate<T>(site: string, change: (stored: StoredSite) => T): Promise<{ stored: StoredSite; result: T }> {
    const run = queue.then(async () => {
      const stored: StoredSite = (await readStored(site)) ?? { site, revision: 0, tags: [], updatedAt: 0 };
      const next: StoredSite = { ...stored, tags: [...stored.tags] };
      const result = change(next);
      next.revision = stored.revision + 1;
      next.updatedAt = Date.now();
      await area.set({ [siteKey(site)]: next });
      return { stored: next, result };
    });
    // The queue only orders the writes; the caller gets this write's failure from `run`.
    queue = run.catch(() => undefined);
    return run;
  }

  const store: DraftStore = {
    ready,
    async getSite(site) {
      return toDrafts(site, await readStored(site));
    },
    async saveTag(site, input) {
      const parsed = parseTag(input);
      if (!parsed.ok) return { ok: false, errors: parsed.errors };
      const tag = parsed.tag;
      const { stored } = await mutate(site, (s) => {
        const index = s.tags.findIndex((t) => (t as { id?: unknown })?.id === tag.id);
        if (index >= 0) s.tags[index] = tag;
        else if (s.tags.length >= MAX_TAGS) throw new Error(`a site holds at most ${MAX_TAGS} tags`);
        else s.tags.push(tag);
      });
      return { ok: true, site: toDrafts(site, stored), tag };
    },
    async deleteTag(site, tagId) {
      const { stored, result } = await mutate(site, (s) => {
        const index = s.tags.findIndex((t) => (t as { id?: unknown })?.id === tagId);
        if (index < 0) return undefined;
        const [raw] = s.tags.splice(index, 1);
        const parsed = parseTag(raw);
        return parsed.ok ? { tag: parsed.tag, index } : undefined;
      });
      return { site: toDrafts(site, stored), removed: result };
    },
    async restoreTag(site, tag, index) {
      const { stored } = await mutate(site, (s) => {
        if (s.tags.some((t) => (t as { id?: unknown })?.id === tag.id)) return;
        s.tags.splice(Math.min(Math.max(index, 0), s.tags.length), 0, tag);
      });
      return toDrafts(site, stored);
    },
    async replaceTags(site, tags, replaceOptions = {}) {
      const { stored } = await mutate(site, (s) => {
        s.tags = [...tags];
        if (replaceOptions.basedOn !== undefined) s.basedOn = replaceOptions.basedOn;
      });
      return toDrafts(site, stored);
    },
    async startFromLive(site, tags, revision) {
      const { stored, result } = await mutate(site, (s) => {
        if (s.tags.length > 0 || s.basedOn !== undefined) return false;
        s.tags = [...tags];
        s.basedOn = revision;
        return true;
      });
      return { applied: result, site: toDrafts(site, stored) };
    },
    async markPublished(site, revision) {
      const { stored } = await mutate(site, (s) => {
        s.basedOn = revision;
      });
      return toDrafts(site, stored);
    },
    subscribe(site, listener) {
      return watcher.watch(siteKey(site), (newValue) => {
        const parsed = StoredSiteSchema.safeParse(newValue);
        listener(toDrafts(site, parsed.success ? parsed.data : undefined));
      });
    },
    follow(site, listener, onError) {
      let live = true;
      void store.getSite(site).then(
        (drafts) => live && listener(drafts),
        (error: unknown) => live && onError?.(error),
      );
      const stop = store.subscribe(site, (drafts) => live && listener(drafts));
      return () => {
        live = false;
        stop();
      };
    },
    async listSites() {
      await ready();
      const all = await area.get(null);
      return Object.keys(all)
        .filter((k) => k.startsWith(SITE_KEY_PREFIX))
        .map((k) => k.slice(SITE_KEY_PREFIX.length))
        .sort();
    },
    dispose() {
      watcher.dispose();
    },
  };
  return store;
}
