/**
 * The preview view's controller: one store for one tab holding what the view renders (the
 * background's preview state, the switches, the chosen view, the log filter, coverage) and the
 * commands the view calls. The view (components/preview/PreviewPanel.tsx) only renders and
 * dispatches. Failures the user can act on go to `status`; the agent not answering is no failure
 * (there is no agent on the page yet), so it only leaves coverage empty.
 */
import type { ConfigError, TagConfig } from '../config/types';
import type { SiteDrafts } from '../store/drafts';
import { exportConfig } from '../store/exchange';
import { coverageRows, type CoverageRow } from './coverage';
import type { LogFilter } from './filter';
import type { AgentRequest, PreviewAnswer, PreviewRequest, PreviewState, TagPresence } from './schemas';

/** How the store reaches the background and the tab's agent (tests pass their own). */
export interface PreviewPanelPorts {
  sendPreviewRequest(request: PreviewRequest): Promise<PreviewAnswer>;
  onPreviewChanged(tabId: number, handler: (state: PreviewState) => void): () => void;
  /** Resolves undefined when no agent answers. */
  sendToAgent(tabId: number, request: AgentRequest): Promise<unknown>;
  /** Asks for the page origin; call inside the click's user gesture. */
  requestPreviewAccess(url: string): Promise<boolean>;
}

/** Options of `createPreviewPanelState`. */
export interface PreviewPanelOptions {
  tabId: number;
  /** The extension passes lib/preview/client.ts's functions; tests their own. */
  ports: PreviewPanelPorts;
}

/** What the preview view renders. */
export interface PreviewPanelState {
  /** The background's preview state of the tab. */
  preview: PreviewState;
  /** The switches as set for the next start (while running, the running preview's). */
  send: boolean;
  live: boolean;
  /** A message for the user about the last command, or ''. */
  status: string;
  view: 'log' | 'coverage';
  filter: LogFilter;
  outlined: boolean;
  url?: string;
  drafts?: SiteDrafts;
  /** The drafts as a config, when they form a valid one. */
  config?: TagConfig;
  /** Why the drafts do not form a config. */
  configErrors: ConfigError[];
  /** Coverage: the page the presence was measured on. */
  presenceUrl?: string;
  rows: CoverageRow[];
}

/** The store the preview view renders. */
export interface PreviewPanelStore {
  get(): PreviewPanelState;
  /** Calls `listener` after every change; returns its disposer. */
  subscribe(listener: (state: PreviewPanelState) => void): () => void;
  /** The view's inputs: the site's drafts and the tab's URL. */
  setInputs(drafts: SiteDrafts | undefined, url: string | undefined): void;
  setSend(send: boolean): void;
  setLive(live: boolean): void;
  setView(view: 'log' | 'coverage'): void;
  setFilter(filter: LogFilter): void;
  setOutlined(outlined: boolean): void;
  start(): Promise<void>;
  stop(): Promise<void>;
  clear(): Promise<void>;
  /** Outlines on the page the element of a log entry, or nothing. */
  hoverEntry(entryId: string | undefined): void;
  /** Outlines a tag's matches, or (undefined) goes back to the coverage outline or none. */
  hoverTag(tagId: string | undefined): void;
  dispose(): void;
}

const IDLE: PreviewState = { active: false, send: false, live: false, entries: [] };

function isPresence(answer: unknown): answer is { url: string; tags: TagPresence[] } {
  return typeof answer === 'object' && answer !== null && Array.isArray((answer as { tags?: unknown }).tags);
}

