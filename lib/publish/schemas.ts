/**
 * The registry's HTTP contract: every request and answer body, one zod schema each. The server
 * (`lib/server`) parses requests with these and types its answers with the inferred types; the
 * client (`client.ts`) types its requests with them and parses the answers.
 */
import { z } from '../config/zod';

/** `{ path, message }`, as in every error list of the registry. */
export const ErrorItemSchema = z.object({ path: z.string(), message: z.string() });

/** Body of every non-2xx answer of the registry. */
export const ErrorBodySchema = z.object({
  error: z.string(),
  errors: z.array(ErrorItemSchema).optional(),
  currentRevision: z.number().int().min(0).optional(),
});

/** 201 of a publish or rollback. */
export const PublishedSchema = z.object({
  revision: z.number().int().min(1),
  warnings: z.array(z.string()).optional(),
});

/** One entry of `GET /v1/sites/:site/versions`. */
export const VersionSummarySchema = z.object({
  revision: z.number().int().min(1),
  publishedAt: z.string(),
  author: z.string(),
  message: z.string(),
  tagCount: z.number().int().min(0),
});

/** `GET /v1/sites/:site/versions[?before=N&limit=M]`: one page of the history, newest first. */
export const VersionPageSchema = z.object({
  versions: z.array(VersionSummarySchema),
  /** Versions the site has in all. */
  total: z.number().int().min(0),
  /** Pass as `before` to get the next (older) page; null on the last page. */
  nextBefore: z.number().int().min(1).nullable(),
});

/** `GET /healthz`. */
export const HealthSchema = z.object({ status: z.literal('ok') });

/** Default of the registry's `maxMessageLength` option. */
export const DEFAULT_MAX_MESSAGE_LENGTH = 1_000;

const wholeNumber = (name: string, min: number) =>
  z
    .string()
    .regex(/^[0-9]{1,15}$/, `${name} must be a whole number`)
    .transform(Number)
    .refine((n) => n >= min, `${name} must be at least ${min}`);

/** Query of `GET /versions`; `maxLimit` is the registry's `historyMaxPageSize`. */
export function historyQuerySchema(maxLimit: number) {
  return z.strictObject({
    before: wholeNumber('before', 1).optional(),
    limit: wholeNumber('limit', 1)
      .refine((n) => n <= maxLimit, `limit must be at most ${maxLimit}`)
      .optional(),
  });
}

/** Bodies of the two write routes; `maxMessageLength` is an option of the registry. */
export function writeBodySchemas(maxMessageLength = DEFAULT_MAX_MESSAGE_LENGTH) {
  const message = z.string().max(maxMessageLength, `message is too long: at most ${maxMessageLength} characters`).optional();
  const baseRevision = z
    .number({ error: 'baseRevision must be a whole number (0 when nothing was live)' })
    .int()
    .min(0)
    .optional();
  return {
    publish: z.strictObject({
      // Checked by parseConfig (422 with every path); here only its presence.
      config: z.unknown().refine((value) => value !== undefined, 'config is required'),
      message,
      baseRevision,
    }),
    rollback: z.strictObject({
      revision: z.number({ error: 'revision must be the number of the version to bring back' }).int().min(1),
      message,
      baseRevision,
    }),
  };
}

type WriteBodies = ReturnType<typeof writeBodySchemas>;
export type PublishBody = z.input<WriteBodies['publish']>;
export type RollbackBody = z.input<WriteBodies['rollback']>;
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
export type VersionSummary = z.infer<typeof VersionSummarySchema>;
export type VersionPage = z.infer<typeof VersionPageSchema>;
export type Published = z.infer<typeof PublishedSchema>;
export type Health = z.infer<typeof HealthSchema>;

/** 202 of `POST /v1/sites/:site/health`: tag entries counted, and ignored (unknown tag, or a revision outside the window). */
export const BeaconAcceptedSchema = z.object({ accepted: z.number().int().min(0), ignored: z.number().int().min(0) });

/** A tag's health state over a window (thresholds: lib/server/health/thresholds.ts). */
export const TAG_HEALTH_STATES = ['healthy', 'degraded', 'broken', 'no-traffic'] as const;

const percent = z.number().min(0).max(100);

/** One tag of `GET /v1/sites/:site/health`. */
export const TagHealthSchema = z.object({
  id: z.string(),
  event: z.string(),
  state: z.enum(TAG_HEALTH_STATES),
  /** Where the current state began within the window: the bucket's start and the config revision pages ran. Null when there is no data. */
  stateSince: z.object({ at: z.string(), revision: z.number().int().min(1) }).nullable(),
  /** Page views where the tag's page rule applied (beacons weighted by 1 / sample rate). */
  views: z.number().min(0),
  /** Beacons behind the figures (unweighted). */
  samples: z.number().int().min(0),
  found: percent,
  relocated: percent,
  ambiguous: percent,
  absent: percent,
  /** Events the tag sent (weighted like views). */
  events: z.number().min(0),
  /** Last time a page found its target (primary or relocated), ISO; null when never in the window. */
  lastFound: z.string().nullable(),
  /** The latest generalised path where its target was absent; null when never. */
  absentPath: z.string().nullable(),
});

/** `GET /v1/sites/:site/health?since=…`: every tag of the live config. */
export const HealthReportSchema = z.object({
  site: z.string(),
  since: z.string(),
  until: z.string(),
  /** Length of one counter bucket, in seconds (3600 by default: per hour). */
  bucketSeconds: z.number().int().min(1),
  liveRevision: z.number().int().min(0),
  tags: z.array(TagHealthSchema),
});

/** Query of `GET /health`: `since` is an ISO date-time or a span back from now (`90m`, `24h`, `7d`). Default 24h. */
export const HealthQuerySchema = z.strictObject({
  since: z
    .string()
    .regex(/^(?:[1-9][0-9]{0,4}[mhd]|[0-9]{4}-[0-9]{2}-[0-9]{2}(?:T[0-9:.]+(?:Z|[+-][0-9]{2}:?[0-9]{2})?)?)$/, 'since must be an ISO date-time or a span such as 90m, 24h or 7d')
    .optional(),
});

export type BeaconAccepted = z.infer<typeof BeaconAcceptedSchema>;
export type TagHealth = z.infer<typeof TagHealthSchema>;
export type TagHealthState = (typeof TAG_HEALTH_STATES)[number];
export type HealthReport = z.infer<typeof HealthReportSchema>;
