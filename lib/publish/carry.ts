/**
 * A config's site-wide settings (today `health`, the tag-health sample) are not tags: the
 * extension's drafts hold only tags, so a publish from the side panel carries the live
 * config's settings over instead of dropping them. A draft that sets them itself keeps its own.
 */
import type { TagConfig } from '../config';

/** The site-wide fields of a config, beside `version`, `site`, `revision` and `tags`. */
export const SITE_SETTINGS = ['health'] as const;

/** `draft` with the live config's site settings wherever the draft has none. */
export function carrySiteSettings(draft: TagConfig, live: TagConfig | null): TagConfig {
  if (!live) return draft;
  const carried: Partial<TagConfig> = {};
  for (const key of SITE_SETTINGS) if (draft[key] === undefined && live[key] !== undefined) carried[key] = live[key];
  return { ...draft, ...carried };
}

/** What the site settings of `config` do, in words, for the publish review; undefined when it has none. */
export function describeSiteSettings(config: Pick<TagConfig, 'health'>): string | undefined {
  const sample = config.health?.sample;
  if (sample === undefined) return undefined;
  if (sample === 0) return 'Tag health is off in this config.';
  // 0.07 * 100 is 7.000000000000001: rounded to hundredths of a percent.
  return `Tag health reports from ${Number((sample * 100).toFixed(2))}% of page views (the config's health.sample).`;
}
