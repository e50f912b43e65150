/**
 * The preview agent: what runs in the previewed tab (isolated world). It runs the draft
 * config with the same lib/runtime code the site would run — `start()` with the config
 * inline, a `track` sink that reports instead of sending (sending can be switched on) and
 * a debug reporter feeding why-not-fired — and turns what happens into log entries.
 * With live mode on it also listens to the page's own runtime (debug bridge) and to the
 * main-world `analytics.track` observer, both untrusted.
 */
import { parseTag } from '../config/parse';
import type { Tag } from '../config/types';
import { describeElement } from '../runtime/debug';
import { start as startRuntime } from '../runtime/start';
import type { DebugMessage } from '../runtime/debug-protocol';
import type { TagpointHandle } from '../runtime/runtime';
import type { TrackMeta } from '../runtime/sinks';
import { rankCandidates, safeResolve } from './candidates';
import { AGENT_SEND_SOURCE } from './constants';
import { tagPresence } from './coverage';
import { previewLimits, type PreviewLimits } from './limits';
import { createPageChannel, type PageChannel, type PageDebugMessage } from './page-channel';
import { describeForPeople } from './element-label';
import { createActionRecorder, type ActionRecord, type FiredInput } from './recorder';
import { capString, sanitizeProperties } from './sanitize';
import type { LogEntry, TagPresence } from './schemas';


/** Draws outlines on the page (components/preview/page-outline.ts). */
export interface OutlineDrawer {
  show(items: { element: Element; label: string }[]): void;
  clear(): void;
  dispose(): void;
}

/** What the agent runs. */
export interface AgentSettings {
  /** The draft tag config (checked again here; invalid tags are reported, not run). */
  config: unknown;
  /** Also send fired events through the page's `window.analytics.track`. Default false. */
  send: boolean;
  /** Listen to the page's own runtime and `analytics.track` calls. Default false. */
  live: boolean;
}

/** Options of `createPreviewAgent`. */
export interface PreviewAgentOptions extends AgentSettings {
  /** Receives new log entries, in batches. */
  emit(entries: LogEntry[]): void;
  win?: Window;
  outline?: OutlineDrawer;
  limits?: Partial<PreviewLimits>;
  /** How long entries are gathered before `emit`, in ms. Default 50. */
  batchMs?: number;
  /** How often the URL is checked for route changes the runtime cannot see, in ms. Default 500. */
  routePollMs?: number;
}

/** A running agent. */
export interface PreviewAgent {
  update(settings: AgentSettings): void;
  /** Outlines the element of a log entry or the matches of a tag; returns how many. */
  outline(request: { entryId?: string; tagId?: string }): number;
  /** Tag presence on this page; `show` also outlines every tagged element. */
  coverage(show: boolean): TagPresence[];
  readonly running: boolean;
  /** Sends what is gathered now (the page is going away: a tagged link was followed). */
  flush(): void;
  stop(): void;
}

/** The tags of a config that are valid, by id (for targets in why-not-fired and coverage). */
export function readTags(config: unknown): Tag[] {
  const raw = config && typeof config === 'object' ? (config as { tags?: unknown }).tags : undefined;
  if (!Array.isArray(raw)) return [];
  const out: Tag[] = [];
  for (const item of raw.slice(0, 20_000)) {
    const parsed = parseTag(item);
    if (parsed.ok) out.push(parsed.tag);
  }
  return out;
}

