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

export const VersionListSchema = z.array(VersionSummarySchema);

/** `GET /healthz`. */
export const HealthSchema = z.object({ status: z.literal('ok') });

export type VersionSummary = z.infer<typeof VersionSummarySchema>;
export type Published = z.infer<typeof PublishedSchema>;
