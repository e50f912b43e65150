import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setImmediate as yieldToRequests } from 'node:timers/promises';
import type { RegistryStore } from './store';

/** The static copy of every published config, for a CDN or object store to serve. */
export interface Mirror {
  /**
   * After a commit: writes `config.<revision>.json` (immutable), then brings `config.json` to the
   * database's live revision (which may be newer than `revision`). Resolves when both are in place.
   */
  write(site: string, revision: number, json: string): Promise<void>;
  /**
   * Brings the folder in line with the database: removes temporary files left by a killed
   * process, rewrites every live `config.json`, then writes missing immutable files in batches,
   * yielding to requests between batches. Meant to run after `listen`, not before.
   */
  repair(): Promise<void>;
  /** Resolves when every write started so far has finished. */
  idle(): Promise<void>;
  /** Stops the background sync and waits for writes. */
  close(): Promise<void>;
}

/** Options of `createMirror`; the registry passes its own (`mirrorRepairBatch`, `mirrorSyncIntervalMs`). */
export interface MirrorOptions {
  /** Immutable files written concurrently per repair batch. Default 50. */
  repairBatch?: number;
  /** Interval of the check for other processes' commits, in ms; 0 = off. Default 1,000. */
  syncIntervalMs?: number;
  /** A `.tmp` file of a process that still runs is left alone unless it is older than this, in ms. Default 10 minutes. */
  staleTempMs?: number;
  /** Called with errors of the background sync (it has no caller to reject). */
  onError?(error: unknown): void;
}

const TEMP_PATTERN = /\.(\d+)\.[0-9a-f]{8}\.tmp$/;

/**
 * Several registry processes may share one mirror folder (and one database). None of them
 * trusts its own idea of "newest": the live `config.json` is always written from the database's
 * live revision, read again right before the rename and again after it. A writer that finds the
 * live revision moved starts over with the new one. So the last rename of any process is
 * followed by a check that sees every commit before it, and a commit after it is followed by
 * its own process's write: at rest, `config.json` is the database's live version. (Renames are
 * atomic; a reader or a sync never sees half a file.)
 *
 * A process killed between its commit and its mirror write leaves the mirror behind; the other
 * processes notice the commit (SQLite's `data_version`) within `syncIntervalMs` and catch up,
 * and a restarted process repairs everything at start.
 */
