import type { OptIn, TagConfig } from './types';

/** One piece of personal data a config collects: a trait or the user id of an identify tag. */
export interface CollectedTrait {
  tag: string;
  event: string;
  /** The trait's name, or `userId`. */
  name: string;
  /** Where it is read: the source and its selector, attribute or parameter. */
  from: string;
  optIn: OptIn;
}

/**
 * What a config collects about visitors, for a privacy review: every trait and user id of
 * its identify tags, where each is read and who opted in to collecting it, when and why.
 */
export function collectedTraits(config: Pick<TagConfig, 'tags'>): CollectedTrait[] {
  const out: CollectedTrait[] = [];
  for (const tag of config.tags) {
    if (tag.call !== 'identify') continue;
    const entries = [...(tag.userId ? [{ ...tag.userId, name: 'userId' }] : []), ...(tag.traits ?? [])];
    for (const t of entries) {
      const where = 'selector' in t && t.selector ? ` ${t.selector}` : t.source === 'query' ? ` ?${t.param}` : '';
      const attribute = t.source === 'attribute' ? ` [${t.attribute}]` : '';
      out.push({ tag: tag.id, event: tag.event, name: t.name, from: `${t.source}${where}${attribute}`, optIn: t.optIn });
    }
  }
  return out;
}
