import { useEffect, useMemo, useState } from 'preact/hooks';
import { createHealthWatch, type HealthWatchState } from '../../lib/health/watch';
import { createRegistryClient, type RegistryClient, type RegistryClientOptions } from '../../lib/publish';
import { createRegistrySettingsStore, type LoadedRegistrySettings, type RegistrySettingsStore } from '../../lib/store';

/** Options of `useTagHealth`; the defaults are the extension's own. */
export interface UseTagHealthOptions {
  settingsStore?: RegistrySettingsStore;
  createClient?(options: RegistryClientOptions): RegistryClient;
  intervalMs?: number;
}

/** The registry's tag health for the page's site (lib/health/watch.ts), following the registry settings. */
export function useTagHealth(url: string | undefined, options: UseTagHealthOptions = {}): HealthWatchState {
  const store = useMemo(() => options.settingsStore ?? createRegistrySettingsStore(), [options.settingsStore]);
  useEffect(() => () => options.settingsStore === undefined && store.dispose(), [store, options.settingsStore]);
  const [loaded, setLoaded] = useState<LoadedRegistrySettings | undefined | 'loading'>('loading');
  const [state, setState] = useState<HealthWatchState>({ kind: 'loading' });

  useEffect(() => {
    let live = true;
    void store.load().then((l) => live && setLoaded(l));
    const stop = store.subscribe((l) => live && setLoaded(l));
    return () => {
      live = false;
      stop();
    };
  }, [store]);

  const settings = loaded === 'loading' ? undefined : loaded?.settings;
  useEffect(() => {
    if (loaded === 'loading' || !url) return undefined;
    const watch = createHealthWatch({ url, settings, createClient: options.createClient ?? createRegistryClient, intervalMs: options.intervalMs, onChange: setState });
    return () => watch.stop();
  }, [url, loaded === 'loading', settings?.registryUrl, settings?.token, settings && JSON.stringify(settings.sites)]);
  return state;
}
