/**
 * The tab the side panel works on and what it knows of its page: the pinned tab, or the active
 * tab of the panel's window (followed as the user switches tabs). Injects the picker quietly
 * (without starting to pick) so the panel can count matches, and connects again after each
 * page load.
 */
import { browser } from 'wxt/browser';
import { errorText, sendToBackground, sendToPicker } from '../messages';

/** What the session knows; a new object on every change. */
export interface TabSessionState {
  tabId?: number;
  url?: string;
  title?: string;
  /** Why the page cannot be tagged (no access yet, a browser page). */
  error?: string;
  /** Bumped on every (re)connection, so counts are asked again. */
  generation: number;
}

/** The part of `browser.tabs` the session uses (tests pass their own). */
export interface TabsLike {
  query(query: { active: true; currentWindow: true }): Promise<{ id?: number }[]>;
  onActivated: { addListener(l: () => void): void; removeListener(l: () => void): void };
  onUpdated: {
    addListener(l: (id: number, change: { status?: string }) => void): void;
    removeListener(l: (id: number, change: { status?: string }) => void): void;
  };
}

/** Options of `createTabSession`; the defaults are the extension's own. */
export interface TabSessionOptions {
  /** Work on this tab instead of following the active tab. */
  pinnedTabId?: number;
  onChange(state: TabSessionState): void;
  /** Default `browser.tabs`. */
  tabs?: TabsLike;
  /** Makes sure the picker is in the tab. Default: asks the background (`ensure-picker`). */
  ensurePicker?(tabId: number): Promise<{ ok: true } | { ok: false; error: string }>;
  /** The page's URL and title. Default: asks the picker (`picker:page-info`). */
  pageInfo?(tabId: number): Promise<{ url: string; title: string }>;
}

/** A running session; `stop()` removes its listeners and drops late answers. */
export interface TabSession {
  state(): TabSessionState;
  /** Connects again (the page navigated inside itself). */
  reconnect(): void;
  stop(): void;
}

export function createTabSession(options: TabSessionOptions): TabSession {
  const tabs = options.tabs ?? (browser.tabs as unknown as TabsLike);
  const ensurePicker = options.ensurePicker ?? (async (tabId: number) => {
    const answer = await sendToBackground({ type: 'ensure-picker', tabId });
    return answer.ok ? { ok: true as const } : { ok: false as const, error: answer.error };
  });
  const pageInfo = options.pageInfo ?? ((tabId: number) => sendToPicker(tabId, { type: 'picker:page-info' }));
  let state: TabSessionState = { tabId: options.pinnedTabId, generation: 0 };
  let stopped = false;
  // Each connection's number: an answer for an older one (another tab, an earlier load) is dropped.
  let attempt = 0;

  const set = (next: TabSessionState) => {
    if (stopped) return;
    state = next;
    options.onChange(state);
  };

  const connect = () => {
    const tabId = state.tabId;
    if (tabId === undefined) return;
    const mine = ++attempt;
    const current = () => !stopped && mine === attempt;
    void (async () => {
      const ready = await ensurePicker(tabId);
      if (!current()) return;
      if (!ready.ok) return set({ tabId, error: ready.error, generation: state.generation + 1 });
      try {
        const page = await pageInfo(tabId);
        if (current()) set({ tabId, url: page.url, title: page.title, generation: state.generation + 1 });
      } catch (error) {
        // The picker is gone or answered nonsense: the panel says so where the user looks.
        if (current()) set({ tabId, error: errorText(error), generation: state.generation + 1 });
      }
    })();
  };

  const onUpdated = (id: number, change: { status?: string }) => {
    if (id === state.tabId && change.status === 'complete') connect();
  };
  const pickActive = () =>
    void tabs.query({ active: true, currentWindow: true }).then(
      ([tab]) => {
        if (stopped || tab?.id === state.tabId) return;
        set({ tabId: tab?.id, generation: state.generation });
        connect();
      },
      (error: unknown) => set({ ...state, error: errorText(error) }),
    );

  tabs.onUpdated.addListener(onUpdated);
  if (options.pinnedTabId === undefined) {
    tabs.onActivated.addListener(pickActive);
    pickActive();
  } else connect();

  return {
    state: () => state,
    reconnect: connect,
    stop() {
      stopped = true;
      tabs.onUpdated.removeListener(onUpdated);
      tabs.onActivated.removeListener(pickActive);
    },
  };
}
