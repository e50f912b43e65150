/**
 * Whether an element still looks like the one a locator was made for: the check every
 * match passes before it counts (lib/core/locator.ts), on the matched element only (a few
 * attribute reads, at most one `textContent`).
 */
import type { Fingerprint } from '../config/types';
import { readText } from './sensitive';
import { cleanText } from './properties';
import { isStateAttribute } from './selector-policy';
import { nearText } from './near-text';
import * as W from './agreement-weights';
import { ACCEPT, STRONG } from './agreement-weights';

// A fingerprint keeps a 64-character text sample (cut where it may end in a space); case
// and numbers are ignored.
const norm = (s: unknown) => cleanText(s + '', 64).trim().toLowerCase().replace(/\d+/g, '0');
// Attributes many unrelated elements share: they say what kind of element, not which one.
const KIND = /^(type|role)$/;

/**
 * The record check (`fp.record`): the element's repeated item (`closest(item)`) still holds
 * one of the texts that told it apart from its neighbours (an order number, a product name).
 * A record that cannot be read (no such item, a bad selector or keys from a hostile config)
 * throws inside and so disagrees: the element is never given to another record.
 */
const inRecord = (el: Element, r: { item: string; keys: string[] }) => {
  try {
    const item = el.closest(r.item)!;
    // one string search first: most look-alikes in other records fail it. Keys are recorded
    // with whitespace collapsed, so the item's text is compared collapsed too (a key spanning a
    // line break in the source never matched: corpus pages clean-links, royal-road)
    // Text as the runtime reads it: a key could otherwise test what was typed in a field.
    const text = readText(item);
    return r.keys.some((k) => text.includes(k)) && [...item.querySelectorAll('*')].some((e) => r.keys.includes(cleanText(readText(e, 64), 64)));
  } catch {
    // No such item, a selector the page's own DOM methods reject: the record disagrees.
    return false;
  }
};

// The near texts agree when one holds the other: "Orders" became "Recent orders".
const nearAgrees = (a: string, b: string) => !!a && !!b && (a.includes(b) || b.includes(a));
// A word of three letters or more kept through a copy edit.
const sharesWord = (a: string, b: string) => a.split(' ').some((w) => w.length > 2 && b.split(' ').includes(w));

/**
 * The element's score against the fingerprint from what it says itself (weights:
 * agreement-weights.ts, README "Agreement weights"): attributes, text, and `primary` when the
 * primary selector found it; -Infinity when its name differs or it sits in another record
 * (`fp.record`), whatever else agrees. A few attribute reads and at most one text read.
 * Reads a fingerprint from an unchecked config, so a field of the wrong type disagrees.
 */
export function fingerprintScore(el: Element, fp: Fingerprint, primary?: boolean): number {
  if (el.localName !== fp.tag || (fp.record && !inRecord(el, fp.record))) return -Infinity;
  let score = primary ? W.PRIMARY : 0;
  const attributes = fp.attributes || {};
  // A field's value or state is never compared: the match would be an oracle of it.
  for (const name of Object.keys(attributes)) {
    if (isStateAttribute(name)) continue;
    const now = el.getAttribute(name);
    const was = attributes[name]!;
    score += now === was ? (KIND.test(name) ? W.KIND : W.IDENTIFYING) : sharesWord(norm(now), norm(was)) ? W.WORDS_SHARE : W.ATTRIBUTE_DIFFERS;
  }
  // Text as the runtime reads it (readText): what a visitor typed is never compared.
  if (typeof fp.text === 'string') {
    const now = norm(readText(el, 64));
    const was = norm(fp.text);
    score += now === was ? W.TEXT : sharesWord(now, was) ? W.TEXT_SHARES : W.TEXT_DIFFERS;
  }
  return score;
}

/** The ranking's part of a candidate's score (locator.ts): the near text, and `unique`. */
export function rankBonus(el: Element, fp: Fingerprint, unique: boolean): number {
  return (typeof fp.near === 'string' ? (nearAgrees(norm(nearText(el)), norm(fp.near)) ? W.NEAR : W.NEAR_DIFFERS) : 0) + (unique ? W.UNIQUE : 0);
}

/**
 * True when the element still looks like the recorded one: the same name, the same record,
 * and a score of at least `ACCEPT`, or `STRONG` for a primary match (`primary`). A primary
 * match below that is not lost: the ranking weighs it against the fallbacks' matches.
 */
export function fingerprintAgrees(el: Element, fp: Fingerprint, primary?: boolean): boolean {
  return fingerprintScore(el, fp, primary) >= (primary ? STRONG : ACCEPT);
}
