import type { DebugLogEntry } from './log';

/** What the export says about where it came from. */
export interface DebugLogMeta {
  /** The extension's version (manifest). */
  version: string;
  userAgent: string;
  exportedAt: number;
}

/** The exported file: JSON a person can read and a script can parse, oldest entry first. */
export function debugLogExport(entries: readonly DebugLogEntry[], meta: DebugLogMeta): string {
  const iso = (ms: number) => new Date(ms).toISOString();
  return `${JSON.stringify(
    {
      format: 'tagpoint-debug-log',
      formatVersion: 1,
      extensionVersion: meta.version,
      userAgent: meta.userAgent,
      exportedAt: iso(meta.exportedAt),
      entries: [...entries].sort((a, b) => a.time - b.time).map((e) => ({ time: iso(e.time), where: e.where, message: e.message })),
    },
    null,
    2,
  )}\n`;
}

/** The file name of an export made at `ms`: `tagpoint-debug-log-2026-12-02T16-30-00Z.json`. */
export function debugLogFileName(ms: number): string {
  return `tagpoint-debug-log-${new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-')}.json`;
}
