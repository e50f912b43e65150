import type { Tag } from '../config/types';
import { isOnPage } from './page-rules';

/** A tag's state on the page open in the tab, as the tag list shows it. */
export type TagPageState =
  | { kind: 'matches'; count: number }
  | { kind: 'broken' }
  | { kind: 'not-on-page' }
  | { kind: 'pageview' }
  | { kind: 'scroll' }
  | { kind: 'unknown' };

/**
 * Combines a tag's page rules with the count of its target's matches: a tag whose rules
 * exclude this URL is "not on this page"; one whose target matches nothing here is
 * "broken"; a pageview tag has no target. `count` is -1 when the selector is invalid and
 * undefined when the page could not be asked.
 */
export function tagPageState(tag: Pick<Tag, 'pages' | 'trigger'>, url: string | undefined, count: number | undefined): TagPageState {
  if (!url) return { kind: 'unknown' };
  if (!isOnPage(tag.pages, url)) return { kind: 'not-on-page' };
  if (tag.trigger === 'pageview') return { kind: 'pageview' };
  if (tag.trigger === 'scroll') return { kind: 'scroll' };
  if (count === undefined) return { kind: 'unknown' };
  if (count <= 0) return { kind: 'broken' };
  return { kind: 'matches', count };
}

/** The words of a state in the list ("matches 1", "matches nothing", "not on this page"). */
export function describeTagState(state: TagPageState): string {
  switch (state.kind) {
    case 'matches':
      return `matches ${state.count}`;
    case 'broken':
      return 'matches nothing';
    case 'not-on-page':
      return 'not on this page';
    case 'pageview':
      return 'fires on page view';
    case 'scroll':
      return 'fires at its scroll depths';
    default:
      return 'state unknown';
  }
}