export function createMirror(dir: string, store: RegistryStore, options: MirrorOptions = {}): Mirror {
  const repairBatch = Math.max(1, options.repairBatch ?? 50);
  const syncIntervalMs = options.syncIntervalMs ?? 1_000;
  const staleTempMs = options.staleTempMs ?? 10 * 60_000;
  const onError = options.onError ?? (() => {});
  /** The live revision this process last put in place per site (a hint for the sync, never trusted for writes). */
  const liveWritten = new Map<string, number>();
  const inFlight = new Set<Promise<unknown>>();

  const track = <T>(work: Promise<T>): Promise<T> => {
    inFlight.add(work);
    const forget = () => inFlight.delete(work);
    work.then(forget, forget);
    return work;
  };

  async function writeImmutable(site: string, revision: number, json: string): Promise<void> {
    await mkdir(join(dir, site), { recursive: true });
    await atomicWrite(join(dir, site, `config.${revision}.json`), json);
  }

  /**
   * `written`: the revision whose immutable file the caller has just written. The live
   * revision may be newer (another process committed meanwhile, and may die before writing
   * its file): its immutable file is written here too, before `config.json` points at it, as
   * `liveWritten` then tells the sync there is nothing left to do for it.
   */
  async function writeLive(site: string, written?: number): Promise<void> {
    const file = join(dir, site, 'config.json');
    await mkdir(join(dir, site), { recursive: true });
    for (let attempt = 0; attempt < 50; attempt++) {
      const live = store.live(site);
      if (!live) return;
      if (live.revision !== written) await writeImmutable(site, live.revision, live.json);
      written = live.revision;
      const temp = tempName(file);
      try {
        await writeFile(temp, live.json, { encoding: 'utf8', flush: true });
        // Compare, then rename: a publish that landed while we wrote makes us start over with it.
        if (store.liveRevision(site) !== live.revision) continue;
        await rename(temp, file);
      } finally {
        await rm(temp, { force: true });
      }
      // Another process may have renamed a newer version just before our older one: check again.
      if (store.liveRevision(site) === live.revision) {
        liveWritten.set(site, live.revision);
        return;
      }
    }
    throw new Error(`the live revision of "${site}" kept moving while the mirror was written; the next sync retries`);
  }

  async function removeStaleTemps(): Promise<void> {
    for (const site of await listDir(dir)) {
      for (const name of await listDir(join(dir, site))) {
        const match = TEMP_PATTERN.exec(name);
        if (!match) continue;
        const file = join(dir, site, name);
        const pid = Number(match[1]);
        // A temp file already gone has age "infinite": removing it again is harmless (force).
        const age = Date.now() - ((await stat(file).catch(() => undefined))?.mtimeMs ?? 0);
        if (pid !== process.pid && (!isRunning(pid) || age > staleTempMs)) await rm(file, { force: true });
      }
    }
  }

  async function repairNow(): Promise<void> {
    await removeStaleTemps();
    const sites = store.liveRevisions();
    // Live files first: they are what pages load.
    for (const { site } of sites) await writeLive(site);
    for (const { site } of sites) {
      const present = new Set(await listDir(join(dir, site)));
      const missing = store.revisions(site).filter((revision) => !present.has(`config.${revision}.json`));
      for (let i = 0; i < missing.length; i += repairBatch) {
        await Promise.all(
          missing.slice(i, i + repairBatch).map(async (revision) => {
            const version = store.getVersion(site, revision);
            if (version) await writeImmutable(site, revision, version.json);
          }),
        );
        // Bounded work between turns of the event loop: requests keep being answered.
        await yieldToRequests();
      }
    }
  }

  let seenDataVersion = store.dataVersion();
  let syncing = false;
  async function syncNow(): Promise<void> {
    const dataVersion = store.dataVersion();
    if (dataVersion === seenDataVersion) return;
    seenDataVersion = dataVersion;
    for (const { site, revision } of store.liveRevisions()) {
      if (liveWritten.get(site) === revision) continue;
      const version = store.getVersion(site, revision);
      if (version) await writeImmutable(site, revision, version.json);
      await writeLive(site, version ? revision : undefined);
    }
  }
  const timer =
    syncIntervalMs > 0
      ? setInterval(() => {
          if (syncing) return;
          syncing = true;
          void track(syncNow())
            .catch((error) => {
              seenDataVersion = -1; // try again next tick
              onError(error);
            })
            .finally(() => (syncing = false));
        }, syncIntervalMs)
      : undefined;
  timer?.unref();

  return {
    write: (site, revision, json) =>
      track(
        (async () => {
          await writeImmutable(site, revision, json);
          await writeLive(site, revision);
        })(),
      ),
    repair: () => track(repairNow()),
    idle: async () => {
      while (inFlight.size) await Promise.allSettled([...inFlight]);
    },
    async close() {
      if (timer) clearInterval(timer);
      while (inFlight.size) await Promise.allSettled([...inFlight]);
    },
  };
}

function tempName(file: string): string {
  return `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
}

async function atomicWrite(file: string, content: string): Promise<void> {
  const temp = tempName(file);
  try {
    await writeFile(temp, content, { encoding: 'utf8', flush: true });
    await rename(temp, file);
  } finally {
    await rm(temp, { force: true });
  }
}

async function listDir(path: string): Promise<string[]> {
  try {
    return await readdir(path);
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT' || (error as { code?: string }).code === 'ENOTDIR') return [];
    throw error;
  }
}

/** True when a process with this id exists on this machine (EPERM: it exists, owned by someone else). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}
