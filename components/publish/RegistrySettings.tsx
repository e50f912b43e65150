import { useState } from 'preact/hooks';
import type { ConfigError } from '../../lib/config/types';
import {
  createRegistryClient,
  describeRegistryError,
  parseRegistrySettings,
  RegistrySiteSchema,
  type RegistryClient,
  type RegistryClientOptions,
  type RegistrySettings,
} from '../../lib/publish';
import { ErrorList } from './ErrorList';
import { Outcome } from './Outcome';

/** Props of `RegistrySettingsForm`. */
export interface RegistrySettingsProps {
  /** The saved settings, if any. */
  value?: Partial<RegistrySettings>;
  /** The site whose access "Test connection" checks; with `origin`, the initial value of its field. */
  site?: string;
  /** The page origin being set up: shows a "Registry site" field for it, saved as `onSave`'s `site`. */
  origin?: string;
  onSave(settings: RegistrySettings, site?: string): void | Promise<void>;
  /** Makes the client of "Test connection". Default: `createRegistryClient`. */
  createClient?(options: RegistryClientOptions): RegistryClient;
}

/** Registry URL and token, validated before saving, with a connection test. */
export function RegistrySettingsForm({ value, site, origin, onSave, createClient = createRegistryClient }: RegistrySettingsProps) {
  const [registryUrl, setRegistryUrl] = useState(value?.registryUrl ?? '');
  const [siteId, setSiteId] = useState(site ?? '');
  const [token, setToken] = useState(value?.token ?? '');
  const [errors, setErrors] = useState<ConfigError[]>([]);
  const [status, setStatus] = useState('');
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);

  const validated = (): RegistrySettings | undefined => {
    setStatus('');
    setProblem('');
    const parsed = parseRegistrySettings({ registryUrl, token });
    const siteErrors: ConfigError[] = [];
    if (origin !== undefined) {
      const checked = RegistrySiteSchema.safeParse(siteId);
      if (!checked.success) siteErrors.push({ path: 'site', message: checked.error.issues[0]?.message ?? 'not a site id' });
    }
    if (!parsed.ok || siteErrors.length) {
      setErrors([...(parsed.ok ? [] : parsed.errors), ...siteErrors]);
      return undefined;
    }
    setErrors([]);
    return parsed.settings;
  };
  const chosenSite = origin !== undefined ? siteId.trim() : site;

  const save = async () => {
    const settings = validated();
    if (!settings) return;
    setBusy(true);
    await onSave(settings, chosenSite);
    setBusy(false);
    setStatus('Saved.');
  };

  const test = async () => {
    const settings = validated();
    if (!settings) return;
    setBusy(true);
    const client = createClient({ baseUrl: settings.registryUrl, token: settings.token });
    const health = await client.health();
    if (!health.ok) setProblem(describeRegistryError(health.error));
    else if (!chosenSite) setStatus('The registry answers.');
    else {
      const versions = await client.listVersions(chosenSite, { limit: 1 });
      if (versions.ok) setStatus(`Connected: the token can read site "${chosenSite}" (${versions.value.total} published versions).`);
      else setProblem(describeRegistryError(versions.error));
    }
    setBusy(false);
  };

  const fieldError = (path: string) => errors.find((e) => e.path === path)?.message;

  return (
    <section aria-labelledby="registry-heading" class="registry-settings">
      <h2 id="registry-heading">Registry</h2>
      <div class="row stacked">
        <label for="registry-url">Registry URL</label>
        <input
          id="registry-url"
          type="url"
          placeholder="https://tags.example.com"
          value={registryUrl}
          aria-invalid={fieldError('registryUrl') ? 'true' : undefined}
          onInput={(e) => setRegistryUrl(e.currentTarget.value)}
        />
      </div>
      <div class="row stacked">
        <label for="registry-token">Token</label>
        <input
          id="registry-token"
          type="password"
          autocomplete="off"
          spellcheck={false}
          placeholder="tp_..."
          value={token}
          aria-invalid={fieldError('token') ? 'true' : undefined}
          onInput={(e) => setToken(e.currentTarget.value)}
        />
      </div>
      {origin !== undefined && (
        <div class="row stacked">
          <label for="registry-site">Registry site for {origin}</label>
          <input
            id="registry-site"
            type="text"
            spellcheck={false}
            placeholder="shop"
            value={siteId}
            aria-invalid={fieldError('site') ? 'true' : undefined}
            aria-describedby="registry-site-hint"
            onInput={(e) => setSiteId(e.currentTarget.value)}
          />
          <span id="registry-site-hint" class="muted">
            The site id pages of this origin load their config from (lower-case letters, digits, dashes).
          </span>
        </div>
      )}
      <div class="actions">
        <button type="button" disabled={busy} onClick={() => void save()}>
          Save
        </button>
        <button type="button" disabled={busy} onClick={() => void test()}>
          Test connection
        </button>
      </div>
      <ErrorList errors={errors} label="Problems in the settings" />
      <Outcome status={status} problem={problem} />
    </section>
  );
}
