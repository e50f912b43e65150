import { formatIssues } from './errors';
import { migrateConfig } from './migrate';
import { ConfigSchema } from './schema';
import { checkRunnable } from './runnable';
import { checkSemantics } from './semantics';
import type { ConfigError, ParseConfigResult, Tag } from './types';

/**
 * Validates a tag config strictly (the editor and the registry use this; the website
 * runtime is tolerant instead). Reports every problem, each with its JSON path and a
 * message a marketer can act on. Older format versions are migrated first.
 */
export function parseConfig(input: unknown): ParseConfigResult {
  const migrated = migrateConfig(input);
  if (!migrated.ok) return { ok: false, errors: [migrated.error] };
  const result = ConfigSchema.safeParse(migrated.value, { reportInput: false });
  const errors = dedupe([...(result.success ? [] : formatIssues(result.error.issues, migrated.value)), ...checkSemantics(migrated.value)]);
  if (errors.length > 0 || !result.success) return { ok: false, errors: sortByPath(errors) };
  const skipped = checkRunnable(migrated.value);
  if (skipped.length > 0) return { ok: false, errors: skipped };
  return { ok: true, config: result.data };
}

/** Validates one tag on its own (the tag editor's live check). Paths are relative to the tag. */
export function parseTag(input: unknown): { ok: true; tag: Tag } | { ok: false; errors: ConfigError[] } {
  const wrapped = parseConfig({ version: 1, site: 'x', revision: 0, tags: [input] });
  if (wrapped.ok) return { ok: true, tag: wrapped.config.tags[0]! };
  return {
    ok: false,
    errors: wrapped.errors.map((e) => ({ ...e, path: e.path.replace(/^tags\[0\]\.?/, '') || '(tag)' })),
  };
}

function dedupe(errors: ConfigError[]): ConfigError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.path}\n${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// Errors read best in document order: tags[2] before tags[10].
function sortByPath(errors: ConfigError[]): ConfigError[] {
  const key = (path: string) => path.replace(/\[(\d+)\]/g, (_, n: string) => `[${n.padStart(6, '0')}]`);
  return [...errors].sort((a, b) => (key(a.path) < key(b.path) ? -1 : key(a.path) > key(b.path) ? 1 : 0));
}
