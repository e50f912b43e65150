/** The tag-config format v1: schema, types, strict parsing with readable errors, JSON Schema. */
export * from './limits';
export * from './types';
export { parseConfig, parseTag } from './parse';
export { migrateConfig } from './migrate';
export { collectedTraits, type CollectedTrait } from './traits';
export { formatPath } from './path';
export { checkSelector, isValidSelector } from './selector-syntax';
export { ConfigSchema, TagSchema, LocatorSchema, PropertySchema, PageRuleSchema, FingerprintSchema, TraitSchema, UserIdSchema, OptInSchema, HealthSettingsSchema } from './schema';
export { configJsonSchema, JSON_SCHEMA_FILE } from './json-schema';
