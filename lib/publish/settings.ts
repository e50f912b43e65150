import type { ConfigError } from '../config';
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
    return false;
  }
}
