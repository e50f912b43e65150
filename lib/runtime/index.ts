/**
 * The Tagpoint website runtime (ES module build). See README.md for the script tag,
 * the analytics-next plugin and GTM.
 */
export { start, type StartOptions } from './start';
export { createRuntime, type RuntimeOptions, type TagpointHandle, type Runtime } from './runtime';
export { tagpointPlugin, type TagpointPlugin } from './plugin';
export { normalizeConfig, type NormalizeResult, type RuntimeTag, type InvalidTag } from '../core/normalize';
export { isSensitiveField } from '../core/sensitive';
export { toNumber } from '../core/properties';
export type { TrackFunction, TrackMeta } from './sinks';
export type { DebugReporter } from './debug';
export * from './debug-protocol';
export { VERSION } from './version';
