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

/** True when the log shows entries of `kind` (what its checkbox says). */
export function isKindShown(filter: LogFilter, kind: EntryKind): boolean {
  return !filter.kinds || filter.kinds.length === 0 || filter.kinds.includes(kind);
}

/**
 * The filter after a kind's checkbox is clicked: a shown kind is hidden, a hidden one shown
 * (from "all", unchecking Notices shows all but notices). All shown again is `kinds` absent;
 * the last kind cannot be unchecked (an empty list means all, which would flip every box).
 */
export function toggleKind(filter: LogFilter, kind: EntryKind, all: readonly EntryKind[]): LogFilter {
  const shown = all.filter((k) => isKindShown(filter, k));
  const next = shown.includes(kind) ? shown.filter((k) => k !== kind) : [...shown, kind];
  if (next.length === 0) return filter;
  const { kinds: _omit, ...rest } = filter;
  return next.length >= all.length ? rest : { ...rest, kinds: all.filter((k) => next.includes(k)) };
}

/** The entries that pass the filter, in order. */
export function filterEntries(entries: readonly LogEntry[], filter: LogFilter): LogEntry[] {
  return entries.filter((e) => isEntryShown(e, filter));
}
