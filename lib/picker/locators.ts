import type { Locator } from '../config/types';
import { findNear } from '../core/properties';
import { createLocator, createPropertySelector, explainLocator, findSimilar, resolveLocator, resolveWithReason } from '../selector';
import type { LocatorFunctions } from './controller';

/**
 * A tag-config Locator from lib/selector's, with only the fields the config format
 * declares (selector, fallbacks, fingerprint, shadow `hosts`) so it passes the strict schema.
 */
export function toConfigLocator(locator: Locator): Locator {
  const out: Locator = { selector: locator.selector };
  if (locator.fallbacks && locator.fallbacks.length > 0) out.fallbacks = locator.fallbacks;
  if (locator.fingerprint) out.fingerprint = locator.fingerprint;
  if (locator.hosts && locator.hosts.length > 0) out.hosts = locator.hosts;
  return out;
}

/** The picker's element ⇄ locator functions, backed by lib/selector. */
export const pickerLocators: LocatorFunctions = {
  createLocator: (el) => toConfigLocator(createLocator(el)),
  resolveLocator: (locator, root) => resolveLocator(locator, root),
  resolveWithReason: (locator, root) => resolveWithReason(locator, root),
  similarLocator(el) {
    const similar = findSimilar(el);
    if (similar.count >= 2) return { locator: { selector: similar.selector } };
    return {
      reason: similar.unnamed
        ? 'This element repeats, but no selector names exactly the similar ones: the tag stays on this element only'
        : 'No similar elements found: this element is not part of a list, grid or table',
    };
  },
  explain: (locator) => explainLocator(locator).summary,
  nearSelector(el, target) {
    // relative to the tag's element first (its record, else their nearest common ancestor)
    const relative = createPropertySelector(el, target);
    if (relative && findNear(target, relative, el.ownerDocument) === el) return relative;
    const similar = findSimilar(el);
    // Kept only if the runtime's own lookup from the target lands on this very element.
    return similar.count >= 2 && findNear(target, similar.selector, el.ownerDocument) === el ? similar.selector : undefined;
  },
};
