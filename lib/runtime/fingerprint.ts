/**
 * Whether an element found by a fallback selector still looks like the one the locator was
 * made for. Kept here (lib/selector's resolver is not imported) so the runtime stays small.
 */
import type { Fingerprint } from '../config/types';
import { cleanText } from './properties';

const norm = (s: string | null) => cleanText(s, 1000).toLowerCase();

/**
 * True when the element name is the same, the text (when recorded) is the same after
 * whitespace and case are normalised, and at least half of the recorded attributes still
 * hold their values. Reads a fingerprint from an unchecked config, so every field is
 * type-checked as it is used.
 */
export function fingerprintAgrees(el: Element, fp: Fingerprint): boolean {
  if (el.localName !== fp.tag) return false;
  if (typeof fp.text === 'string' && norm(el.textContent) !== norm(fp.text)) return false;
  const attrs = Object.keys(fp.attributes || {});
  let same = 0;
  for (const name of attrs) if (el.getAttribute(name) === fp.attributes![name]) same++;
  return same * 2 >= attrs.length;
}
