/** Element ⇄ locator (docs/DESIGN.md, "Locator contract"). Pure DOM; no extension API. */
export { createLocator, type LocatorOptions } from './create';
export { resolveLocator, resolveWithReason, isFingerprintMatch, normalizeText, TEXT_SAMPLE_LENGTH, type Resolution } from './resolve';
export { createFingerprint } from './fingerprint';
export { findSimilar, type SimilarResult, type SimilarOptions } from './similar';
export { createPropertySelector, type PropertySelectorOptions } from './relative';
export { explainLocator, explainSelector, type LocatorExplanation, type SelectorExplanation, type Signal } from './explain';
export type { SignalKind } from './atoms';
export {
  DEFAULT_TEST_ATTRIBUTES,
  isGeneratedId,
  isHashedClass,
  isStableClass,
  isStatefulClass,
  isGeneratedValue,
  stableHref,
} from './signals';
