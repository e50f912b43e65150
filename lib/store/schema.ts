import { z } from '../config/zod';
import { SITE_ID_PATTERN } from '../config/limits';

/** The version of the layout of `storage.local` this code reads and writes. */
export const STORE_SCHEMA_VERSION = 2;
/** Key holding the layout version. */
export const SCHEMA_KEY = 'tagpoint:schema';
/** Prefix of the per-site draft records. */
export const SITE_KEY_PREFIX = 'tagpoint:site:';

/** Storage key of one site's drafts. */
export function siteKey(siteId: string): string {
  return `${SITE_KEY_PREFIX}${siteId}`;
}

/**
 * One site's drafts as stored. Tags are kept as data and validated with `parseTag` when
 * read, so one tag broken by a bug or a hand edit does not hide the others.
 */
export const StoredSiteSchema = z.strictObject({
  site: z.string().regex(SITE_ID_PATTERN),
  /** Bumped on every change; exported as the config's `revision`. */
  revision: z.number().int().min(0),
  tags: z.array(z.unknown()),
  updatedAt: z.number(),
  /**
   * The live revision these drafts stand on: the one they were started from or pulled, or the
   * one they became when published. A publish review compares with it ("live moved on since").
   * Absent for drafts that never met the registry.
   */
  basedOn: z.number().int().min(0).optional(),
});
export type StoredSite = z.infer<typeof StoredSiteSchema>;
