import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Tag, TagConfig } from '../../lib/config/types';
import {
  createRegistryClient,
  diffConfigs,
  originOf,
  registrySiteFor,
  type ExtensionRegistrySettings,
  type RegistryClient,
  type RegistryClientOptions,
  type RegistrySettings,
} from '../../lib/publish';
import { createRegistrySettingsStore, exportConfig, type LoadedRegistrySettings, type RegistrySettingsStore, type SiteDrafts } from '../../lib/store';
import { reportTo } from '../../lib/debug';
import { ErrorList } from './ErrorList';
import { PublishDialog } from './PublishDialog';
import { RegistrySettingsForm } from './RegistrySettings';
import { VersionHistory } from './VersionHistory';

/** Props of `PublishPanel`. */
export interface PublishPanelProps {
  /** The page being tagged; its origin picks the registry site. */
  url: string;
  /** The drafts of the page's site: what "Publish" sends. */
  drafts: SiteDrafts;
  /** Replaces the drafts with the tags of the live config ("Pull live"), `revision` being the live one. */
  onPull(tags: Tag[], revision: number): Promise<void>;
  /** The drafts were published as `revision`. */
  onPublished?(revision: number): void;
  /** Default: `createRegistrySettingsStore()` (extension storage, demo defaults). */
  settingsStore?: RegistrySettingsStore;
  /** Default: `createRegistryClient`. */
  createClient?(options: RegistryClientOptions): RegistryClient;
}

/**
 * Publishing in the side panel: registry settings (with the site this origin publishes to),
 * review-and-publish against the live version, and the history with rollback and pull.
 */
export function PublishPanel({ url, drafts, onPull, onPublished, settingsStore, createClient = createRegistryClient }: PublishPanelProps) {
  const store = useMemo(() => settingsStore ?? createRegistrySettingsStore(), [settingsStore]);
  // A store passed in belongs to the caller, which disposes it.
  useEffect(() => () => settingsStore === undefined && store.dispose(), [store, settingsStore]);
  const [loaded, setLoaded] = useState<LoadedRegistrySettings | undefined | 'loading'>('loading');
  const [editing, setEditing] = useState(false);
  const [reviewing, setReviewing] = useState(0);
  const [refreshKey, setRefreshKey] = useState(0);

  useEffect(
    () =>
      store.follow(setLoaded, (error) => {
        // Unreadable storage: recorded, and the form asks for settings instead of loading forever.
        reportTo('publish: load the registry settings')(error);
        setLoaded(undefined);
      }),
    [store],
  );

  const origin = originOf(url);
  const settings = loaded === 'loading' ? undefined : loaded?.settings;
  const site = settings ? registrySiteFor(settings, url) : undefined;
  const client = useMemo(
    () => (settings ? createClient({ baseUrl: settings.registryUrl, token: settings.token }) : undefined),
    [settings?.registryUrl, settings?.token, createClient],
  );
  // The registry checks that the config names the site it is published to.
  const exported = useMemo(() => (site ? exportConfig({ site, revision: 0, tags: drafts.tags }) : undefined), [site, drafts.tags]);

  if (loaded === 'loading') return <p role="status">Loading the registry settings…</p>;
  if (!origin) return <p>Publishing needs a web page (http or https).</p>;

  const save = async (next: RegistrySettings, siteId?: string) => {
    const merged: ExtensionRegistrySettings = { ...next, sites: { ...(settings?.sites ?? {}), ...(siteId ? { [origin]: siteId } : {}) } };
    const result = await store.save(merged);
    if (result.ok) {
      setLoaded({ settings: result.settings, source: 'saved' });
      setEditing(false);
    }
  };

  const pullWarning = (live: TagConfig): string | undefined => {
    if (drafts.tags.length === 0) return undefined;
    const diff = diffConfigs(live, drafts);
    if (diff.isEmpty) return undefined;
    const parts = [
      diff.added.length && `${diff.added.length} tag(s) not in it`,
      diff.changed.length && `${diff.changed.length} changed`,
      diff.removed.length && `${diff.removed.length} of its tags deleted`,
    ].filter(Boolean);
    return `Your drafts differ from live revision ${live.revision} (${parts.join(', ')}). Pulling replaces your ${drafts.tags.length} draft tag(s).`;
  };

  const showForm = editing || !settings || !site;
  return (
    <div class="publish-panel">
      {settings && site && !editing && (
        <p class="muted" data-testid="publish-target">
          Publishes to site <strong>{site}</strong> at {settings.registryUrl}
          {loaded?.source === 'defaults' ? ' (settings from npm start)' : ''}.{' '}
          <button type="button" onClick={() => setEditing(true)}>
            Registry settings
          </button>
        </p>
      )}
      {showForm && (
        <>
          {!settings && <p>Set the registry to publish to, and the site this origin's tags belong to.</p>}
          {settings && !site && <p>Choose the registry site that {origin} publishes to.</p>}
          <RegistrySettingsForm
            key={`${settings?.registryUrl}|${site}`}
            value={settings}
            origin={origin}
            site={site ?? ''}
            createClient={createClient}
            onSave={save}
          />
          {editing && (
            <button type="button" onClick={() => setEditing(false)}>
              Close settings
            </button>
          )}
        </>
      )}
      {client && site && !editing && (
        <>
          {reviewing === 0 && (
            <button type="button" class="primary" onClick={() => setReviewing((n) => n + 1)}>
              Review and publish
            </button>
          )}
          {reviewing > 0 && exported?.ok && (
            <PublishDialog
              key={reviewing}
              client={client}
              site={site}
              draft={exported.config}
              basedOn={drafts.basedOn}
              onPublished={(revision) => {
                setRefreshKey((n) => n + 1);
                onPublished?.(revision);
              }}
              onClose={() => setReviewing(0)}
            />
          )}
          {reviewing > 0 && exported && !exported.ok && (
            <>
              <p role="alert" class="error">
                The drafts do not form a valid config; fix them before publishing.
              </p>
              <ErrorList errors={exported.errors} label="Problems in the drafts" />
            </>
          )}
          <VersionHistory
            client={client}
            site={site}
            refreshKey={refreshKey}
            onRolledBack={() => setRefreshKey((n) => n + 1)}
            onPull={(config) => onPull(config.tags, config.revision)}
            pullWarning={pullWarning}
          />
        </>
      )}
    </div>
  );
}
