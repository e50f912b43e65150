import { browser } from 'wxt/browser';
import type { ConfigError } from '../config/types';
import { z } from '../config/zod';
import { parseDemoDefaults, parseExtensionRegistrySettings, type ExtensionRegistrySettings } from '../publish/settings';
import type { StorageAreaLike } from './drafts';
import { createKeyWatcher, type StorageChangedEvent } from './key-watcher';

/** Storage key of the registry settings (beside the drafts in `storage.local`). */
export const REGISTRY_SETTINGS_KEY = 'tagpoint:registry';
/** Layout version of the stored settings record; a newer one is left alone, never rewritten. */
export const REGISTRY_SETTINGS_VERSION = 1;
/** Where `npm start` puts its defaults inside its copy of the extension. */
export const DEMO_DEFAULTS_PATH = '/demo-defaults.json';

/** The record as stored: the settings plus its layout version. Validated again on every read. */
const StoredRegistrySettingsSchema = z.object({ version: z.number().int(), settings: z.unknown() });

/** Settings and where they came from: saved by the user, or the packaged demo defaults. */
export interface LoadedRegistrySettings {
  settings: ExtensionRegistrySettings;
  source: 'saved' | 'defaults';
}

/** Options of `createRegistrySettingsStore`. */
export interface RegistrySettingsStoreOptions {
  /** Default: `browser.storage.local`. */
  area?: StorageAreaLike;
  /** Default: `browser.storage.onChanged`. */
  onChanged?: StorageChangedEvent;
  /** Area name whose changes `subscribe` follows. Default `'local'`. */
  areaName?: string;
  /**
   * Reads packaged defaults as JSON, or undefined when there are none. Default:
   * `readPackagedDefaults` (the extension's own `demo-defaults.json`).
   */
  readDefaults?: () => Promise<unknown>;
}

/** The extension's registry settings in storage, with packaged defaults when none are saved. */
export interface RegistrySettingsStore {
  /** Saved settings if valid, else valid packaged defaults, else undefined. */
  load(): Promise<LoadedRegistrySettings | undefined>;
  /** Validates and saves; returns the errors with their paths instead when invalid. */
  save(input: unknown): Promise<{ ok: true; settings: ExtensionRegistrySettings } | { ok: false; errors: ConfigError[] }>;
  /** Calls `listener` when saved settings change (from any extension page). */
  subscribe(listener: (loaded: LoadedRegistrySettings | undefined) => void): () => void;
  /**
   * The settings now and after every change: `load`, then `subscribe`. A failed load goes to
   * `onError`. Returns the disposer; no call comes after it.
   */
  follow(listener: (loaded: LoadedRegistrySettings | undefined) => void, onError?: (error: unknown) => void): () => void;
  dispose(): void;
}

/**
 * Fetches the extension's `demo-defaults.json`; undefined when the file is not there (every
 * build but the copy `npm start` loads) or is not JSON.
 */
export async function readPackagedDefaults(): Promise<unknown> {
  try {
    // The path is not one WXT knows at build time (the file is added to a copy later).
    const url = (browser.runtime.getURL as (path: string) => string)(DEMO_DEFAULTS_PATH);
    const response = await fetch(url);
    return response.ok ? await response.json() : undefined;
  } catch {
    // Chromium answers a missing extension file with a network error, not a 404.
    return undefined;
  }
}

/** Creates the settings store. Nothing is read until the first call. */
export function createRegistrySettingsStore(options: RegistrySettingsStoreOptions = {}): RegistrySettingsStore {
  const area: StorageAreaLike = options.area ?? (browser.storage.local as unknown as StorageAreaLike);
  const watcher = createKeyWatcher(options.onChanged ?? browser.storage.onChanged, options.areaName ?? 'local');
  const readDefaults = options.readDefaults ?? readPackagedDefaults;

  function fromStored(raw: unknown): ExtensionRegistrySettings | undefined {
    const record = StoredRegistrySettingsSchema.safeParse(raw);
    if (!record.success || record.data.version !== REGISTRY_SETTINGS_VERSION) return undefined;
    const parsed = parseExtensionRegistrySettings(record.data.settings);
    return parsed.ok ? parsed.settings : undefined;
  }

  async function defaults(): Promise<LoadedRegistrySettings | undefined> {
    const json = await readDefaults();
    if (json === undefined) return undefined;
    const parsed = parseDemoDefaults(json);
    return parsed.ok ? { settings: parsed.settings, source: 'defaults' } : undefined;
  }

  async function load(): Promise<LoadedRegistrySettings | undefined> {
    const saved = fromStored((await area.get(REGISTRY_SETTINGS_KEY))[REGISTRY_SETTINGS_KEY]);
    return saved ? { settings: saved, source: 'saved' } : defaults();
  }

  const store: RegistrySettingsStore = {
    load,
    async save(input) {
      const parsed = parseExtensionRegistrySettings(input);
      if (!parsed.ok) return parsed;
      await area.set({ [REGISTRY_SETTINGS_KEY]: { version: REGISTRY_SETTINGS_VERSION, settings: parsed.settings } });
      return parsed;
    },
    subscribe(listener) {
      return watcher.watch(REGISTRY_SETTINGS_KEY, (newValue) => {
        const saved = fromStored(newValue);
        if (saved) listener({ settings: saved, source: 'saved' });
        else void defaults().then(listener);
      });
    },
    follow(listener, onError) {
      let live = true;
      void load().then(
        (loaded) => live && listener(loaded),
        (error: unknown) => live && onError?.(error),
      );
      const stop = store.subscribe((loaded) => live && listener(loaded));
      return () => {
        live = false;
        stop();
      };
    },
    dispose() {
      watcher.dispose();
    },
  };
  return store;
}
