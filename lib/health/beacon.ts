/**
 * The health beacon: what a page running the Tagpoint runtime tells the registry about its
 * tags, at most once per page view (and per SPA route), `POST /v1/sites/<site>/health`. One
 * zod schema; the runtime imports only its type (`import type { Beacon }`), never zod, and the
 * registry parses every beacon with it.
 *
 * A beacon never carries text, values, query strings or user ids: only the site, the config's
 * revision, the page's generalised path (`generalizePath`), the sample rate, and per tag whose
 * page rule matched, how its target was found and how many events it sent.
 */
import { SITE_ID_PATTERN, TAG_ID_PATTERN } from '../config/limits';
import { z } from '../config/zod';
import { MAX_BEACON_PATH_LENGTH } from './path';

/**
 * How a tag's target was found on the page: by its primary selector (`found`), only by a
 * fallback or the fingerprint (`relocated`), by several elements where one was expected
 * (`ambiguous`), or not at all (`absent`).
 */
export const TAG_STATES = ['found', 'relocated', 'ambiguous', 'absent'] as const;
export type TagState = (typeof TAG_STATES)[number];

/** Most tags one beacon may report. A page checks only the tags whose page rule matches it. */
export const MAX_BEACON_TAGS = 1_000;
/** Most events one tag may report per beacon; more is clamped by the registry's schema (refused). */
export const MAX_BEACON_EVENTS = 10_000;

export const BeaconTagSchema = z.strictObject({
  id: z.string().regex(TAG_ID_PATTERN, 'tag id must be 1 to 64 letters, digits, "_" or "-"'),
  state: z.enum(TAG_STATES),
  /** Events this tag sent during the page view. */
  events: z.number().int().min(0).max(MAX_BEACON_EVENTS),
});

export const BeaconSchema = z.strictObject({
  /** Format version of the beacon. */
  v: z.literal(1),
  site: z.string().regex(SITE_ID_PATTERN, 'site id must be lower-case letters, digits and dashes (1 to 64)'),
  /** `revision` of the config the page ran. */
  revision: z.number().int().min(1),
  /** The page's path, generalised: no query, no fragment, identifiers as `:id`. */
  path: z
    .string()
    .max(MAX_BEACON_PATH_LENGTH)
    .regex(/^\/[^?#\s]*$/, 'path must start with "/" and carry no query, fragment or spaces'),
  /** The sample rate the page was chosen with (0 < sample ≤ 1): the registry weighs each beacon by 1 / sample. */
  sample: z.number().gt(0).max(1),
  tags: z.array(BeaconTagSchema).max(MAX_BEACON_TAGS),
});

export type Beacon = z.infer<typeof BeaconSchema>;
export type BeaconTag = z.infer<typeof BeaconTagSchema>;
