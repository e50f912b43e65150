/**
 * How each tag's target stands on a page: the one answer the runtime's health beacon
 * (lib/runtime/health) and `tagpoint check` (lib/server/check.ts, in Chromium) both give.
 * Dependency-free, built on lib/core's locator resolution, so "found" here is what the
 * click path would fire on:
 *
 * - `found`: the primary selector has agreeing matches (several are fine: a tag may stand
 *   for every card's button).
 * - `relocated`: the primary has none, relocation is sure (one fallback, one agreeing match).
 * - `ambiguous`: the primary has none and a fallback has several agreeing matches, so
 *   relocation refused to choose.
 * - `absent`: nothing.
 *
 * A tag without a target (pageview) is `found` whenever its page rule applies.
 */
import type { TagState } from './beacon';
import { fingerprintAgrees } from '../core/fingerprint';
import { resolveIn, scopesOf } from '../core/locator';
import type { RuntimeTag } from '../core/normalize';

/** One tag's state on a page, with how many elements stand for it. */
export interface TagCheck {
  id: string;
  event: string;
  state: TagState;
  /** Elements found (primary matches, or the one relocated element); 0 when absent or ambiguous. */
  count: number;
}

/** True when the tag is enabled and its page rule applies to `url` (the runtime's own test). */
export function appliesTo(tag: RuntimeTag, url: URL): boolean {
  return tag.enabled && (!tag.pages || tag.pages.some((test) => test(url)));
}

/** Whether some fallback has more than one element agreeing with the fingerprint in `scope`. */
function fallbackAmbiguous(tag: RuntimeTag, scope: ParentNode): boolean {
  const target = tag.target!;
  for (const f of target.fallbacks) {
    let n = 0;
    try {
      for (const el of scope.querySelectorAll(f.selector)) if (target.fingerprint && fingerprintAgrees(el, target.fingerprint) && ++n > 1) return true;
    } catch {
      // A selector the page's own querySelectorAll override refuses finds nothing (as in lib/core).
    }
  }
  return false;
}

/**
 * The state of one tag in `root`; undefined when `deadline` (a `performance.now()` time)
 * passed before relocation could finish (the caller tries again later).
 */
export function checkTag(tag: RuntimeTag, root: ParentNode, deadline = Infinity): TagCheck | undefined {
  const base = { id: tag.id, event: tag.event };
  if (!tag.target) return { ...base, state: 'found', count: 0 };
  let found = 0;
  let moved = 0;
  let ambiguous = false;
  for (const scope of scopesOf(tag.target, root)) {
    const resolved = resolveIn(tag.target, scope, deadline);
    if (!resolved) return undefined;
    if (resolved.relocated) moved += resolved.length;
    else if (resolved.length) found += resolved.length;
    else if (tag.target.fingerprint && fallbackAmbiguous(tag, scope)) ambiguous = true;
  }
  if (found) return { ...base, state: 'found', count: found };
  if (moved) return { ...base, state: 'relocated', count: moved };
  return { ...base, state: ambiguous ? 'ambiguous' : 'absent', count: 0 };
}

/** Every tag of `tags` whose page rule applies to `url`, checked in `root` without a deadline. */
export function checkPage(tags: readonly RuntimeTag[], url: URL, root: ParentNode): TagCheck[] {
  return tags.filter((tag) => appliesTo(tag, url)).map((tag) => checkTag(tag, root)!);
}

/** True for a state `tagpoint check` fails on: the page rule applies, but the target is not surely there. */
export const isBrokenState = (state: TagState): boolean => state === 'absent' || state === 'ambiguous';
