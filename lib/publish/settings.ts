import { SITE_ID_PATTERN, type ConfigError } from '../config';
import { z } from '../config/zod';
import { issuesToErrors } from './issues';

/** Where the extension publishes: the registry's root URL and a token (kept in extension storage). */
export const RegistrySettingsSchema = z.strictObject({
  registryUrl: z
    .string()
    .trim()
    .refine((text) => isHttpUrl(text), 'registry URL must be an http:// or https:// address, such as https://tags.example.com'),
  token: z
    .string()
    .trim()
    .regex(/^tp_[A-Za-z0-9_-]{10,200}$/, 'token must be a Tagpoint token (tp_...), as printed by `tagpoint token create`'),
});

export type RegistrySettings = z.infer<typeof RegistrySettingsSchema>;

/** Validates settings typed by the user or read back from storage. */
export function parseRegistrySettings(input: unknown): { ok: true; settings: RegistrySettings } | { ok: false; errors: ConfigError[] } {
  const parsed = RegistrySettingsSchema.safeParse(input);
  if (parsed.success) return { ok: true, settings: { ...parsed.data, registryUrl: parsed.data.registryUrl.replace(/\/+$/, '') } };
  return { ok: false, errors: issuesToErrors(parsed.error.issues) };
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '' && url.password === '';
  } catch {
    // Not a URL at all: not an http(s) URL.
    return false;
  }
}

/** A registry site id, as `lib/config` defines it. */
export const RegistrySiteSchema = z.string().trim().regex(SITE_ID_PATTERN, 'site id: lower-case letters, digits and dashes, such as "shop"');

/**
 * The extension's registry settings: where and with which token to publish, and which
 * registry site each page origin publishes to (one registry serves several sites).
 */
export const ExtensionRegistrySettingsSchema = RegistrySettingsSchema.extend({
  /** Registry site id per page origin (`http://127.0.0.1:8788` → `demo`). */
  sites: z.record(
    z.string().refine((text) => originOf(text) === text, 'keys must be page origins, such as https://shop.example.com'),
    RegistrySiteSchema,
  ),
});
export type ExtensionRegistrySettings = z.infer<typeof ExtensionRegistrySettingsSchema>;

/** Validates the extension's settings; the URL loses trailing slashes. */
export function parseExtensionRegistrySettings(
  input: unknown,
): { ok: true; settings: ExtensionRegistrySettings } | { ok: false; errors: ConfigError[] } {
  const parsed = ExtensionRegistrySettingsSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: issuesToErrors(parsed.error.issues) };
  return { ok: true, settings: { ...parsed.data, registryUrl: parsed.data.registryUrl.replace(/\/+$/, '') } };
}

/**
 * Reads the `demo-defaults.json` that `npm start` packs into its copy of the extension
 * (`{ registryUrl, token, sites }`, written by lib/demo/extension-defaults.ts). Origins
 * written with a path or trailing slash are reduced to the origin. The file is untrusted
 * data like any other input: anything off-shape is refused with its paths.
 */
export function parseDemoDefaults(json: unknown): { ok: true; settings: ExtensionRegistrySettings } | { ok: false; errors: ConfigError[] } {
  if (typeof json === 'object' && json !== null && !Array.isArray(json)) {
    const sites = (json as { sites?: unknown }).sites;
    if (typeof sites === 'object' && sites !== null && !Array.isArray(sites)) {
      const normalized = Object.fromEntries(Object.entries(sites).map(([key, value]) => [originOf(key) ?? key, value]));
      return parseExtensionRegistrySettings({ ...json, sites: normalized });
    }
  }
  return parseExtensionRegistrySettings(json);
}

/** The registry site a page publishes to, per the settings; undefined when none is set for its origin. */
export function registrySiteFor(settings: Pick<ExtensionRegistrySettings, 'sites'>, pageUrl: string): string | undefined {
  const origin = originOf(pageUrl);
  return origin === undefined ? undefined : settings.sites[origin];
}

/** The origin of an http(s) URL (`http://127.0.0.1:8788`), or undefined. */
export function originOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : undefined;
  } catch {
    // Not a URL: it has no origin.
    return undefined;
  }
}
