/** Extension-side publishing: the registry's HTTP client and the live-vs-draft diff. fetch only, no Node API. */
export {
  createRegistryClient,
  type RegistryClient,
  type RegistryClientOptions,
  type RegistryError,
  type RegistryErrorKind,
  type RegistryResult,
  type PublishOptions,
} from './client';
export { diffConfigs, deepEqual, type ConfigDiff, type TagChange } from './diff';
export { VersionSummarySchema, PublishedSchema, ErrorBodySchema, type VersionSummary, type Published } from './schemas';
export {
  RegistrySettingsSchema,
  parseRegistrySettings,
  type RegistrySettings,
  RegistrySiteSchema,
  ExtensionRegistrySettingsSchema,
  parseExtensionRegistrySettings,
  parseDemoDefaults,
  registrySiteFor,
  originOf,
  type ExtensionRegistrySettings,
} from './settings';
export { describeRegistryError } from './describe';
