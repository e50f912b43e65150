/**
 * Which of a tag's elements a property is about. A tag on "all similar" matches one element
 * per record (every card's Add to cart); a property picked on a card's title must be made
 * relative to *that* card's button, and the editor's "Now:" value must be read from the card
 * the marketer picked, or a page-unique selector and a first-match preview hide a property
 * that sends the first card's name on every click.
 */
import { commonAncestor } from '../selector/relative';

/** How many ancestors `el` has: deeper is nearer the leaves. */
function depth(el: Element): number {
  let n = 0;
  for (let node = el.parentElement; node; node = node.parentElement) n++;
  return n;
}

/**
 * The match of the tag's locator that `el` (a property's element) belongs with: the one
 * sharing the deepest common ancestor with it (same card, same row). On a tie, `picked` (the
 * element the marketer clicked) if it is one of them, else the first in document order.
 * Undefined when there are no matches.
 */
export function matchNearest(el: Element, matches: readonly Element[], picked?: Element | null): Element | undefined {
  let best: Element | undefined;
  let bestDepth = -1;
  for (const match of matches) {
    const shared = commonAncestor(match, el);
    const d = shared ? depth(shared) : -1;
    if (d > bestDepth || (d === bestDepth && match === picked)) {
      best = match;
      bestDepth = d;
    }
  }
  return best;
}

/**
 * The element a tag's properties are previewed on: the one the marketer picked when it is a
 * match, else the first match; and up to `others` more matches (for "Aurora, Nimbus, …").
 */
export function previewElements(matches: readonly Element[], picked: Element | null | undefined, others = 2): { primary?: Element; others: Element[] } {
  const primary = picked && matches.includes(picked) ? picked : matches[0];
  return { primary, others: matches.filter((m) => m !== primary).slice(0, others) };
}
