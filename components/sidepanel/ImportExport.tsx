import { useState } from 'preact/hooks';
import type { ConfigError } from '../../lib/config/types';
import { exportConfig, importConfig, type SiteDrafts } from '../../lib/store';
import { downloadText } from './download';

/** Props of the import/export section. */
export interface ImportExportProps {
  drafts: SiteDrafts;
  onImport(tags: SiteDrafts['tags']): Promise<void>;
}

/** Export the site's tags as tag-config JSON; import one (validated, errors with paths). */
export function ImportExport({ drafts, onImport }: ImportExportProps) {
  const [errors, setErrors] = useState<ConfigError[]>([]);
  const [message, setMessage] = useState('');
  const [mode, setMode] = useState<'replace' | 'merge'>('merge');

  const doExport = () => {
    const result = exportConfig(drafts);
    if (!result.ok) {
      setErrors(result.errors);
      setMessage('');
      return;
    }
    setErrors([]);
    downloadText(`tagpoint-${drafts.site}.json`, result.json);
    setMessage(`Exported ${result.config.tags.length} tags (revision ${result.config.revision}).`);
  };

  const doImport = async (file: File | undefined) => {
    if (!file) return;
    const result = importConfig(await file.text(), drafts, { mode });
    if (!result.ok) {
      setErrors(result.errors);
      setMessage('');
      return;
    }
    await onImport(result.tags);
    setErrors([]);
    setMessage(`Imported ${result.imported} tags${result.fromSite !== drafts.site ? ` from site "${result.fromSite}"` : ''}.`);
  };

  return (
    <section aria-labelledby="exchange-heading" class="exchange">
      <h2 id="exchange-heading">Import and export</h2>
      <button type="button" onClick={doExport}>
        Export tag config
      </button>
      <div class="row">
        <label for="import-mode">When importing</label>
        <select id="import-mode" value={mode} onChange={(e) => setMode(e.currentTarget.value as 'replace' | 'merge')}>
          <option value="merge">merge with these tags</option>
          <option value="replace">replace these tags</option>
        </select>
      </div>
      <div class="row">
        <label for="import-file">Import tag config</label>
        <input id="import-file" type="file" accept="application/json,.json" onChange={(e) => void doImport(e.currentTarget.files?.[0])} />
      </div>
      {message && (
        <p role="status" class="ok">
          {message}
        </p>
      )}
      {errors.length > 0 && (
        <ul role="alert" class="errors" aria-label="Problems in the file">
          {errors.map((e) => (
            <li key={`${e.path}:${e.message}`} class="error">
              <code>{e.path}</code>: {e.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
