/**
 * The ranking of relocation (locator.ts `relocateIn`), when no primary match counts at once:
 * candidates are the primary's matches, every fallback's, and up to `MAX_SCANNED` elements of
 * the fingerprint's name; each is scored on what it says (fingerprint.ts `fingerprintScore`),
 * then on the near text and `unique` (`rankBonus`), read for the best first and only while
 * they could change the first two places. The best is taken only when it agrees (`ACCEPT`)
 * and leads the second by `LEAD` (agreement-weights.ts, README "Agreement weights").
 */
import * as W from './agreement-weights';
import { ACCEPT, LEAD, MAX_SCANNED } from './agreement-weights';
import { fingerprintScore, rankBonus } from './fingerprint';
import type { RuntimeTarget } from './normalize';
import { query } from './query';

// The most the ranking's bonus can add to a candidate's own score.
const MAX_BONUS = W.NEAR + W.UNIQUE;
// A selector that says a position: a reordering moves another element into it.
const POSITIONAL = /:(nth|first|last|only)-/;
// An element name, as the strict schema has it (FingerprintSchema.tag).
const NAME = /^[a-z][a-z0-9-]{0,63}$/;

/** How sure the ranking was: the best candidate's score and its lead over the second. */
export interface RankDetail {
  score: number;
  /** Infinity when no other candidate could agree. */
  lead: number;
}

/**
 * The element the target stands for in `scope` by the ranking ([the one], or [] when
 * unsure), or undefined when `deadline` (a `performance.now()` time) passed first. `found`:
 * the primary selector's matches in `scope`. `detail`, when given, is filled with the
 * winner's score and lead (the side panel's confidence).
 */
export function relocateRanked(target: RuntimeTarget, scope: ParentNode, deadline = Infinity, found: Element[] = [], detail?: RankDetail): Element[] | undefined {
  const fp = target.fingerprint;
  if (!fp) return [];
  const scored = new Map<Element, number>();
  const add = (els: Element[], primary?: boolean) => {
    for (const el of els) {
      if (performance.now() > deadline) return true;
      scored.has(el) || scored.set(el, fingerprintScore(el, fp, primary));
    }
  };
  // The scan asks for the fingerprint's name only when it is one (a config is unchecked here:
  // `button:has(…)` would be a costly selector, and no element is named like that anyway).
  const scan = NAME.test(fp.tag) ? query(scope, { selector: fp.tag }).slice(0, MAX_SCANNED) : [];
  if (add(found, true) || target.fallbacks.some((f) => add(query(scope, f))) || add(scan)) return;
  const order = [...scored].filter(([, s]) => s + MAX_BONUS >= ACCEPT).sort((a, b) => b[1] - a[1]);
  let best: Element | undefined;
  let first = -Infinity;
  let second = -Infinity;
  for (const [el, own] of order) {
    // Sorted by own score: no later candidate can reach the first two places.
    if (own + MAX_BONUS <= second) break;
    if (performance.now() > deadline) return;
    const score = own + rankBonus(el, fp, found.length < 2 && found[0] === el && !POSITIONAL.test(target.selector));
    if (score > first) (second = first), (first = score), (best = el);
    else if (score > second) second = score;
  }
  if (!best || first < ACCEPT || first - second < LEAD) return [];
  if (detail) (detail.score = first), (detail.lead = first - second);
  return [best];
}
