import type { Tag } from '../config/types';
import { isOnPage } from './page-rules';

/** How sure relocation was of the element it found: the ranking's score and its lead over the next. */
export interface Relocation {
  score: number;
  lead: number;
}

/** A tag's state on the page open in the tab, as the tag list shows it. */
export type TagPageState =
  | { kind: 'matches'; count: number; relocated?: Relocation }
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
export function tagPageState(tag: Pick<Tag, 'pages' | 'trigger'>, url: string | undefined, count: number | undefined, relocated?: Relocation): TagPageState {
  if (!url) return { kind: 'unknown' };
  if (!isOnPage(tag.pages, url)) return { kind: 'not-on-page' };
  if (tag.trigger === 'pageview') return { kind: 'pageview' };
  if (tag.trigger === 'scroll') return { kind: 'scroll' };
  if (count === undefined) return { kind: 'unknown' };
  if (count <= 0) return { kind: 'broken' };
  return relocated ? { kind: 'matches', count, relocated } : { kind: 'matches', count };
}

/** The words of a state in the list ("matches 1", "matches nothing", "not on this page"). */
export function describeTagState(state: TagPageState): string {
  switch (state.kind) {
    case 'matches':
      return `matches ${state.count}`;
    // (a relocated match says more beside it: describeRelocation)
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

/**
 * Beside "matches 1" for a tag relocation found: where it stands and how sure ("found again
 * after a change: 5 points, 3 ahead of the next element"), in words a marketer can weigh.
 */
export function describeRelocation(r: Relocation): string {
  const ahead = r.lead >= 99 ? 'no other element comes close' : `${r.lead} ahead of the next element`;
  return `its selector no longer finds it; found again by what it says (${r.score} points, ${ahead})`;
}
