import { entriesToCsv, entriesToJson } from '../../lib/preview/export';
import type { SiteDrafts } from '../../lib/store';
import { Coverage } from './Coverage';
import { downloadText } from './download';
import { EventLog } from './EventLog';
import { usePreviewPanel } from './usePreviewPanel';
import './preview.css';

/** Props of PreviewPanel. */
export interface PreviewPanelProps {
  /** The previewed tab. */
  tabId: number;
  /** Its page URL. */
  url?: string;
  /** The drafts of the page's site (the side panel's, or `useSiteDrafts`), undefined without a page. */
  drafts: SiteDrafts | undefined;
}

/**
 * Preview and QA for one tab: start/stop the draft on the page, the event log with
 * why-not-fired, coverage, export. The preview itself keeps running in the background
 * (lib/preview/service.ts) when this view closes.
 */
/** The page's host as people read it (`shop.example.com`, `127.0.0.1:8788`), not the drafts' site id. */
function hostOf(url: string | undefined): string | undefined {
  try {
    return url ? new URL(url).host : undefined;
  } catch {
    // not a URL: no host to name
    return undefined;
  }
}

export function PreviewPanel({ tabId, url, drafts }: PreviewPanelProps) {
  const [state, store] = usePreviewPanel(tabId, drafts, url);
  const { preview, send, live, status, view, filter, outlined, config, configErrors, rows } = state;
  const site = drafts?.site;
  const stamp = () => new Date().toISOString().replace(/[:.]/g, '-');

  return (
    <section class="preview-panel" aria-label="Preview">
      <header>
        <h2>Preview</h2>
        <p class="page mono" data-testid="preview-url">
          {url ?? 'No page'}
        </p>
        <p data-testid="preview-draft">{config ? `${config.tags.length} draft tag${config.tags.length === 1 ? '' : 's'} for ${hostOf(url) ?? 'this site'}` : site ? 'No valid draft for this site' : ''}</p>
        {configErrors.length > 0 && (
          <ul class="errors">
            {configErrors.slice(0, 5).map((e) => (
              <li key={e.path}>
                {e.path}: {e.message}
              </li>
            ))}
          </ul>
        )}
        <div class="row">
          <label class="checkbox">
            <input type="checkbox" checked={send} disabled={preview.active} onChange={(e) => store.setSend((e.target as HTMLInputElement).checked)} />
            Also send events to the site's analytics
          </label>
          <label class="checkbox">
            <input type="checkbox" checked={live} disabled={preview.active} onChange={(e) => store.setLive((e.target as HTMLInputElement).checked)} />
            Live mode: show the site's own runtime and every analytics.track call
          </label>
        </div>
        <div class="row">
          {preview.active ? (
            <button type="button" onClick={() => void store.stop()}>
              Stop preview
            </button>
          ) : (
            <button type="button" class="primary" onClick={() => void store.start()} disabled={!config}>
              Start preview
            </button>
          )}
          <span data-testid="preview-status" class="status">
            {preview.active ? 'Preview running' : 'Preview off'}
          </span>
        </div>
        {preview.problem && <p class="warn">{preview.problem}</p>}
        {status && <p class="status">{status}</p>}
      </header>
      <div class="row">
        <div role="tablist" aria-label="Preview views">
          <button type="button" role="tab" aria-selected={view === 'log'} onClick={() => store.setView('log')}>
            Event log
          </button>
          <button type="button" role="tab" aria-selected={view === 'coverage'} onClick={() => store.setView('coverage')}>
            Coverage
          </button>
        </div>
        <span class="spacer" />
        <button type="button" onClick={() => void store.clear()}>
          Clear
        </button>
        <button type="button" onClick={() => downloadText(`tagpoint-preview-${stamp()}.json`, entriesToJson(preview.entries), 'application/json')}>
          Export JSON
        </button>
        <button type="button" onClick={() => downloadText(`tagpoint-preview-${stamp()}.csv`, entriesToCsv(preview.entries), 'text/csv')}>
          Export CSV
        </button>
      </div>
      {view === 'log' ? (
        <EventLog entries={preview.entries} filter={filter} onFilterChange={store.setFilter} onHoverEntry={store.hoverEntry} onHoverTag={store.hoverTag} />
      ) : (
        <Coverage rows={rows} outlined={outlined} onOutlinedChange={store.setOutlined} onHoverTag={store.hoverTag} url={state.presenceUrl} />
      )}
    </section>
  );
}
