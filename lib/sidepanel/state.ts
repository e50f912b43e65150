/**
 * The side panel's controller: one store holding `SidePanelState` (reduce.ts), the effects
 * that keep it true (the tab session, the site's drafts, the counts on the page, property
 * values, the picker's events, tag health, the undo timer) and the commands the view calls.
 * Failures the user can act on go to `status` or the editor's errors; the rest to the debug log.
 */
import type { Tag } from '../config/types';
import { parseTag } from '../config/parse';
import { debugLog } from '../debug';
import type { TagHealthView } from '../health/describe';
import { createHealthWatch } from '../health/watch';
import { errorText, onPickerEvent, sendToBackground, sendToPicker, type BackgroundRequest, type BackgroundResponse, type PickerEvent, type PickerRequest, type PickerResponse } from '../messages';
import { draftForPageView, draftForScroll, draftFromTag, draftToTag, propertyToConfig, type TagDraft } from '../picker/editor-draft';
import { createRegistryClient, registrySiteFor, type RegistryClient, type RegistryClientOptions } from '../publish';
import { createDraftStore, newTagId, siteIdForUrl, type DraftStore } from '../store';
import { createRegistrySettingsStore, type LoadedRegistrySettings, type RegistrySettingsStore } from '../store/registry-settings';
import { initialSidePanelState, reduceSidePanel, refusedRowProblem, type SidePanelAction, type SidePanelState } from './reduce';
import { createTabSession, type TabSession, type TabSessionOptions } from './tab-session';

/** How the store reaches the picker and the background (tests pass their own). */
export interface SidePanelPorts {
  sendToPicker<R extends PickerRequest>(tabId: number, request: R): Promise<PickerResponse<R['type']>>;
  sendToBackground(request: BackgroundRequest): Promise<BackgroundResponse>;
  onPickerEvent(handler: (event: PickerEvent) => void, tabId: number): () => void;
}

/** Options of `createSidePanelState`; every default is the extension's own. */
export interface SidePanelStateOptions {
  /** Work on this tab instead of following the active tab. */
  pinnedTabId?: number;
  /** Default `createDraftStore()`, disposed with the state; one passed in is the caller's. */
  drafts?: DraftStore;
  /** Default `createRegistrySettingsStore()`, disposed with the state; one passed in is the caller's. */
  settings?: RegistrySettingsStore;
  /** Default `createRegistryClient`. */
  createClient?(options: RegistryClientOptions): RegistryClient;
  /** How often tag health is fetched again, in ms. Default: `createHealthWatch`'s (5 min). */
  healthIntervalMs?: number;
  /** Default: lib/messages' `sendToPicker`, `sendToBackground`, `onPickerEvent`. */
  ports?: SidePanelPorts;
  /** Default: `createTabSession` with the extension's tabs (the options get `pinnedTabId` and `onChange`). */
  createSession?(options: Pick<TabSessionOptions, 'pinnedTabId' | 'onChange'>): TabSession;
  /** Records failures nobody acts on. Default: the extension's debug log (`reportTo`). */
  report?(where: string, error: unknown): void;
  /** How long "Undo" stays offered after a delete, in ms. Default 10,000. */
  undoMs?: number;
  /** Quiet time after an edit before property values are asked, in ms. Default 120 (typing is not a request a key). */
  previewDelayMs?: number;
  /**
   * Whether the popup's "Start tagging" is waiting for this tab (lib/popup/start-intent.ts);
   * when it is, the panel starts the picker once the tab is connected. Default: none waits.
   */
  takeStartIntent?(tabId: number): Promise<boolean>;
}

/** The store the side panel renders. */
export interface SidePanelStore {
  get(): SidePanelState;
  /** Calls `listener` after every change; returns its disposer. */
  subscribe(listener: (state: SidePanelState) => void): () => void;
  setQuery(query: string): void;
  /** Asks the background to start the picker in the tab. */
  startTagging(): Promise<void>;
  edit(tag: Tag): void;
  duplicate(tag: Tag): void;
  /** Opens the editor on a new page-view tag for the page (nothing to pick). */
  newPageView(): void;
  /** Opens the editor on a new scroll-depth tag for the page (25, 50, 75 and 100%; nothing to pick). */
  newScroll(): void;
  /** The editor's draft as the user changed it. */
  change(draft: TagDraft): void;
  save(): Promise<void>;
  cancel(): void;
  /** Picks the element the property row `key` reads. */
  pickProperty(key: string): void;
  repickTarget(): void;
  /** Opens the repair a tag's health asks for: re-pick its target, or review its relocation in the editor. */
  repair(tag: Tag, repair: NonNullable<TagHealthView['repair']>): void;
  highlight(tag: Tag): void;
  /**
   * "Update to this element": a tag whose target relocation found gets a new locator made
   * from that element (as if it was picked again), saved to the drafts.
   */
  updateTarget(tag: Tag): Promise<void>;
  toggle(tag: Tag): Promise<void>;
  remove(tag: Tag): Promise<void>;
  restore(): Promise<void>;
  /** Replaces the site's tags (import; a pull from the registry gives the live revision as `basedOn`). */
  replaceTags(tags: Tag[], options?: { basedOn?: number }): Promise<void>;
  /** The drafts were published as `revision` (they now stand on it). */
  published(revision: number): Promise<void>;
  dispose(): void;
}

