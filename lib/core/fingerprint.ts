/**
 * Whether an element still looks like the one a locator was made for: the check every
 * match passes before it counts (lib/core/locator.ts), on the matched element only (a few
 * attribute reads, at most one `textContent`).
 */
import type { Fingerprint } from '../config/types';
import { readText } from './sensitive';
import { cleanText } from './properties';
import { isStateAttribute } from './selector-policy';

// A fingerprint keeps a 64-character text sample (cut where it may end in a space); case
// and numbers are ignored.
const norm = (s: string | null) => cleanText(s, 64).trim().toLowerCase().replace(/\d+/g, '0');
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

/**
 * True when the element name is the same and either every recorded attribute agrees and
 * one of them identifies the element (not just `type` or `role`) — so a copy edit alone
 * never loses it —, or every recorded fact (attributes, text sample) agrees, or just one
 * differs while at least two others agree (a "Follow" button that now reads "Following").
 * With a `record`, the element must also sit in the same record (`inRecord`), whatever else agrees.
 * Reads a fingerprint from an unchecked config, so a field of the wrong type disagrees.
 */
export function fingerprintAgrees(el: Element, fp: Fingerprint): boolean {
  if (el.localName !== fp.tag || (fp.record && !inRecord(el, fp.record))) return false;
  let agree = 0;
  let differ = 0;
  let identifying = 0;
  const attributes = fp.attributes || {};
  // A field's value or state is never compared: the match would be an oracle of it.
  for (const name of Object.keys(attributes)) isStateAttribute(name) || (el.getAttribute(name) === attributes[name] ? (agree++, KIND.test(name) || identifying++) : differ++);
  if (!differ && identifying) return true;
  // Text as the runtime reads it (readText): what a visitor typed is never compared.
  if (typeof fp.text === 'string') norm(readText(el, 64)) === norm(fp.text) ? agree++ : differ++;
  return !differ || (differ < 2 && agree > 1);
}
