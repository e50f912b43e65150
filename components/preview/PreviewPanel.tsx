import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ConfigError } from '../../lib/config/types';
import { coverageRows } from '../../lib/preview/coverage';
import { entriesToCsv, entriesToJson } from '../../lib/preview/export';
import type { LogFilter } from '../../lib/preview/filter';
import { onPreviewChanged, requestPreviewAccess, sendPreviewRequest, sendToAgent } from '../../lib/preview/client';
import type { PreviewState, TagPresence } from '../../lib/preview/schemas';
import { exportConfig, type SiteDrafts } from '../../lib/store';
import { Coverage } from './Coverage';
import { downloadText } from './download';
import { EventLog } from './EventLog';
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

const EMPTY: PreviewState = { active: false, send: false, live: false, entries: [] };

/**
 * Preview and QA for one tab: start/stop the draft on the page, the event log with
 * why-not-fired, coverage, export. The preview itself keeps running in the background
 * (lib/preview/service.ts) when this view closes.
 */
export function PreviewPanel({ tabId, url, drafts }: PreviewPanelProps) {
  const site = drafts?.site;
  const [state, setState] = useState<PreviewState>(EMPTY);
  const [send, setSend] = useState(false);
  const [live, setLive] = useState(false);
  const [status, setStatus] = useState('');
  const [view, setView] = useState<'log' | 'coverage'>('log');
  const [filter, setFilter] = useState<LogFilter>({});
  const [presence, setPresence] = useState<{ url: string; tags: TagPresence[] } | undefined>();
  const [outlined, setOutlined] = useState(false);

  // The background's state for the tab, and its changes.
  useEffect(() => {
    let live = true;
    void sendPreviewRequest({ type: 'preview:state', tabId }).then((answer) => {
      if (!live) return;
      if (answer.ok) {
        setState(answer.state);
        setSend(answer.state.send);
        setLive(answer.state.live);
      } else setStatus(answer.error);
    });
    const stop = onPreviewChanged(tabId, (s) => live && setState(s));
    return () => {
      live = false;
      stop();
    };
  }, [tabId]);

  const built = useMemo(() => (drafts ? exportConfig(drafts) : undefined), [drafts]);
  const config = built?.ok ? built.config : undefined;
  const configErrors: ConfigError[] = built && !built.ok ? built.errors : [];

  // A draft edited while previewing runs at once.
  useEffect(() => {
    if (!state.active || !config) return;
    void sendPreviewRequest({ type: 'preview:update', tabId, config, send: state.send, live: state.live });
    // Only on draft changes; switches go through start().
  }, [config]);

  // Coverage: asked again whenever the log or the page changes.
  useEffect(() => {
    if (view !== 'coverage' || !state.active) return;
    let live = true;
    void sendToAgent(tabId, { type: 'preview:agent-coverage', show: outlined }).then((answer) => live && setPresence(answer));
    return () => {
      live = false;
    };
  }, [view, outlined, state.active, state.entries.length, url, tabId]);

  const start = async () => {
    // First, inside the click's user gesture: the browser shows its permission prompt only then.
    const access = url ? requestPreviewAccess(url) : Promise.resolve(false);
    if (!config) {
      setStatus(site ? 'The drafts of this site do not form a valid config.' : 'This page cannot be previewed.');
      return;
    }
    const granted = await access;
    const answer = await sendPreviewRequest({ type: 'preview:start', tabId, config, send, live });
    if (!answer.ok) setStatus(answer.error);
    else {
      setState(answer.state);
      setStatus(granted ? '' : 'Without access to this site the preview stops at the next page load.');
    }
  };

  const stop = async () => {
    const answer = await sendPreviewRequest({ type: 'preview:stop', tabId });
    if (answer.ok) setState(answer.state);
    setOutlined(false);
  };

  const clear = async () => {
    const answer = await sendPreviewRequest({ type: 'preview:clear', tabId });
    if (answer.ok) setState(answer.state);
  };

  const stamp = () => new Date().toISOString().replace(/[:.]/g, '-');
  const hoverEntry = (entryId: string | undefined) => void sendToAgent(tabId, { type: 'preview:agent-outline', ...(entryId ? { entryId } : {}) });
  const hoverTag = (tagId: string | undefined) => {
    if (tagId) void sendToAgent(tabId, { type: 'preview:agent-outline', tagId });
    else void sendToAgent(tabId, outlined ? { type: 'preview:agent-coverage', show: true } : { type: 'preview:agent-outline' });
  };

  const rows = coverageRows(config?.tags ?? [], state.entries, presence?.tags);

  return (
    <section class="preview-panel" aria-label="Preview">
      <header>
        <h2>Preview</h2>
        <p class="page mono" data-testid="preview-url">
          {url ?? 'No page'}
        </p>
        <p data-testid="preview-draft">{config ? `${config.tags.length} draft tag${config.tags.length === 1 ? '' : 's'} for ${config.site}` : site ? 'No valid draft for this site' : ''}</p>
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
            <input type="checkbox" checked={send} disabled={state.active} onChange={(e) => setSend((e.target as HTMLInputElement).checked)} />
            Also send events to the site's analytics
          </label>
          <label class="checkbox">
            <input type="checkbox" checked={live} disabled={state.active} onChange={(e) => setLive((e.target as HTMLInputElement).checked)} />
            Live mode: show the site's own runtime and every analytics.track call
          </label>
        </div>
        <div class="row">
          {state.active ? (
            <button type="button" onClick={() => void stop()}>
              Stop preview
            </button>
          ) : (
            <button type="button" class="primary" onClick={() => void start()} disabled={!config}>
              Start preview
            </button>
          )}
          <span data-testid="preview-status" class="status">
            {state.active ? 'Preview running' : 'Preview off'}
          </span>
        </div>
        {state.problem && <p class="warn">{state.problem}</p>}
        {status && <p class="status">{status}</p>}
      </header>
      <div class="row">
        <div role="tablist" aria-label="Preview views">
          <button type="button" role="tab" aria-selected={view === 'log'} onClick={() => setView('log')}>
            Event log
          </button>
          <button type="button" role="tab" aria-selected={view === 'coverage'} onClick={() => setView('coverage')}>
            Coverage
          </button>
        </div>
        <span class="spacer" />
        <button type="button" onClick={() => void clear()}>
          Clear
        </button>
        <button type="button" onClick={() => downloadText(`tagpoint-preview-${stamp()}.json`, entriesToJson(state.entries), 'application/json')}>
          Export JSON
        </button>
        <button type="button" onClick={() => downloadText(`tagpoint-preview-${stamp()}.csv`, entriesToCsv(state.entries), 'text/csv')}>
          Export CSV
        </button>
      </div>
      {view === 'log' ? (
        <EventLog entries={state.entries} filter={filter} onFilterChange={setFilter} onHoverEntry={hoverEntry} onHoverTag={hoverTag} />
      ) : (
        <Coverage rows={rows} outlined={outlined} onOutlinedChange={setOutlined} onHoverTag={hoverTag} url={presence?.url} />
      )}
    </section>
  );
}
