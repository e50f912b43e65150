/**
 * The background side of the preview. It remembers "preview on for tab X" (with its draft,
 * send and live switches, and the tab's log) in `storage.session`, injects the agent again
 * after every page load in that tab (`tabs.onUpdated` status complete), collects the
 * agent's log entries and tells the extension pages when a tab's log changes.
 *
 * Permissions: injecting after a navigation needs access to the new page's origin —
 * activeTab is per user gesture and lost on navigation to another origin — so the preview
 * page asks for the origin (`optional_host_permissions`) when preview starts (client.ts).
 * When access is missing the state says so in `problem` and preview resumes where it can.
 */
import { browser } from 'wxt/browser';
import { reportTo } from '../debug/log';
import { errorText } from '../messages/error-text';
import { isFromContentScript, isFromExtensionPage, type SenderLike } from '../messages/guard';
import { previewLimits, type PreviewLimits } from './limits';
import {
  AgentAnswerSchemas,
  AgentEventSchema,
  PreviewRequestSchema,
  type HelloAnswer,
  type LogEntry,
  type PreviewAnswer,
  type PreviewRequest,
  type PreviewState,
} from './schemas';

/** The agent's built file (WXT unlisted script `entrypoints/preview-agent.ts`). */
export const PREVIEW_AGENT_FILE = '/preview-agent.js';
/** The main-world helper's built file (`entrypoints/preview-main.ts`). */
export const PREVIEW_MAIN_FILE = '/preview-main.js';
/** Key prefix of a tab's preview in `storage.session`. */
export const PREVIEW_KEY_PREFIX = 'tagpoint:preview:';

interface TabPreview {
  active: boolean;
  config: unknown;
  send: boolean;
  live: boolean;
  problem?: string;
  entries: LogEntry[];
}

/** Options of `createPreviewService`. */
export interface PreviewServiceOptions {
  limits?: Partial<PreviewLimits>;
  /** Delay before a changed tab is written to `storage.session`, in ms. Default 200. */
  persistDelayMs?: number;
  /** Delay before extension pages are told a tab's log changed, in ms. Default 50. */
  broadcastDelayMs?: number;
}

/** The running service. */
export interface PreviewService {
  dispose(): void;
}

