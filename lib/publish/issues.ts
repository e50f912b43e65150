import { formatPath, type ConfigError } from '../config';
import type { z } from '../config/zod';

/** zod issues as `{ path, message }` items. */
export function issuesToErrors(issues: readonly z.core.$ZodIssue[]): ConfigError[] {
  return issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}
