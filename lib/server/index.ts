/** The config registry (Node only): HTTP API, SQLite store, static mirror, tokens. See README.md here. */
export { createRegistry, type Registry, type ErrorBody } from './registry';
export { resolveRegistryOptions, DEFAULT_RUNTIME_BUNDLE_PATH, type RegistryOptions, type ResolvedRegistryOptions } from './options';
export { openDatabase, SCHEMA_VERSION, type Db } from './db';
export { createStore, type RegistryStore, type VersionSummary, type StoredVersion, type TokenRecord, type PublishOutcome } from './store';
export { createMirror, type Mirror } from './mirror';
export { generateToken, hashToken, isTokenShaped, TOKEN_ROLES, type TokenRole } from './tokens';
