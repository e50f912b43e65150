/**
 * The side panel's tag health: the registry's report for the page's site, fetched when the
 * panel opens, again every `intervalMs`, and on `refresh()`; kept here so the view only renders.
 * Uses the extension's registry settings (a viewer token is enough) and lib/publish's client.
 */
import type { RegistryClient, RegistryClientOptions } from '../publish/client';
import type { ExtensionRegistrySettings } from '../publish/settings';
import { registrySiteFor } from '../publish/settings';
import { describeReport, describeWindow, type TagHealthView } from './describe';

/** What the view shows. */
export type HealthWatchState =
  | { kind: 'off'; reason: string }
  | { kind: 'loading' }
  | { kind: 'ready'; site: string; window: string; tags: Map<string, TagHealthView> }
  | { kind: 'error'; message: string };

/** Options of `createHealthWatch`. */
export interface HealthWatchOptions {
  /** The page being tagged; its origin picks the registry site. */
  url: string;
  /** The registry settings, or undefined when none are set. */
  settings: ExtensionRegistrySettings | undefined;
  createClient(options: RegistryClientOptions): RegistryClient;
  /** The report's window, as GET /health takes it. Default `24h`. */
  since?: string;
  /** How often to fetch again, in ms; 0 = never by itself. Default 300,000 (the report is per hour). */
  intervalMs?: number;
  onChange(state: HealthWatchState): void;
}

/** Starts watching; `stop()` ends the timer and drops late answers. */
export function createHealthWatch(options: HealthWatchOptions): { refresh(): Promise<void>; stop(): void } {
  let stopped = false;
  let timer: ReturnType<typeof setInterval> | undefined;
  const set = (state: HealthWatchState) => !stopped && options.onChange(state);
  const site = options.settings && registrySiteFor(options.settings, options.url);
  const client = options.settings && site ? options.createClient({ baseUrl: options.settings.registryUrl, token: options.settings.token }) : undefined;

  const refresh = async () => {
    if (!client || !site) {
      set({ kind: 'off', reason: options.settings ? 'No registry site is set for this origin.' : 'Set the registry to see tag health.' });
      return;
    }
    try {
      const result = await client.tagHealth(site, { since: options.since ?? '24h' });
      if (!result.ok) set({ kind: 'error', message: result.error.message });
      else set({ kind: 'ready', site, window: describeWindow(result.value), tags: describeReport(result.value) });
    } catch (error) {
      // The client reports HTTP and network failures as results; anything else still only costs the health line.
      set({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  };

  set({ kind: 'loading' });
  void refresh();
  const every = options.intervalMs ?? 300_000;
  if (every > 0 && client) timer = setInterval(() => void refresh(), every);
  return {
    refresh,
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
