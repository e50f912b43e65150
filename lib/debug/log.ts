/**
 * The extension's debug log: failures that have no user-facing place (a message to a tab
 * whose content script is gone, a storage write, a broadcast nobody listens to) are recorded
 * here instead of being dropped, so QA can export them from the side panel and attach them to
 * a report. Bounded (newest `maxEntries` kept, messages capped) and local: it holds error
 * messages and where they happened, never page content, and leaves the machine only when the
 * user exports it. Every extension context (background, side panel, popup, content scripts)
 * writes to the same `storage.local` key, which content scripts can reach too.
 */
import { browser } from 'wxt/browser';
import type { StorageAreaLike } from '../store/drafts';

/** One recorded failure. */
export interface DebugLogEntry {
  /** When, in ms since the epoch. */
  time: number;
  /** Where: the context and the operation (`background: open side panel`). */
  where: string;
  message: string;
}

/** The storage key of the log. */
export const DEBUG_LOG_KEY = 'tagpoint:debug-log';

/** Options of `createDebugLog`. */
export interface DebugLogOptions {
  /** Where the log lives. Default `browser.storage.local`. */
  area?: StorageAreaLike;
  /** Entries kept, newest first out last. Default 200. */
  maxEntries?: number;
  /** Characters kept of a message. Default 500. */
  maxMessage?: number;
  now?: () => number;
}

/** The log of one context. */
export interface DebugLog {
  /** Records a failure; never throws (a log that cannot be written says so on the console). */
  record(where: string, error: unknown): Promise<void>;
  entries(): Promise<DebugLogEntry[]>;
  clear(): Promise<void>;
}

/** The message of anything thrown, on one line. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    // A cyclic or exotic value: its string form is what there is to say.
    return String(error);
  }
}

const isEntry = (value: unknown): value is DebugLogEntry => {
  const e = value as Partial<DebugLogEntry> | null;
  return !!e && typeof e.time === 'number' && typeof e.where === 'string' && typeof e.message === 'string';
};

export function createDebugLog(options: DebugLogOptions = {}): DebugLog {
  const area = options.area ?? (browser.storage.local as unknown as StorageAreaLike);
  const maxEntries = options.maxEntries ?? 200;
  const maxMessage = options.maxMessage ?? 500;
  const now = options.now ?? Date.now;
  // Writes of this context one after another, so none overwrites another's read-modify-write.
  let queue: Promise<unknown> = Promise.resolve();

  const entries = async (): Promise<DebugLogEntry[]> => {
    const raw = (await area.get(DEBUG_LOG_KEY))[DEBUG_LOG_KEY];
    return Array.isArray(raw) ? raw.filter(isEntry) : [];
  };

  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work);
    // The queue only orders the writes; each caller gets its own outcome from `run`.
    queue = run.catch(() => undefined);
    return run;
  };

  return {
    record(where, error) {
      const entry: DebugLogEntry = { time: now(), where: where.slice(0, 200), message: describeError(error).slice(0, maxMessage) };
      return serial(async () => {
        const next = [...(await entries()), entry].slice(-maxEntries);
        await area.set({ [DEBUG_LOG_KEY]: next });
      }).catch((failure: unknown) => {
        // The log is where failures go: one it cannot store has only the console left.
        console.warn(`Tagpoint could not record "${entry.message}" (${entry.where}) in its debug log:`, failure);
      });
    },
    entries,
    clear: () => serial(() => area.remove(DEBUG_LOG_KEY)),
  };
}

let shared: DebugLog | undefined;

/** This context's log on `browser.storage.local`, made on first use. */
export function debugLog(): DebugLog {
  return (shared ??= createDebugLog());
}

/**
 * A `.catch` handler that records the failure in the debug log instead of dropping it:
 * `void sendToPicker(tab, message).catch(reportTo('side panel: stop the picker'))`.
 */
export function reportTo(where: string): (error: unknown) => void {
  return (error) => void debugLog().record(where, error);
}