/** Registers the preview's listeners in the background worker. */
export function createPreviewService(options: PreviewServiceOptions = {}): PreviewService {
  const limits = previewLimits(options.limits);
  // From the URL string: `new URL('chrome-extension://…').origin` is 'null' outside browsers.
  const extensionOrigin = browser.runtime.getURL('/').replace(/\/$/, '');
  const tabs = new Map<number, TabPreview>();
  const timers = new Map<number, ReturnType<typeof setTimeout>>();

  const key = (tabId: number) => `${PREVIEW_KEY_PREFIX}${tabId}`;

  // The worker may have been stopped and started again: the tab's state is read back.
  const load = async (tabId: number): Promise<TabPreview | undefined> => {
    const known = tabs.get(tabId);
    if (known) return known;
    const stored = (await browser.storage.session.get(key(tabId)))[key(tabId)] as TabPreview | undefined;
    if (stored && typeof stored === 'object' && Array.isArray(stored.entries)) {
      tabs.set(tabId, stored);
      return stored;
    }
    return undefined;
  };

  const persist = (tabId: number) => {
    if (timers.has(tabId)) return;
    timers.set(
      tabId,
      setTimeout(() => {
        timers.delete(tabId);
        const state = tabs.get(tabId);
        void (state ? browser.storage.session.set({ [key(tabId)]: state }) : browser.storage.session.remove(key(tabId))).catch(reportTo('background: keep the preview state of a tab'));
      }, options.persistDelayMs ?? 200),
    );
  };

  const view = (state: TabPreview | undefined): PreviewState => ({
    active: !!state?.active,
    send: !!state?.send,
    live: !!state?.live,
    ...(state?.problem ? { problem: state.problem } : {}),
    entries: state?.entries ?? [],
  });

  // Coalesced: a busy page (live mode) changes the log many times a second, and each
  // broadcast carries the whole capped log.
  const broadcasts = new Map<number, ReturnType<typeof setTimeout>>();
  const changed = (tabId: number) => {
    persist(tabId);
    if (broadcasts.has(tabId)) return;
    broadcasts.set(
      tabId,
      setTimeout(() => {
        broadcasts.delete(tabId);
        // Rejects when no extension page is open to listen, the usual case: nothing to report.
        void browser.runtime.sendMessage({ type: 'preview:changed', tabId, state: view(tabs.get(tabId)) }).catch(() => undefined);
      }, options.broadcastDelayMs ?? 50),
    );
  };

  const pingAgent = async (tabId: number): Promise<boolean> => {
    try {
      const answer = await browser.tabs.sendMessage(tabId, { type: 'preview:agent-ping' });
      return AgentAnswerSchemas['preview:agent-ping'].safeParse(answer).success;
    } catch {
      // No agent in the tab (not injected yet, or the page navigated): that is the answer,
      // and the caller injects one.
      return false;
    }
  };

  /** Puts the agent (and, when needed, the main-world helper) into the tab's top frame. */
  const inject = async (tabId: number, state: TabPreview): Promise<void> => {
    try {
      if (state.live || state.send) {
        await browser.scripting.executeScript({ target: { tabId }, files: [PREVIEW_MAIN_FILE], world: 'MAIN' });
      }
      if (await pingAgent(tabId)) {
        await browser.tabs.sendMessage(tabId, { type: 'preview:agent-update', config: state.config, send: state.send, live: state.live });
      } else {
        await browser.scripting.executeScript({ target: { tabId }, files: [PREVIEW_AGENT_FILE] });
      }
      if (state.problem) {
        delete state.problem;
        changed(tabId);
      }
    } catch (error) {
      state.problem = `Preview cannot run on this page: ${errorText(error, { maxLength: 300 })}. Allow Tagpoint on this site (Start preview asks) or click the toolbar button.`;
      changed(tabId);
    }
  };

  const handleRequest = async (request: PreviewRequest): Promise<PreviewAnswer> => {
    const { tabId } = request;
    switch (request.type) {
      case 'preview:start':
      case 'preview:update': {
        const previous = await load(tabId);
        if (request.type === 'preview:update' && !previous?.active) return { ok: true, state: view(previous) };
        const state: TabPreview = { active: true, config: request.config, send: request.send, live: request.live, entries: previous?.entries ?? [] };
        tabs.set(tabId, state);
        await inject(tabId, state);
        changed(tabId);
        return { ok: true, state: view(state) };
      }
      case 'preview:stop': {
        const state = await load(tabId);
        if (state) {
          state.active = false;
          delete state.problem;
        }
        try {
          await browser.tabs.sendMessage(tabId, { type: 'preview:agent-stop' });
        } catch {
          // No agent there (closed page, no access): nothing runs.
        }
        changed(tabId);
        return { ok: true, state: view(state) };
      }
      case 'preview:clear': {
        const state = await load(tabId);
        if (state) state.entries = [];
        changed(tabId);
        return { ok: true, state: view(state) };
      }
      case 'preview:state':
        return { ok: true, state: view(await load(tabId)) };
    }
  };

  const onMessage = (message: unknown, sender: SenderLike & { frameId?: number }): Promise<unknown> | undefined => {
    const type = message && typeof message === 'object' ? (message as { type?: unknown }).type : undefined;
    if (typeof type !== 'string' || !type.startsWith('preview:')) return undefined;
    if (isFromExtensionPage(sender, browser.runtime.id, extensionOrigin)) {
      const parsed = PreviewRequestSchema.safeParse(message);
      if (!parsed.success) return undefined;
      return handleRequest(parsed.data).catch((e: unknown): PreviewAnswer => ({ ok: false, error: errorText(e) }));
    }
    // Only the agent in a tab's top frame speaks for that tab.
    if (!isFromContentScript(sender, browser.runtime.id) || sender.frameId !== 0) return undefined;
    const parsed = AgentEventSchema.safeParse(message);
    if (!parsed.success) return undefined;
    const tabId = sender.tab!.id!;
    const event = parsed.data;
    return (async () => {
      const state = await load(tabId);
      if (event.type === 'preview:hello') {
        const answer: HelloAnswer = state?.active ? { run: true, config: state.config, send: state.send, live: state.live } : { run: false };
        return answer;
      }
      if (!state?.active) return { ok: false };
      state.entries.push(...event.entries);
      if (state.entries.length > limits.maxEntries) state.entries.splice(0, state.entries.length - limits.maxEntries);
      changed(tabId);
      return { ok: true };
    })();
  };

  const onUpdated = (tabId: number, change: { status?: string }) => {
    if (change.status !== 'complete') return;
    void load(tabId).then((state) => {
      if (state?.active) return inject(tabId, state);
      return undefined;
    }).catch(reportTo('background: restart the preview after a navigation'));
  };

  const onRemoved = (tabId: number) => {
    tabs.delete(tabId);
    void browser.storage.session.remove(key(tabId)).catch(reportTo('background: forget the preview of a closed tab'));
  };

  browser.runtime.onMessage.addListener(onMessage);
  browser.tabs.onUpdated.addListener(onUpdated);
  browser.tabs.onRemoved.addListener(onRemoved);
  return {
    dispose() {
      browser.runtime.onMessage.removeListener(onMessage);
      browser.tabs.onUpdated.removeListener(onUpdated);
      browser.tabs.onRemoved.removeListener(onRemoved);
      for (const t of [...timers.values(), ...broadcasts.values()]) clearTimeout(t);
      timers.clear();
      broadcasts.clear();
    },
  };
}
