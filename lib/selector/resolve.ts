/**
 * Locator resolution, kept apart so the website runtime can import it alone: pure DOM, no
 * @medv/finder, no zod, only a type import from lib/config (and css.ts, which imports nothing).
 */
import type { Fingerprint, Locator } from '../config/types';
import { queryAll } from './css';

/** Longest text sample a fingerprint keeps; a sample this long is compared as a prefix. */
export const TEXT_SAMPLE_LENGTH = 64;

/** Whitespace collapsed and trimmed: how a fingerprint stores text. */
export function normalizeText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Case and numbers ignored, so "3 comments" still agrees with "4 Comments". */
function comparable(text: string): string {
  return text.toLowerCase().replace(/[0-9]+/g, '0');
}

/** The text sample of an element, or undefined for form fields (their value is user data). */
export function elementText(el: Element): string | undefined {
  const tag = el.localName;
  if (tag === 'input' || tag === 'select' || tag === 'textarea') return undefined;
  return normalizeText(el.textContent ?? '').slice(0, TEXT_SAMPLE_LENGTH);
}

/**
 * True when `el` still looks like the element the fingerprint was taken from: same tag, and
 * every recorded fact (attributes, text sample) agrees — or just one differs while at least
 * two others agree, so a button whose label toggles ("Follow" → "Following") is still found.
 */
export function isFingerprintMatch(el: Element, fingerprint: Fingerprint): boolean {
  if (el.localName.toLowerCase() !== fingerprint.tag) return false;
  let agree = 0;
  let differ = 0;
  const attributes = fingerprint.attributes;
  if (attributes) {
    for (const name of Object.keys(attributes)) {
      if (el.getAttribute(name) === attributes[name]) agree++;
      else if (++differ > 1) return false;
    }
  }
  // when the text sample can no longer change the answer, skip reading it (textContent is the cost)
  if (fingerprint.text === undefined || (differ === 0 && agree >= 2)) return differ === 0 || agree >= 2;
  if (differ === 1 && agree < 1) return false;
  const expected = comparable(fingerprint.text);
  const actual = comparable(elementText(el) ?? '');
  const same = expected.length >= TEXT_SAMPLE_LENGTH ? actual.startsWith(expected) : actual === expected;
  if (same) agree++;
  else differ++;
  return differ === 0 || (differ === 1 && agree >= 2);
}

/** The open shadow roots reached by following the host selectors down from `root`. */
function shadowScopes(root: ParentNode, hosts: readonly string[]): ParentNode[] {
  let scopes: ParentNode[] = [root];
  for (const hostSelector of hosts) {
    const next: ParentNode[] = [];
    for (const scope of scopes) {
      for (const host of queryAll(scope, hostSelector)) if (host.shadowRoot) next.push(host.shadowRoot);
    }
    scopes = next;
  }
  return scopes;
}

function resolveInScope(locator: Locator, scope: ParentNode): Element[] {
  const fingerprint = locator.fingerprint;
  const primary = queryAll(scope, locator.selector);
  const agreeing = fingerprint ? primary.filter((el) => isFingerprintMatch(el, fingerprint)) : primary;
  if (agreeing.length === 1 || (!fingerprint && agreeing.length > 0)) return agreeing;
  for (const fallback of locator.fallbacks ?? []) {
    const found = queryAll(scope, fallback);
    const candidates = fingerprint ? found.filter((el) => isFingerprintMatch(el, fingerprint)) : found;
    if (candidates.length === 1) return candidates;
  }
  // nothing that still looks like the element, or several lookalikes no fallback could tell apart
  return agreeing;
}

/**
 * The elements a locator stands for under `root`. The primary selector's matches that agree
 * with the fingerprint win when there is exactly one; otherwise each fallback is tried in order
 * and accepted only when exactly one of its matches agrees with the fingerprint. When nothing
 * agrees the answer is empty — never a different element. Shadow locators (`hosts`) are
 * resolved inside the open shadow roots of the hosts they name. Never throws.
 */
export function resolveLocator(locator: Locator, root: ParentNode): Element[] {
  const hosts = locator.hosts;
  if (!hosts || hosts.length === 0) return resolveInScope(locator, root);
  const out: Element[] = [];
  for (const scope of shadowScopes(root, hosts)) out.push(...resolveInScope(locator, scope));
  return out;
}
