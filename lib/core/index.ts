/**
 * The meaning of a tag, in one dependency-free place: selector compilation and matching,
 * locator resolution, page rules, sensitive fields, property reading and text normalisation,
 * and the tolerant config reader the runtime runs. The runtime, lib/selector, the picker,
 * the tag list, preview and the strict parser all call these; see README.md.
 */
export { inHosts, acceptsPrimary, relocateIn, relocatedAll, resolveAll, resolveIn, resolveLocator, scopesOf, type Resolved } from './locator';
export { compileSelector, isValidSelector, splitList, type CompiledSelector, type ElementTest } from './selector';
export { compilePageRule, type PageTest, type PageUrl } from './page-rules';
export { FIELDS, isSensitiveField, sensitiveMark } from './sensitive';
export { applyTransform, cleanText, findNear, readProperties, readProperty, toNumber, type PropertyValue } from './properties';
export { fingerprintAgrees } from './fingerprint';
export { normalizeConfig, readTarget, type RuntimeTarget, type InvalidTag, type NormalizeResult, type RuntimeProperty, type RuntimeSelector, type RuntimeTag } from './normalize';
export { createTagIndex, type TagIndex, type TagMatch } from './tag-index';
