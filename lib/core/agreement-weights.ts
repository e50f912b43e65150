/**
 * How much each fact of a fingerprint counts when an element is compared with it
 * (fingerprint.ts), as data: the table and its reasons are in README.md ("Agreement
 * weights"). Name and record are not weighed: an element of another name or record never
 * agrees.
 */
/** A recorded attribute that tells elements apart (id, test id, name, href, aria-label…) agrees. */
export const IDENTIFYING = 3;
/** `type` or `role` agrees: it says what kind of element, not which one. */
export const KIND = 1;
/** A recorded attribute differs (or is gone). */
export const ATTRIBUTE_DIFFERS = -4;
/**
 * A recorded attribute differs but keeps a word of three letters or more: values of several
 * words are copy (`aria-label`, `title`, `alt`), edited with the text ("View order #12" →
 * "Open order #12"); one-word values (ids, hrefs, names) keep no word unless equal.
 */
export const WORDS_SHARE = -1;
/** The text sample agrees (case and numbers ignored). */
export const TEXT = 2;
/** The text differs but keeps a word of three letters or more: "Add to cart" → "Add to bag". */
export const TEXT_SHARES = -1;
/** The text sample differs: a copy edit, or another element. */
export const TEXT_DIFFERS = -3;
/** Found by the primary selector: the element's structure and classes still agree. */
export const PRIMARY = 1;
/** Ranking only: the near text (near-text.ts) agrees: the same, or one holds the other ("Orders", "Recent orders"). */
export const NEAR = 2;
/** Ranking only: the near text differs; headings get reworded too, so it takes less than it adds. */
export const NEAR_DIFFERS = -1;
/**
 * Ranking only: the primary selector finds this element and no other, and says no position
 * (`:nth-of-type`, `:first-child`…): a position is held by whatever moved into it.
 */
export const UNIQUE = 2;

/** The same weights as one table (tests, README). Separate constants above, so the runtime's
 * minifier inlines them. */
export const WEIGHTS = {
  identifying: IDENTIFYING,
  kind: KIND,
  attributeDiffers: ATTRIBUTE_DIFFERS,
  wordsShare: WORDS_SHARE,
  text: TEXT,
  textShares: TEXT_SHARES,
  textDiffers: TEXT_DIFFERS,
  primary: PRIMARY,
  near: NEAR,
  nearDiffers: NEAR_DIFFERS,
  unique: UNIQUE,
} as const;

/**
 * Ranking only: how many elements of the fingerprint's name are ranked beside the primary's
 * and the fallbacks' matches (all of them, in document order, up to this many), so an element
 * every selector lost is still found by what it says (its href, its text).
 */
export const MAX_SCANNED = 2000;

/**
 * A primary match with at least this score counts at once (the click path's check: attributes
 * and text only). Below it, it is one candidate of the ranking (locator.ts).
 */
export const STRONG = 1;

/** The least score of an element that agrees: a fallback's match, or the ranking's best. */
export const ACCEPT = 0;

/** How far the ranking's best candidate must lead the second: less is no answer. */
export const LEAD = 2;
