/**
 * Coverage: which tags of the draft have a target on this page, whose page rules hold here,
 * and which have fired in this session.
 */
import type { Tag } from '../config/types';
import { isOnPage } from '../picker/page-rules';
import { safeResolve } from './candidates';
import type { LogEntry, TagPresence } from './schemas';

/** Each tag's presence on the page: target matches, page rule, enabled. */
export function tagPresence(tags: readonly Tag[], root: ParentNode, url: string): TagPresence[] {
  return tags.map((tag) => ({
    tag: tag.id,
    event: tag.event,
    trigger: tag.trigger,
    count: safeResolve(tag, root).length,
    pageRule: isOnPage(tag.pages, url),
    enabled: tag.enabled !== false,
  }));
}

/** One row of the coverage list. */
export interface CoverageRow {
  tag: string;
  event: string;
  trigger: string;
  /** Times it fired in the preview this session. */
  fired: number;
  /** Presence on the current page, when the agent answered. */
  presence?: TagPresence;
}

/** Every tag with how often it fired (preview entries only) and its presence here. */
export function coverageRows(tags: readonly Pick<Tag, 'id' | 'event' | 'trigger'>[], entries: readonly LogEntry[], presence: readonly TagPresence[] = []): CoverageRow[] {
  const counts = new Map<string, number>();
  for (const e of entries) if (e.kind === 'preview' && e.tag) counts.set(e.tag, (counts.get(e.tag) ?? 0) + 1);
  const byTag = new Map(presence.map((p) => [p.tag, p]));
  return tags.map((t) => ({ tag: t.id, event: t.event, trigger: t.trigger, fired: counts.get(t.id) ?? 0, presence: byTag.get(t.id) }));
}

/** A short sentence on where a never-fired tag stands on this page. */
export function describePresence(p: TagPresence | undefined): string {
  if (!p) return 'not checked on this page';
  if (!p.enabled) return 'disabled';
  if (!p.pageRule) return 'page rule failed: limited to other pages';
  if (p.trigger === 'pageview') return 'page view: fires on load of a matching page';
  if (p.trigger === 'scroll') return 'scroll depth: fires as the page is scrolled through';
  return p.count === 0 ? 'target not on this page' : `target on this page (${p.count} element${p.count === 1 ? '' : 's'})`;
}