export function createPreviewPanelState({ tabId, ports }: PreviewPanelOptions): PreviewPanelStore {
  const listeners = new Set<(state: PreviewPanelState) => void>();
  let presence: TagPresence[] | undefined;
  let disposed = false;
  // Number of the last coverage asked: an older answer is dropped.
  let coverageAsked = 0;
  let state: PreviewPanelState = { preview: IDLE, send: false, live: false, status: '', view: 'log', filter: {}, outlined: false, configErrors: [], rows: [] };

  const set = (change: Partial<PreviewPanelState>) => {
    if (disposed) return;
    const prev = state;
    const next = { ...state, ...change };
    if ('drafts' in change && change.drafts !== prev.drafts) {
      const built = next.drafts ? exportConfig(next.drafts) : undefined;
      next.config = built?.ok ? built.config : undefined;
      next.configErrors = built && !built.ok ? built.errors : [];
    }
    next.rows = coverageRows(next.config?.tags ?? [], next.preview.entries, presence);
    state = next;
    follow(prev, next);
    for (const listener of [...listeners]) listener(state);
  };

  /** The effects of a change. */
  function follow(prev: PreviewPanelState, next: PreviewPanelState) {
    // A draft edited while previewing runs at once; switches go through start().
    if (next.config !== prev.config && next.preview.active && next.config)
      void ports.sendPreviewRequest({ type: 'preview:update', tabId, config: next.config, send: next.preview.send, live: next.preview.live }).then(answer);
    // Coverage: asked again whenever it is shown and the log or the page changes.
    if (
      next.view === 'coverage' &&
      next.preview.active &&
      (next.view !== prev.view || next.outlined !== prev.outlined || !prev.preview.active || next.preview.entries.length !== prev.preview.entries.length || next.url !== prev.url)
    ) {
      const asked = ++coverageAsked;
      void ports.sendToAgent(tabId, { type: 'preview:agent-coverage', show: next.outlined }).then((found) => {
        if (asked !== coverageAsked) return;
        presence = isPresence(found) ? found.tags : undefined;
        set({ presenceUrl: isPresence(found) ? found.url : undefined });
      });
    }
  }

  /** Takes an answer of the background into the state, or its error into the status. */
  function answer(a: PreviewAnswer, status?: string) {
    if (a.ok) set({ preview: a.state, ...(status === undefined ? {} : { status }) });
    else set({ status: a.error });
  }

  const stopChanges = ports.onPreviewChanged(tabId, (preview) => set({ preview }));
  void ports.sendPreviewRequest({ type: 'preview:state', tabId }).then((a) => {
    if (a.ok) set({ preview: a.state, send: a.state.send, live: a.state.live });
    else set({ status: a.error });
  });

  return {
    get: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setInputs(drafts, url) {
      if (drafts !== state.drafts || url !== state.url) set({ drafts, url });
    },
    setSend: (send) => set({ send }),
    setLive: (live) => set({ live }),
    setView: (view) => set({ view }),
    setFilter: (filter) => set({ filter }),
    setOutlined: (outlined) => set({ outlined }),
    async start() {
      // First, inside the click's user gesture: the browser shows its permission prompt only then.
      const access = state.url ? ports.requestPreviewAccess(state.url) : Promise.resolve(false);
      const { config, drafts, send, live } = state;
      if (!config) {
        set({ status: drafts?.site ? 'The drafts of this site do not form a valid config.' : 'This page cannot be previewed.' });
        return;
      }
      const granted = await access;
      answer(await ports.sendPreviewRequest({ type: 'preview:start', tabId, config, send, live }), granted ? '' : 'Without access to this site the preview stops at the next page load.');
    },
    async stop() {
      const a = await ports.sendPreviewRequest({ type: 'preview:stop', tabId });
      if (a.ok) set({ preview: a.state, outlined: false });
      else set({ status: a.error, outlined: false });
    },
    async clear() {
      answer(await ports.sendPreviewRequest({ type: 'preview:clear', tabId }));
    },
    hoverEntry(entryId) {
      void ports.sendToAgent(tabId, { type: 'preview:agent-outline', ...(entryId ? { entryId } : {}) });
    },
    hoverTag(tagId) {
      void ports.sendToAgent(
        tabId,
        tagId ? { type: 'preview:agent-outline', tagId } : state.outlined ? { type: 'preview:agent-coverage', show: true } : { type: 'preview:agent-outline' },
      );
    },
    dispose() {
      disposed = true;
      stopChanges();
      listeners.clear();
    },
  };
}