const defaultPorts: SidePanelPorts = {
  sendToPicker,
  sendToBackground,
  onPickerEvent: (handler, tabId) => onPickerEvent((event) => handler(event), tabId),
};

export function createSidePanelState(options: SidePanelStateOptions = {}): SidePanelStore {
  const ports = options.ports ?? defaultPorts;
  const drafts = options.drafts ?? createDraftStore();
  const settingsStore = options.settings ?? createRegistrySettingsStore();
  const report = options.report ?? ((where: string, error: unknown) => void debugLog().record(where, error));
  const undoMs = options.undoMs ?? 10_000;
  const previewDelayMs = options.previewDelayMs ?? 120;
  const listeners = new Set<(state: SidePanelState) => void>();
  let disposed = false;
  const intentChecked = new Set<number>();

  let state = initialSidePanelState({ tabId: options.pinnedTabId, generation: 0 });
  let stopDrafts: (() => void) | undefined;
  let stopEvents: (() => void) | undefined;
  let stopHealth: (() => void) | undefined;
  let settings: LoadedRegistrySettings | undefined | 'loading' = 'loading';
  let undoTimer: ReturnType<typeof setTimeout> | undefined;
  let previewTimer: ReturnType<typeof setTimeout> | undefined;
  // Numbers of the last count and preview asked: an older answer is dropped.
  let countAsked = 0;
  let previewAsked = 0;

  const dispatch = (action: SidePanelAction) => {
    if (disposed) return;
    const prev = state;
    state = reduceSidePanel(state, action);
    if (state === prev) return;
    follow(prev, state);
    for (const listener of [...listeners]) listener(state);
  };
  const status = (text: string) => dispatch({ type: 'status', status: text });
  const reportAs = (where: string) => (error: unknown) => report(`side panel: ${where}`, error);
  const toPicker = <R extends PickerRequest>(request: R, where: string) => {
    const tabId = state.session.tabId;
    if (tabId !== undefined) void ports.sendToPicker(tabId, request).catch(reportAs(where));
  };

  /** The effects of a change: what to listen to and ask for, from what changed. */
  function follow(prev: SidePanelState, next: SidePanelState) {
    const { tabId, url, generation, error } = next.session;
    if (tabId !== prev.session.tabId || prev === next) {
      stopEvents?.();
      stopEvents = tabId === undefined ? undefined : ports.onPickerEvent(onEvent, tabId);
    }
    if (next.site !== prev.site || prev === next) {
      stopDrafts?.();
      const site = next.site;
      stopDrafts = site
        ? drafts.follow(site, (d) => dispatch({ type: 'drafts', drafts: d }), (e) => status(errorText(e)))
        : undefined;
    }
    if (url !== prev.session.url) watchHealth();
    // The popup's Start tagging, carried out from here once the tab answers (start-intent.ts).
    if (tabId !== undefined && url && !error && !intentChecked.has(tabId) && options.takeStartIntent) {
      intentChecked.add(tabId);
      void options
        .takeStartIntent(tabId)
        .then(async (waiting) => {
          if (waiting && !disposed) await store.startTagging();
        })
        .catch(reportAs('start tagging from the popup'));
    }
    if (next.drafts !== prev.drafts) startFromLive();
    if (next.drafts !== prev.drafts || generation !== prev.session.generation || error !== prev.session.error) count();
    const draft = next.editor?.draft;
    if (draft && (draft.target !== prev.editor?.draft.target || draft.properties !== prev.editor?.draft.properties)) schedulePreview();
    if (next.undo !== prev.undo) {
      clearTimeout(undoTimer);
      if (next.undo) undoTimer = setTimeout(() => dispatch({ type: 'undo', undo: undefined }), undoMs);
    }
  }

  function onEvent(event: PickerEvent) {
    if (event.type === 'picker:url-changed') session.reconnect();
    dispatch({ type: 'picker', event, newId: event.type === 'picker:picked' ? newTagId() : '' });
  }

  // How many elements each tag's target matches on the page right now.
  function count() {
    const { tabId, error } = state.session;
    const tags = state.drafts?.tags;
    const mine = ++countAsked;
    if (tabId === undefined || !tags || error) return;
    void ports.sendToPicker(tabId, { type: 'picker:count', targets: tags.map((t) => t.target ?? null) }).then(
      (answer) =>
        mine === countAsked &&
        dispatch({
          type: 'counts',
          counts: new Map(tags.map((t, i) => [t.id, answer.counts[i] ?? 0])),
          relocations: new Map(tags.flatMap((t, i) => (answer.relocated?.[i] ? [[t.id, answer.relocated[i]!] as const] : []))),
        }),
      (e: unknown) => {
        // The list then says "state unknown" for each tag; why goes to the debug log.
        if (mine === countAsked) dispatch({ type: 'counts', counts: new Map() });
        reportAs('count the tags\u2019 matches')(e);
      },
    );
  }

  // The value each property would have right now, once typing pauses.
  function schedulePreview() {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(() => {
      const tabId = state.session.tabId;
      const draft = state.editor?.draft;
      if (tabId === undefined || !draft) return;
      const mine = ++previewAsked;
      const keys = draft.properties.map((p) => p.key);
      void ports.sendToPicker(tabId, { type: 'picker:preview', target: draft.target, properties: draft.properties.map(propertyToConfig) }).then(
        (answer) => mine === previewAsked && dispatch({ type: 'previews', keys, values: answer.values }),
        (e: unknown) => {
          if (mine === previewAsked) dispatch({ type: 'previews', keys, values: [] });
          reportAs('preview property values')(e);
        },
      );
    }, previewDelayMs);
  }

  function watchHealth() {
    stopHealth?.();
    stopHealth = undefined;
    const url = state.session.url;
    if (settings === 'loading' || !url) return;
    const watch = createHealthWatch({
      url,
      settings: settings?.settings,
      createClient: options.createClient ?? createRegistryClient,
      intervalMs: options.healthIntervalMs,
      onChange: (health) => dispatch({ type: 'health', health }),
    });
    stopHealth = () => watch.stop();
  }

  // Drafts that never met the registry start from the live config: a colleague's live tags
  // are then in the list, and a publish keeps them instead of deleting them unseen.
  const startedFor = new Set<string>();
  function startFromLive() {
    const current = state.drafts;
    const url = state.session.url;
    if (!current || current.tags.length > 0 || current.invalid.length > 0 || current.basedOn !== undefined) return;
    if (settings === 'loading' || !settings || !url || startedFor.has(current.site)) return;
    const registrySite = registrySiteFor(settings.settings, url);
    if (!registrySite) return;
    startedFor.add(current.site);
    const client = (options.createClient ?? createRegistryClient)({ baseUrl: settings.settings.registryUrl, token: settings.settings.token });
    void client
      .getLive(registrySite)
      .then(async (result) => {
        if (!result.ok) return reportAs('start the drafts from the live config')(new Error(result.error.message));
        const live = result.value;
        if (!live || live.tags.length === 0) return;
        const started = await drafts.startFromLive(current.site, live.tags, live.revision);
        if (!started.applied) return;
        dispatch({ type: 'drafts', drafts: started.site });
        status(`Your drafts start from live revision ${live.revision} (${live.tags.length} tag${live.tags.length === 1 ? '' : 's'}).`);
      })
      .catch(reportAs('start the drafts from the live config'));
  }

  const stopSettings = settingsStore.follow((loaded) => {
    settings = loaded;
    watchHealth();
    startFromLive();
  }, reportAs('load the registry settings'));

  const session = (options.createSession ?? createTabSession)({
    pinnedTabId: options.pinnedTabId,
    onChange: (s) => dispatch({ type: 'session', session: s, site: s.url ? siteIdForUrl(s.url) : undefined }),
  });
  // The first listeners, for the tab the session starts with.
  follow(state, state);

  const siteOf = () => state.site;
  const store: SidePanelStore = {
    get: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setQuery: (query) => dispatch({ type: 'query', query }),
    async startTagging() {
      const tabId = state.session.tabId;
      if (tabId === undefined) return;
      const answer = await ports.sendToBackground({ type: 'start-picking', tabId });
      status(answer.ok ? 'Click an element on the page.' : answer.error);
    },
    edit(tag) {
      const url = state.session.url;
      if (url) dispatch({ type: 'edit', draft: draftFromTag(tag, url) });
    },
    newPageView() {
      const url = state.session.url;
      if (url) dispatch({ type: 'edit', draft: draftForPageView({ id: newTagId(), url }) });
    },
    newScroll() {
      const url = state.session.url;
      if (url) dispatch({ type: 'edit', draft: draftForScroll({ id: newTagId(), url }) });
    },
    duplicate(tag) {
      const url = state.session.url;
      if (url) dispatch({ type: 'edit', draft: { ...draftFromTag({ ...tag, id: newTagId(), event: `${tag.event} Copy` }, url), isNew: true } });
    },
    change: (draft) => dispatch({ type: 'change', draft }),
    async save() {
      const editor = state.editor;
      const site = siteOf();
      if (!editor || !site) return;
      const parsed = parseTag(draftToTag(editor.draft));
      if (!parsed.ok) return dispatch({ type: 'errors', errors: parsed.errors });
      const refused = refusedRowProblem(editor);
      if (refused) return dispatch({ type: 'errors', errors: [refused] });
      try {
        const result = await drafts.saveTag(site, parsed.tag);
        if (!result.ok) return dispatch({ type: 'errors', errors: result.errors });
        dispatch({ type: 'drafts', drafts: result.site });
      } catch (error) {
        // Storage refused the write (full, or the tag limit): the editor stays open with the reason.
        return dispatch({ type: 'errors', errors: [{ path: '', message: errorText(error) }] });
      }
      dispatch({ type: 'close' });
      status(`Saved "${parsed.tag.event}".`);
      toPicker({ type: 'picker:stop' }, 'stop the picker after saving');
    },
    cancel() {
      dispatch({ type: 'close' });
      toPicker({ type: 'picker:stop' }, 'stop the picker on cancel');
    },
    pickProperty(key) {
      const tabId = state.session.tabId;
      if (tabId === undefined) return;
      dispatch({ type: 'pick-row', key });
      // The tag's target goes along: the property is made relative to its match in the record picked.
      const target = state.editor?.draft.target;
      void ports.sendToPicker(tabId, { type: 'picker:start', purpose: 'property', requestId: key, ...(target ? { target } : {}) }).catch((e: unknown) => status(errorText(e)));
    },
    repickTarget: () => toPicker({ type: 'picker:start', purpose: 'target' }, 'pick the target again'),
    repair(tag, repair) {
      store.edit(tag);
      // A broken target is picked again; a relocation is reviewed in the editor (its fallbacks and fingerprint).
      if (repair === 'repick' && state.editor) store.repickTarget();
    },
    highlight(tag) {
      if (tag.target) toPicker({ type: 'picker:highlight', target: tag.target, scroll: true }, 'highlight a tag');
    },
    async updateTarget(tag) {
      const site = siteOf();
      const tabId = state.session.tabId;
      if (!site || tabId === undefined || !tag.target) return;
      try {
        const answer = await ports.sendToPicker(tabId, { type: 'picker:repair-target', target: tag.target });
        if (!answer.target) return status(`"${tag.event}" was not found by relocation on this page: nothing to update`);
        const result = await drafts.saveTag(site, { ...tag, target: answer.target });
        if (!result.ok) return status(result.errors.map((e) => e.message).join('; '));
        dispatch({ type: 'drafts', drafts: result.site });
        status(`"${tag.event}" now points at the element found`);
      } catch (error) {
        status(errorText(error));
      }
    },
    async toggle(tag) {
      const site = siteOf();
      if (!site) return;
      try {
        const result = await drafts.saveTag(site, { ...tag, enabled: tag.enabled === false });
        if (result.ok) dispatch({ type: 'drafts', drafts: result.site });
        else status(result.errors.map((e) => e.message).join('; '));
      } catch (error) {
        status(errorText(error));
      }
    },
    async remove(tag) {
      const site = siteOf();
      if (!site) return;
      try {
        const result = await drafts.deleteTag(site, tag.id);
        dispatch({ type: 'drafts', drafts: result.site });
        if (result.removed) {
          dispatch({ type: 'undo', undo: result.removed });
          status(`Deleted "${tag.event}".`);
        }
      } catch (error) {
        status(errorText(error));
      }
    },
    async restore() {
      const undo = state.undo;
      const site = siteOf();
      if (!undo || !site) return;
      try {
        dispatch({ type: 'drafts', drafts: await drafts.restoreTag(site, undo.tag, undo.index) });
        status(`Restored "${undo.tag.event}".`);
        dispatch({ type: 'undo', undo: undefined });
      } catch (error) {
        status(errorText(error));
      }
    },
    async replaceTags(tags, replaceOptions) {
      const site = siteOf();
      if (!site) return;
      dispatch({ type: 'drafts', drafts: await drafts.replaceTags(site, tags, replaceOptions) });
    },
    async published(revision) {
      const site = siteOf();
      if (!site) return;
      dispatch({ type: 'drafts', drafts: await drafts.markPublished(site, revision) });
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      session.stop();
      stopEvents?.();
      stopDrafts?.();
      stopHealth?.();
      stopSettings();
      clearTimeout(undoTimer);
      clearTimeout(previewTimer);
      listeners.clear();
      if (!options.drafts) drafts.dispose();
      if (!options.settings) settingsStore.dispose();
    },
  };
  return store;
}
