/**
 * Locator resolution for lib/selector's callers: lib/core's, the one the runtime runs
 * (lib/core/locator.ts, README "One meaning"), on a config `Locator`.
 */
import type { Locator } from '../config/types';
import { resolveIn, resolveLocator as resolveCore, scopesOf } from '../core/locator';
import { readTarget } from '../core/normalize';
import { query } from '../core/query';
import { relocateRanked, type RankDetail } from '../core/relocate';
import { cleanText } from '../core/properties';
import { FIELDS, readText } from '../core/sensitive';

export { fingerprintAgrees as isFingerprintMatch } from '../core/fingerprint';

/** Longest text sample a fingerprint keeps; a sample this long is compared as a prefix. */
export const TEXT_SAMPLE_LENGTH = 64;

/** Whitespace collapsed and trimmed: how a fingerprint stores text. */
export function normalizeText(text: string): string {
  return cleanText(text, Infinity);
}

/**
 * The text sample of an element as the runtime reads it (lib/core `readText`: nothing typed,
 * private or sensitive), or undefined for form fields (their value is user data).
 */
export function elementText(el: Element): string | undefined {
  return FIELDS.test(el.localName) ? undefined : cleanText(readText(el, TEXT_SAMPLE_LENGTH), TEXT_SAMPLE_LENGTH);
}

/** The elements a locator stands for under `root`: lib/core's `resolveLocator` (README "One meaning"). */
export function resolveLocator(locator: Locator, root: ParentNode): Element[] {
  return resolveCore(locator, root);
}

/** What a locator stands for, and whether relocation found it (with the ranking's confidence). */
export interface Resolution {
  elements: Element[];
  /** Set when the primary selector found nothing that counts and the ranking found the element. */
  relocated?: RankDetail;
}

/**
 * `resolveLocator` with how: for a relocated element, the ranking's score and lead (the
 * side panel's "found by relocation" and its repair). The same resolution as the runtime's.
 */
export function resolveWithReason(locator: Locator, root: ParentNode): Resolution {
  const elements = resolveCore(locator, root);
  try {
    const target = readTarget(locator);
    if (typeof target === 'string' || elements.length !== 1) return { elements };
    for (const scope of scopesOf(target, root)) {
      const found = resolveIn(target, scope);
      if (!found?.relocated) continue;
      const detail: RankDetail = { score: 0, lead: 0 };
      relocateRanked(target, scope, Infinity, query(scope, target), detail);
      // No other candidate at all is an infinite lead: said as 99, so it crosses JSON.
      return { elements, relocated: { score: detail.score, lead: Math.min(detail.lead, 99) } };
    }
  } catch {
    // A hostile page's own DOM methods may throw: the elements are still what resolveLocator found.
  }
  return { elements };
}
