import { formatPath, SITE_ID_PATTERN, type ConfigError } from '../config';
import { z } from '../config/zod';

/** `:site` of every route. */
export const SiteParamsSchema = z.object({
  site: z.string().regex(SITE_ID_PATTERN, 'site id must be 1 to 64 lower-case letters, digits and dashes, starting with a letter or digit'),
});

/** `:site/versions/:revision`. */
export const RevisionParamsSchema = SiteParamsSchema.extend({
  revision: z
    .string()
    .regex(/^[1-9][0-9]{0,14}$/, 'revision must be a whole number from 1')
    .transform(Number),
});

/** Bodies of the two write routes; `maxMessageLength` is an option of the registry. */
export function bodySchemas(maxMessageLength: number) {
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

/** zod issues as the API's `errors` list. */
export function issuesToErrors(issues: readonly z.core.$ZodIssue[]): ConfigError[] {
  const errors: ConfigError[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) errors.push({ path: formatPath([...issue.path, key]), message: `unknown field "${key}"` });
    } else {
      errors.push({ path: formatPath(issue.path), message: issue.message });
    }
  }
  return errors;
}
