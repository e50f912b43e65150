import { randomBytes } from 'node:crypto';
import { access, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RegistryStore } from './store';

/** The static copy of every published config, for a CDN or object store to serve. */
export interface Mirror {
  /** Writes `config.<revision>.json` (immutable) then the live `config.json`; resolves when both are in place. */
  write(site: string, revision: number, json: string): Promise<void>;
  /** Brings the folder in line with the database: live files and any missing immutable ones. */
  repair(store: RegistryStore): Promise<void>;
  /** Resolves when every write started so far has finished. */
  idle(): Promise<void>;
}

/**
 * Files are written to a temporary name and renamed into place, so a reader (or a sync to
 * object storage) never sees half a file. Writes run one after another: the live file of a
 * site always ends as the newest revision, even when two publishes land together.
 */
export function createMirror(dir: string): Mirror {
  let chain: Promise<void> = Promise.resolve();
  const liveWritten = new Map<string, number>();

  async function writeNow(site: string, revision: number, json: string): Promise<void> {
    const folder = join(dir, site);
    await mkdir(folder, { recursive: true });
    await atomicWrite(join(folder, `config.${revision}.json`), json);
    if ((liveWritten.get(site) ?? 0) <= revision) {
      await atomicWrite(join(folder, 'config.json'), json);
      liveWritten.set(site, revision);
    }
  }

  function enqueue(task: () => Promise<void>): Promise<void> {
    const run = chain.then(task);
    // A failed write must not block the next ones; the caller still sees its own failure.
    chain = run.catch(() => undefined);
    return run;
  }

  return {
    write: (site, revision, json) => enqueue(() => writeNow(site, revision, json)),
    repair: (store) =>
      enqueue(async () => {
        for (const site of store.liveSites()) {
          for (const summary of store.listVersions(site)) {
            const file = join(dir, site, `config.${summary.revision}.json`);
            if (await exists(file)) continue;
            const version = store.getVersion(site, summary.revision);
            if (version) {
              await mkdir(join(dir, site), { recursive: true });
              await atomicWrite(file, version.json);
            }
          }
          const live = store.live(site);
          if (live) {
            await atomicWrite(join(dir, site, 'config.json'), live.json);
            liveWritten.set(site, live.revision);
          }
        }
      }),
    idle: () => chain,
  };
}

async function atomicWrite(file: string, content: string): Promise<void> {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temp, content, { encoding: 'utf8', flush: true });
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
