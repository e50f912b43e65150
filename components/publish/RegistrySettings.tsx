import { useState } from 'preact/hooks';
import type { ConfigError } from '../../lib/config/types';
import { createRegistryClient, describeRegistryError, parseRegistrySettings, type RegistryClient, type RegistryClientOptions, type RegistrySettings } from '../../lib/publish';
import { ErrorList } from './ErrorList';

/** Props of `RegistrySettingsForm`. */
export interface RegistrySettingsProps {
  /** The saved settings, if any. */
  value?: Partial<RegistrySettings>;
  /** The site whose access "Test connection" checks. */
  site?: string;
  onSave(settings: RegistrySettings): void | Promise<void>;
  /** Makes the client of "Test connection". Default: `createRegistryClient`. */
  createClient?(options: RegistryClientOptions): RegistryClient;
}

/** Registry URL and token, validated before saving, with a connection test. */
export function RegistrySettingsForm({ value, site, onSave, createClient = createRegistryClient }: RegistrySettingsProps) {
  const [registryUrl, setRegistryUrl] = useState(value?.registryUrl ?? '');
  const [token, setToken] = useState(value?.token ?? '');
  const [errors, setErrors] = useState<ConfigError[]>([]);
  const [status, setStatus] = useState('');
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);

  const validated = (): RegistrySettings | undefined => {
    setStatus('');
    setProblem('');
    const parsed = parseRegistrySettings({ registryUrl, token });
    if (!parsed.ok) {
      setErrors(parsed.errors);
      return undefined;
    }
    setErrors([]);
    return parsed.settings;
  };

  const save = async () => {
    const settings = validated();
    if (!settings) return;
    setBusy(true);
    await onSave(settings);
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
    else if (!site) setStatus('The registry answers.');
    else {
      const versions = await client.listVersions(site);
      if (versions.ok) setStatus(`Connected: the token can read site "${site}" (${versions.value.length} published versions).`);
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
      <div class="actions">
        <button type="button" disabled={busy} onClick={() => void save()}>
          Save
        </button>
        <button type="button" disabled={busy} onClick={() => void test()}>
          Test connection
        </button>
      </div>
      <ErrorList errors={errors} label="Problems in the settings" />
      {status && (
        <p role="status" class="ok">
          {status}
        </p>
      )}
      {problem && (
        <p role="alert" class="error">
          {problem}
        </p>
      )}
    </section>
  );
}
