/** Filter and search over the event log. */
import type { EntryKind, LogEntry } from './schemas';

/** What the log shows. */
export interface LogFilter {
  /** Case-insensitive text searched in event, tag, URL, element and property names and values. */
  query?: string;
  /** Kinds shown; all when empty or absent. */
  kinds?: readonly EntryKind[];
}

/** True when the entry passes the filter. */
export function isEntryShown(entry: LogEntry, filter: LogFilter): boolean {
  if (filter.kinds && filter.kinds.length && !filter.kinds.includes(entry.kind)) return false;
  const q = filter.query?.trim().toLowerCase();
  if (!q) return true;
  const hay = [entry.event, entry.tag, entry.url, entry.element, entry.trigger, entry.text];
  if (entry.properties) for (const [k, v] of Object.entries(entry.properties)) hay.push(k, v === null ? 'null' : String(v));
  if (entry.candidates) for (const c of entry.candidates) hay.push(c.tag, c.event);
  return hay.some((s) => typeof s === 'string' && s.toLowerCase().includes(q));
}

/** The entries that pass the filter, in order. */
export function filterEntries(entries: readonly LogEntry[], filter: LogFilter): LogEntry[] {
  return entries.filter((e) => isEntryShown(e, filter));
}
