import type { Tag, TagConfig } from '../config';

/** A tag present in both configs with different content. */
export interface TagChange {
  id: string;
  before: Tag;
  after: Tag;
  /** The tag's top-level fields that differ, in schema order (`event`, `target`, `properties`...). */
  fields: (keyof Tag)[];
}

/** What publishing a draft would change on the live config. */
export interface ConfigDiff {
  /** In draft order. */
  added: Tag[];
  /** In live order. */
  removed: Tag[];
  /** In draft order. */
  changed: TagChange[];
  unchanged: number;
  /** True when publishing would change no tag. */
  isEmpty: boolean;
}

const FIELDS: readonly (keyof Tag)[] = ['event', 'trigger', 'target', 'pages', 'properties', 'enabled', 'description'];

/**
 * Compares tags by id. Differences without effect are not reported: a missing `enabled`
 * means true, and a missing `pages`/`properties` list means an empty one. Pure.
 */
export function diffConfigs(live: Pick<TagConfig, 'tags'> | null | undefined, draft: Pick<TagConfig, 'tags'>): ConfigDiff {
  const before = new Map((live?.tags ?? []).map((tag) => [tag.id, tag]));
  const draftIds = new Set(draft.tags.map((tag) => tag.id));
  const added: Tag[] = [];
  const changed: TagChange[] = [];
  let unchanged = 0;
  for (const tag of draft.tags) {
    const old = before.get(tag.id);
    if (!old) {
      added.push(tag);
      continue;
    }
    const fields = FIELDS.filter((field) => !deepEqual(normalized(old, field), normalized(tag, field)));
    if (fields.length) changed.push({ id: tag.id, before: old, after: tag, fields });
    else unchanged++;
  }
  const removed = (live?.tags ?? []).filter((tag) => !draftIds.has(tag.id));
  return { added, removed, changed, unchanged, isEmpty: added.length + removed.length + changed.length === 0 };
}

function normalized(tag: Tag, field: keyof Tag): unknown {
  const value = tag[field];
  if (field === 'enabled') return value ?? true;
  if ((field === 'pages' || field === 'properties') && Array.isArray(value) && value.length === 0) return undefined;
  return value;
}

/** Structural equality of JSON values; key order does not matter, absent equals undefined. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, i) => deepEqual(item, other[i]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  for (const key of keys) if (!deepEqual(left[key], right[key])) return false;
  return true;
}
