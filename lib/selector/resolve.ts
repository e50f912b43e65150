/**
 * Locator resolution for lib/selector's callers: lib/core's, the one the runtime runs
 * (lib/core/locator.ts, README "One meaning"), on a config `Locator`.
 */
import type { Locator } from '../config/types';
import { resolveLocator as resolveCore } from '../core/locator';
import { cleanText } from '../core/properties';
import { FIELDS, readText } from '../core/sensitive';

export { fingerprintAgrees as isFingerprintMatch } from '../core/fingerprint';

/** Longest text sample a fingerprint keeps; a sample this long is compared as a prefix. */
export const TEXT_SAMPLE_LENGTH = 64;

/** Whitespace collapsed and trimmed: how a fingerprint stores text. */
export function normalizeText(text: string): string {
  return cleanText(text, Infinity);
}

/**
 * The text sample of an element as the runtime reads it (lib/core `readText`: nothing typed,
 * private or sensitive), or undefined for form fields (their value is user data).
 */
export function elementText(el: Element): string | undefined {
  return FIELDS.test(el.localName) ? undefined : cleanText(readText(el, TEXT_SAMPLE_LENGTH), TEXT_SAMPLE_LENGTH);
}

/** The elements a locator stands for under `root`: lib/core's `resolveLocator` (README "One meaning"). */
export function resolveLocator(locator: Locator, root: ParentNode): Element[] {
  return resolveCore(locator, root);
}
