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
