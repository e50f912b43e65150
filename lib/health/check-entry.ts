/**
 * The page side of `tagpoint check` (lib/server/check.ts bundles this file and runs it in
 * Chromium): reads the config with the runtime's tolerant reader and checks every tag whose
 * page rule applies to the page's URL, with the same resolution as the runtime's health
 * beacon (check.ts). Defines `window.__tagpointCheck(config)`.
 */
import { normalizeConfig } from '../core/normalize';
import { checkPage, type TagCheck } from './check';

/** What one page answers. */
export type PageCheckResult =
  | { ok: true; url: string; tags: TagCheck[]; skipped: number; invalid: { tag: string; reason: string }[] }
  | { ok: false; url: string; reason: string };

(window as { __tagpointCheck?: (config: unknown) => PageCheckResult }).__tagpointCheck = (config) => {
  const result = normalizeConfig(config);
  if (!result.ok) return { ok: false, url: location.href, reason: result.reason };
  const tags = checkPage(result.tags, new URL(location.href), document);
  return { ok: true, url: location.href, tags, skipped: result.tags.length - tags.length, invalid: result.invalid.map((i) => ({ tag: i.tag, reason: i.reason })) };
};
