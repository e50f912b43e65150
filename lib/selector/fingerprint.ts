/** What a locator remembers of its element, to vet fallback matches after a redeploy. */
import type { Fingerprint } from '../config/types';
import { MAX_FINGERPRINT_ATTRIBUTES, MAX_VALUE_LENGTH } from '../config/limits';
import { elementText } from './resolve';
import { isGeneratedId } from './signals';
import { isStateAttribute } from '../core/selector-policy';
import { nearText } from '../core/near-text';

/** Attributes that describe what an element is (not how it looks), in the order they are kept. */
const IDENTITY_ATTRIBUTES = ['name', 'type', 'role', 'aria-label', 'href', 'title', 'alt', 'placeholder', 'for'];
const MAX_KEPT_VALUE = Math.min(500, MAX_VALUE_LENGTH);

/** Tag, up to 8 identity attributes (test hooks first), a text sample and the near text; never a form field's value. */
export function createFingerprint(el: Element, testAttributes: readonly string[]): Fingerprint {
  const fingerprint: Fingerprint = { tag: el.localName.toLowerCase() };
  const attributes: Record<string, string> = {};
  let kept = 0;
  const keep = (name: string) => {
    // A field's value or state is never recorded (lib/core/selector-policy.ts).
    if (kept >= MAX_FINGERPRINT_ATTRIBUTES || name in attributes || isStateAttribute(name)) return;
    const value = el.getAttribute(name);
    if (value === null || value.length > MAX_KEPT_VALUE) return;
    if (name === 'id' && isGeneratedId(value)) return;
    attributes[name] = value;
    kept++;
  };
  for (const name of testAttributes) keep(name);
  keep('id');
  for (const name of IDENTITY_ATTRIBUTES) keep(name);
  if (kept > 0) fingerprint.attributes = attributes;
  const text = elementText(el);
  if (text !== undefined) fingerprint.text = text;
  const near = nearText(el);
  if (near) fingerprint.near = near;
  return fingerprint;
}
