import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DemoDefaultsSchema } from '../../../lib/demo/extension-defaults';
import { parseDemoDefaults, parseExtensionRegistrySettings, registrySiteFor } from '../../../lib/publish';
import { createRegistrySettingsStore, REGISTRY_SETTINGS_KEY } from '../../../lib/store';

const token = 'tp_abcdefghijklmnop';
const demo = { registryUrl: 'http://127.0.0.1:8787/', token, sites: { 'http://127.0.0.1:8788': 'demo' } };

describe('parseDemoDefaults', () => {
  it('reads what lib/demo writes (DemoDefaultsSchema) and normalises URL and origins', () => {
    const written = DemoDefaultsSchema.parse({ ...demo, sites: { 'http://127.0.0.1:8788/': 'demo' } });
    const parsed = parseDemoDefaults(written);
    expect(parsed).toEqual({ ok: true, settings: { registryUrl: 'http://127.0.0.1:8787', token, sites: { 'http://127.0.0.1:8788': 'demo' } } });
  });

  it.each([
    ['not an object', 'x', ['']],
    ['a bad URL', { ...demo, registryUrl: 'javascript:alert(1)' }, ['registryUrl']],
    ['a token that is not a Tagpoint token', { ...demo, token: 'secret' }, ['token']],
    ['a bad site id', { ...demo, sites: { 'http://127.0.0.1:8788': 'Demo Shop' } }, ['sites["http://127.0.0.1:8788"]']],
    ['a key that is not an origin', { ...demo, sites: { 'shop.example': 'demo' } }, ['sites["shop.example"]']],
    ['an unknown field', { ...demo, script: 'x' }, ['']],
  ])('refuses %s with the paths', (_name, input, paths) => {
    const parsed = parseDemoDefaults(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.map((e) => e.path.replace(/^\(root\)$/, ''))).toEqual(paths);
  });
});

describe('registrySiteFor', () => {
  it.each([
    ['http://127.0.0.1:8788/products/?q=1', 'demo'],
    ['http://127.0.0.1:9999/', undefined],
    ['https://127.0.0.1:8788/', undefined],
    ['chrome://extensions', undefined],
    ['not a url', undefined],
  ])('%s → %s', (url, site) => {
    expect(registrySiteFor({ sites: { 'http://127.0.0.1:8788': 'demo' } }, url)).toBe(site);
  });
});

describe('createRegistrySettingsStore (browser.storage.local through the fake browser)', () => {
  beforeEach(() => fakeBrowser.reset());

  it('falls back to packaged defaults until settings are saved, then keeps the saved ones', async () => {
    const store = createRegistrySettingsStore({ readDefaults: async () => demo });
    expect(await store.load()).toMatchObject({ source: 'defaults', settings: { registryUrl: 'http://127.0.0.1:8787' } });
    const saved = await store.save({ registryUrl: 'https://tags.example.com/', token, sites: { 'https://shop.example.com': 'shop' } });
    expect(saved.ok).toBe(true);
    expect(await store.load()).toEqual({
      source: 'saved',
      settings: { registryUrl: 'https://tags.example.com', token, sites: { 'https://shop.example.com': 'shop' } },
    });
    expect((await fakeBrowser.storage.local.get(REGISTRY_SETTINGS_KEY))[REGISTRY_SETTINGS_KEY]).toMatchObject({ version: 1 });
    store.dispose();
  });

  it('has no settings when there are neither saved nor valid defaults', async () => {
    expect(await createRegistrySettingsStore({ readDefaults: async () => undefined }).load()).toBeUndefined();
    expect(await createRegistrySettingsStore({ readDefaults: async () => ({ ...demo, token: 'nope' }) }).load()).toBeUndefined();
  });

  it('ignores a stored record that is invalid or from a newer layout, and refuses invalid saves', async () => {
    const store = createRegistrySettingsStore({ readDefaults: async () => undefined });
    await fakeBrowser.storage.local.set({ [REGISTRY_SETTINGS_KEY]: { version: 2, settings: { ...demo } } });
    expect(await store.load()).toBeUndefined();
    await fakeBrowser.storage.local.set({ [REGISTRY_SETTINGS_KEY]: { version: 1, settings: { ...demo, token: 42 } } });
    expect(await store.load()).toBeUndefined();
    const refused = await store.save({ registryUrl: 'ftp://x', token, sites: {} });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.errors.map((e) => e.path)).toEqual(['registryUrl']);
  });

  it('tells subscribers about saves from another page, and stops after dispose', async () => {
    const store = createRegistrySettingsStore({ readDefaults: async () => undefined });
    const seen: unknown[] = [];
    store.subscribe((loaded) => seen.push(loaded?.settings.registryUrl));
    // A second page that stays subscribed: it hears every save the first would have heard.
    const other = createRegistrySettingsStore({ readDefaults: async () => undefined });
    const otherSeen: unknown[] = [];
    other.subscribe((loaded) => otherSeen.push(loaded?.settings.registryUrl));
    try {
      await createRegistrySettingsStore().save({ ...demo, registryUrl: 'https://a.example' });
      await vi.waitFor(() => expect(seen).toEqual(['https://a.example']));
      store.dispose();
      await createRegistrySettingsStore().save({ ...demo, registryUrl: 'https://b.example' });
      await vi.waitFor(() => expect(otherSeen).toEqual(['https://a.example', 'https://b.example']));
      expect(seen).toEqual(['https://a.example']);
    } finally {
      other.dispose();
    }
  });
});

describe('parseExtensionRegistrySettings', () => {
  it('accepts settings with no site yet', () => {
    expect(parseExtensionRegistrySettings({ registryUrl: 'https://tags.example.com', token, sites: {} }).ok).toBe(true);
  });
});
