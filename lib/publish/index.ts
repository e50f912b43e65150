/** Extension-side publishing: the registry's HTTP client and the live-vs-draft diff. fetch only, no Node API. */
export {
  createRegistryClient,
  type RegistryClient,
  type RegistryClientOptions,
  type RegistryError,
  type RegistryErrorKind,
  type RegistryResult,
  type PublishOptions,
  type HistoryPageOptions,
} from './client';
export { diffConfigs, deepEqual, type ConfigDiff, type TagChange } from './diff';
export {
  VersionSummarySchema,
  VersionPageSchema,
  PublishedSchema,
  ErrorBodySchema,
  type VersionSummary,
  type VersionPage,
  type Published,
  type PublishBody,
  type RollbackBody,
  type ErrorBody,
  HealthReportSchema,
  TagHealthSchema,
  BeaconAcceptedSchema,
  TAG_HEALTH_STATES,
  type HealthReport,
  type TagHealth,
  type TagHealthState,
  type BeaconAccepted,
} from './schemas';
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
export { reviewPublish, type PublishReview, type PublishReviewInput } from './review';
export { carrySiteSettings, describeSiteSettings, SITE_SETTINGS } from './carry';
