import { parseConfig } from '../config/parse';
import { CONFIG_VERSION } from '../config/limits';
import type { ConfigError, Tag, TagConfig } from '../config/types';
import type { SiteDrafts } from './drafts';

/** The outcome of building or reading a tag-config document. */
export type ExchangeResult = { ok: true; config: TagConfig; json: string } | { ok: false; errors: ConfigError[] };

/**
 * Builds the tag-config JSON of a site's drafts, checked with `parseConfig` (what the
 * registry and the runtime will accept). Drafts that no longer validate are not exported.
 */
export function exportConfig(drafts: Pick<SiteDrafts, 'site' | 'revision' | 'tags'>): ExchangeResult {
  const candidate = { version: CONFIG_VERSION, site: drafts.site, revision: drafts.revision, tags: drafts.tags };
  const parsed = parseConfig(candidate);
  if (!parsed.ok) return parsed;
  return { ok: true, config: parsed.config, json: `${JSON.stringify(parsed.config, null, 2)}\n` };
}

/** Options of `importConfig`. */
export interface ImportOptions {
  /**
   * `replace` (default) makes the file's tags the site's drafts; `merge` keeps drafts whose
   * id the file does not have and replaces those it has.
   */
  mode?: 'replace' | 'merge';
}

/**
 * Reads a tag-config JSON text for `site`: the tags the site then has, and how many came
 * from the file. Errors carry JSON paths (`tags[2].event`); a
 * file made for another site is accepted (copying tags between sites is a use case) and
 * its tags are returned for `site`.
 */
export function importConfig(
  text: string,
  current: Pick<SiteDrafts, 'site' | 'tags'>,
  options: ImportOptions = {},
): { ok: true; tags: Tag[]; fromSite: string; imported: number } | { ok: false; errors: ConfigError[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [{ path: '(file)', message: `not JSON: ${(error as Error).message}` }] };
  }
  // A hand-written file may hold only its tags: the envelope the registry numbers and names
  // (`revision`, `site`, `version`) is filled in when absent; when present it is checked.
  if (Array.isArray(data)) data = { tags: data };
  if (typeof data === 'object' && data !== null) {
    const given = data as Record<string, unknown>;
    data = { version: CONFIG_VERSION, site: current.site, revision: 0, ...given };
  }
  const parsed = parseConfig(data);
  if (!parsed.ok) return parsed;
  const incoming = parsed.config.tags;
  if ((options.mode ?? 'replace') === 'replace') return { ok: true, tags: incoming, fromSite: parsed.config.site, imported: incoming.length };
  const ids = new Set(incoming.map((t) => t.id));
  return { ok: true, tags: [...current.tags.filter((t) => !ids.has(t.id)), ...incoming], fromSite: parsed.config.site, imported: incoming.length };
}
