import { formatPath, SITE_ID_PATTERN, type ConfigError } from '../config';
import { z } from '../config/zod';

// Bodies and queries are the contract shared with the client: lib/publish/schemas.ts.
export { historyQuerySchema, writeBodySchemas } from '../publish/schemas';

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
