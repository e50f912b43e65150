import { CONFIG_VERSION } from './limits';
import type { ConfigError } from './types';

/**
 * Upgrades from an older format version to the next one, keyed by the version they read.
 * Version 1 is the first public version, so there is none yet; a breaking change adds
 * `MIGRATIONS[1] = (v1) => v2` here and bumps CONFIG_VERSION.
 */
const MIGRATIONS: Record<number, (config: Record<string, unknown>) => Record<string, unknown>> = {};

/** The outcome of bringing a config to the current format version. */
export type MigrateResult = { ok: true; value: unknown; migratedFrom?: number } | { ok: false; error: ConfigError };

/** Brings a config of an older known version to CONFIG_VERSION; leaves anything else for the schema to judge. */
export function migrateConfig(input: unknown): MigrateResult {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return { ok: true, value: input };
  const start = (input as { version?: unknown }).version;
  if (typeof start !== 'number' || !Number.isInteger(start)) return { ok: true, value: input };
  if (start > CONFIG_VERSION) {
    return {
      ok: false,
      error: {
        path: 'version',
        message: `version ${start} is newer than this Tagpoint understands (${CONFIG_VERSION}); update Tagpoint`,
      },
    };
  }
  let value = input as Record<string, unknown>;
  for (let version = start; version < CONFIG_VERSION; version++) {
    const step = MIGRATIONS[version];
    if (!step) return { ok: true, value: input };
    value = { ...step(value), version: version + 1 };
  }
  return start === CONFIG_VERSION ? { ok: true, value } : { ok: true, value, migratedFrom: start };
}