/** Starts the agent in the window. */
export function createPreviewAgent(options: PreviewAgentOptions): PreviewAgent {
  const win = options.win ?? window;
  const doc = win.document;
  const limits: PreviewLimits = previewLimits(options.limits);
  const prefix = Math.random().toString(36).slice(2, 8);
  let counter = 0;
  let settings: AgentSettings = { config: options.config, send: options.send, live: options.live };
  let tags: Tag[] = [];
  let byId = new Map<string, Tag>();
  let handle: TagpointHandle | undefined;
  let channel: PageChannel | undefined;
  let stopped = false;
  let runtimeHref = '';
  let queue: LogEntry[] = [];
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  // Elements of recent entries, for hover outlines; weak so a removed element can go.
  const elements = new Map<string, WeakRef<Element>>();

  const nextId = () => `${prefix}-${++counter}`;

  const push = (entry: Omit<LogEntry, 'id' | 'time'>, element?: Element) => {
    const full = { id: nextId(), time: Date.now(), ...entry } as LogEntry;
    if (element) {
      elements.set(full.id, new WeakRef(element));
      if (elements.size > limits.maxEntries) elements.delete(elements.keys().next().value!);
    }
    queue.push(full);
    if (queue.length > limits.maxEntries) queue = queue.slice(-limits.maxEntries);
    if (flushTimer === undefined) flushTimer = setTimeout(flush, options.batchMs ?? 50);
  };

  const flush = () => {
    flushTimer = undefined;
    if (!queue.length) return;
    const batch = queue;
    queue = [];
    for (let i = 0; i < batch.length; i += 100) options.emit(batch.slice(i, i + 100));
  };

  /** The element a fired tag matched within the action's path (closest target). */
  const elementOf = (tagId: string, path: Element[]): Element | undefined => {
    const targets = new Set(safeResolve(byId.get(tagId), doc));
    return path.find((el) => targets.has(el));
  };

  // The last user action's elements, innermost first: a live runtime's entry names its element
  // only as `button.ProductCard_btn__x7Hq2` (runtime/debug.ts describeElement), which is enough
  // to find it among them, and then to name it as a person would and outline it.
  let lastAction: { path: Element[]; at: number } | undefined;
  const onUserAction = (event: Event) => {
    lastAction = { path: event.composedPath().filter((n): n is Element => (n as Node).nodeType === 1), at: Date.now() };
  };
  for (const type of ['click', 'submit', 'change']) win.addEventListener(type, onUserAction, true);
  const liveElement = (f: FiredInput): Element | undefined => {
    if (!lastAction || !f.element || Date.now() - lastAction.at > 2_000 || f.trigger === 'pageview' || f.trigger === 'visible') return undefined;
    return lastAction.path.find((el) => describeElement(el) === f.element);
  };

  const firedEntry = (f: FiredInput, kind: 'preview' | 'live', element = kind === 'live' ? liveElement(f) : undefined) =>
    push(
      {
        kind,
        url: capString(f.url, 4000),
        event: capString(f.event, limits.maxString),
        tag: f.tag,
        trigger: f.trigger,
        properties: f.properties,
        ...(element ? { element: describeForPeople(element) } : f.element ? { element: capString(f.element, 200) } : {}),
        ...(f.relocated ? { relocated: true } : {}),
      },
      element,
    );

  const onAction = (action: ActionRecord) => {
    for (const f of action.fired) firedEntry(f, 'preview', elementOf(f.tag, action.path));
    if (action.fired.length || !action.notFired.length) return;
    push(
      {
        kind: 'no-tag',
        url: capString(action.url, 4000),
        trigger: action.trigger,
        element: action.target ? describeForPeople(action.target) : undefined,
        candidates: rankCandidates(action.target, action.notFired, byId, doc, { max: limits.maxCandidates }),
      },
      action.target,
    );
  };

  const recorder = createActionRecorder({
    win,
    onAction,
    onFired: (f) => {
      const tag = byId.get(f.tag);
      const element = f.trigger === 'visible' && tag ? safeResolve(tag, doc)[0] : undefined;
      firedEntry(f, 'preview', element);
    },
  });

  const notice = (text: string, url = win.location.href) => push({ kind: 'notice', url: capString(url, 4000), text: capString(text, limits.maxString) });

  // Our own runtime's messages: well-formed by construction, but the strings in them come
  // from the page (text, attributes), so properties are sanitised all the same.
  const onRuntimeMessage = (m: DebugMessage) => {
    switch (m.type) {
      case 'fired':
        recorder.fired({ ...m, properties: sanitizeProperties(m.properties, limits) });
        break;
      case 'not-fired':
        recorder.notFired(m);
        break;
      case 'page':
        runtimeHref = m.url;
        break;
      case 'config':
        notice(`Preview running: ${m.tags} tag${m.tags === 1 ? '' : 's'}${m.invalid ? `, ${m.invalid} invalid` : ''}`, m.url);
        break;
      case 'invalid-tag':
        notice(`Tag ${m.tag} is invalid and will not fire: ${m.reason}`, m.url);
        break;
      case 'load-error':
        notice(`The draft could not be read: ${m.reason}`, m.url);
        break;
    }
  };

  const sink = (event: string, properties: Record<string, unknown>, meta: TrackMeta) => {
    if (!settings.send) return;
    // Handed to the main-world helper, which makes the same call (track, page, identify) on the page's analytics.
    const { tag, revision, call, category, userId } = meta;
    win.postMessage({ source: AGENT_SEND_SOURCE, type: 'send', event, properties, tag, revision, call, category, userId }, win.location.origin);
  };

  const onLiveDebug = (m: PageDebugMessage) => {
    if (m.type === 'fired') firedEntry(m, 'live');
    else if (m.type === 'config') notice(`Site runtime: config "${m.site}" revision ${m.revision} (${m.origin}), ${m.tags} tags`, m.url);
    else if (m.type === 'load-error') notice(`Site runtime: config failed to load: ${m.reason}`, m.url);
  };

  const startAll = () => {
    tags = readTags(settings.config);
    byId = new Map(tags.map((t) => [t.id, t]));
    const started = startRuntime({ config: settings.config, track: sink, debug: onRuntimeMessage, cache: false });
    // With an inline config start() is synchronous; the promise form is only for configUrl.
    handle = 'then' in started ? undefined : started;
    if (settings.live && !channel) {
      channel = createPageChannel({
        win,
        limits,
        onDebug: onLiveDebug,
        onTrack: (call) => push({ kind: 'track', url: capString(win.location.href, 4000), event: call.event, properties: call.properties, ...(call.tag ? { tag: call.tag } : {}) }),
      });
    } else if (!settings.live && channel) {
      channel.dispose();
      channel = undefined;
    }
  };

  const stopRuntime = () => {
    recorder.flush();
    handle?.stop();
    handle = undefined;
  };

  // The runtime hooks history.pushState, but in this isolated world that hook does not see
  // the page's own calls; a route change it missed restarts it, which reports the page view.
  const checkRoute = () => {
    if (stopped || !handle) return;
    if (runtimeHref && win.location.href !== runtimeHref) {
      stopRuntime();
      startAll();
    }
  };
  const routeTimer = setInterval(checkRoute, options.routePollMs ?? 500);
  const nav = (win as unknown as { navigation?: EventTarget }).navigation;
  const onEntryChange = () => setTimeout(checkRoute, 0);
  nav?.addEventListener('currententrychange', onEntryChange);

  startAll();

  return {
    get running() {
      return !stopped;
    },
    flush() {
      recorder.flush();
      if (flushTimer !== undefined) clearTimeout(flushTimer);
      flush();
    },
    update(next) {
      if (stopped) return;
      // The background re-sends the settings after every "complete" of the tab, which Chromium
      // also reports for a single-page-app route change: the same settings restart nothing
      // (a restart would log the route's page view a second time).
      const same = (a: AgentSettings) => JSON.stringify([a.config, a.send, a.live]);
      if (same(next) === same(settings)) return;
      settings = { config: next.config, send: next.send, live: next.live };
      stopRuntime();
      startAll();
    },
    outline({ entryId, tagId }) {
      if (!options.outline) return 0;
      if (entryId) {
        const el = elements.get(entryId)?.deref();
        if (!el || !el.isConnected) {
          options.outline.clear();
          return 0;
        }
        options.outline.show([{ element: el, label: '' }]);
        return 1;
      }
      if (tagId) {
        const tag = byId.get(tagId);
        const found = safeResolve(tag, doc);
        options.outline.show(found.map((element) => ({ element, label: tag!.event })));
        return found.length;
      }
      options.outline.clear();
      return 0;
    },
    coverage(show) {
      const presence = tagPresence(tags, doc, win.location.href);
      if (options.outline) {
        if (!show) options.outline.clear();
        else {
          const items: { element: Element; label: string }[] = [];
          for (const tag of tags) for (const element of safeResolve(tag, doc).slice(0, 200)) items.push({ element, label: tag.event });
          options.outline.show(items.slice(0, 2000));
        }
      }
      return presence;
    },
    stop() {
      if (stopped) return;
      stopped = true;
      stopRuntime();
      for (const type of ['click', 'submit', 'change']) win.removeEventListener(type, onUserAction, true);
      recorder.dispose();
      channel?.dispose();
      channel = undefined;
      clearInterval(routeTimer);
      nav?.removeEventListener('currententrychange', onEntryChange);
      flush();
      if (flushTimer !== undefined) clearTimeout(flushTimer);
      options.outline?.clear();
    },
  };
}
