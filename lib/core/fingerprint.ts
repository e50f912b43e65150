/**
 * Whether an element found by a fallback selector still looks like the one the locator was
 * made for. The same rule as lib/selector's `isFingerprintMatch` (resolve.ts), written again
 * here in fewer bytes for the runtime's size budget; test/unit/core/fingerprint.test.ts
 * checks that both agree.
 */
import type { Fingerprint } from '../config/types';
import { FIELDS } from './sensitive';
import { cleanText } from './properties';

// A fingerprint keeps a 64-character text sample; case and numbers are ignored.
const norm = (s: string | null) => cleanText(s, 64).toLowerCase().replace(/\d+/g, '0');

/**
 * True when the element name is the same and every recorded fact (attributes, text sample)
 * agrees, or just one differs while at least two others agree. Reads a fingerprint from an
 * unchecked config, so a field of the wrong type simply disagrees.
 */
export function fingerprintAgrees(el: Element, fp: Fingerprint): boolean {
  if (el.localName !== fp.tag) return false;
  let agree = 0;
  let differ = 0;
  for (const name of Object.keys(fp.attributes || {})) el.getAttribute(name) === fp.attributes![name] ? agree++ : differ++;
  // Form fields have no text sample: their content is user data.
  if (typeof fp.text === 'string') norm(FIELDS.test(el.localName) ? '' : el.textContent) === norm(fp.text) ? agree++ : differ++;
  return !differ || (differ < 2 && agree > 1);
}
