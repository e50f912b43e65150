/**
 * Whether an element still looks like the one a locator was made for: the check every
 * match passes before it counts (lib/core/locator.ts), on the matched element only (a few
 * attribute reads, at most one `textContent`).
 */
import type { Fingerprint } from '../config/types';
import { FIELDS } from './sensitive';
import { cleanText } from './properties';

// A fingerprint keeps a 64-character text sample (cut where it may end in a space); case
// and numbers are ignored.
const norm = (s: string | null) => cleanText(s, 64).trim().toLowerCase().replace(/\d+/g, '0');
// Attributes many unrelated elements share: they say what kind of element, not which one.
const KIND = /^(type|role)$/;

/**
 * True when the element name is the same and either every recorded attribute agrees and
 * one of them identifies the element (not just `type` or `role`) — so a copy edit alone
 * never loses it —, or every recorded fact (attributes, text sample) agrees, or just one
 * differs while at least two others agree (a "Follow" button that now reads "Following").
 * Reads a fingerprint from an unchecked config, so a field of the wrong type disagrees.
 */
export function fingerprintAgrees(el: Element, fp: Fingerprint): boolean {
  if (el.localName !== fp.tag) return false;
  let agree = 0;
  let differ = 0;
  let identifying = 0;
  const attributes = fp.attributes || {};
  for (const name of Object.keys(attributes)) el.getAttribute(name) === attributes[name] ? (agree++, KIND.test(name) || identifying++) : differ++;
  if (!differ && identifying) return true;
  // Form fields have no text sample: their content is user data.
  if (typeof fp.text === 'string') norm(FIELDS.test(el.localName) ? '' : el.textContent) === norm(fp.text) ? agree++ : differ++;
  return !differ || (differ < 2 && agree > 1);
}
