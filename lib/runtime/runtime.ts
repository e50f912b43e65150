/**
 * One running instance of the website runtime: delegated capture listeners on `document`,
 * page views (including single-page-app route changes), the visible observer, sinks and
 * the debug bridge. `start()` (start.ts) wraps it with config loading.
 */
import type { Trigger } from '../config/limits';
import type { ConfigMessage, DebugPayload, NotFiredReason } from './debug-protocol';
import { createReporter, DEBUG_BRIDGE, describeElement, toMessage, type DebugReporter } from './debug';
import { normalizeConfig, type InvalidTag, type RuntimeTag } from '../core/normalize';
import { readProperties, readProperty, type PropertyValue } from '../core/properties';
import type { AnalyticsLike, TrackFunction, TrackMeta } from './sinks';
import { createTagIndex, type TagIndex } from '../core/tag-index';
import { relocatedAll } from '../core/locator';
import { createVisibleWatcher, type VisibleWatcher } from './visible';
import { extras, LEAN, loadExtras } from './extras';

/** Options of the runtime; every one is optional. */
export interface RuntimeOptions {
  /**
   * Custom sink, called as `track(event, properties, { tag, revision, call })` for every
   * call (`meta.call` says which; see TrackMeta). Default: none, calls go to `analytics`.
   */
  track?: TrackFunction;
  /**
   * The Segment-compatible client to call (`track`, `page`, `identify`), such as the HTTP
   * sink of tagpoint-http.js. Default: `window.analytics`, looked up at each call.
   */
  analytics?: AnalyticsLike;
  /** Also push every event to `window.dataLayer` (Google Tag Manager). Default false. */
  dataLayer?: boolean;
  /**
   * Debug bridge: `true` posts messages to the window (debug-protocol.ts), a function
   * receives them instead. Default: on when the URL has `tagpoint_debug=1` or
   * `localStorage.tagpoint_debug` is `'1'`. tagpoint.js itself has no bridge (so it is
   * smaller for every visitor): when debug is requested it loads tagpoint-debug.js, the same
   * runtime with the bridge, from beside itself; a page that calls `Tagpoint.start({ debug })`
   * itself loads tagpoint-debug.js instead, or uses the ES module.
   */
  debug?: boolean | DebugReporter;
  /** Longest text or value read into a property. Default 255. */
  maxTextLength?: number;
  /**
   * Most time, in ms, one user action may spend relocating targets whose primary selector
   * found nothing (each tag at most once until the DOM changes); past it, the tags not yet
   * looked at do not fire for this action. Default 10.
   */
  relocationBudget?: number;
  /**
   * Most time, in ms, one user action may spend testing tags (a config of 1,000 `:has()`
   * selectors without a key would otherwise cost the page hundreds of ms per click); past
   * it, the tags not yet tested do not fire for this action, and the debug log says
   * `over-budget` for them. Default 50.
   */
  clickBudget?: number;
}

/** What `start()` gives back. */
export interface TagpointHandle {
  /** Removes every listener, observer and history hook the runtime added. */
  stop(): void;
  /** Takes another config into use (tolerantly); false when its version is unknown. */
  update(config: unknown): boolean;
  /** The config's tag-health sample (`health.sample`) once a config is in; what tagpoint.js samples page views by. */
  health?: unknown;
  /**
   * Routes the runtime's Segment calls through `wrap(client)`, `client` being the one in use
   * (undefined: `window.analytics` at each call). tagpoint-health.js counts calls this way when
   * the config, not the script tag, turned health on. Not with a custom `track` sink.
   */
  wrap?(wrap: (client?: AnalyticsLike) => AnalyticsLike): void;
}

/** The runtime as start.ts drives it. */
export interface Runtime extends TagpointHandle {
  /** Takes a config into use; false (and nothing changes) when it cannot be read. */
  load(config: unknown, origin: ConfigMessage['origin']): boolean;
  /** No config will come: drop the buffer. */
  fail(): void;
  report(payload: DebugPayload): void;
}

type ActionTrigger = 'click' | 'submit' | 'change';
interface Pending {
  trigger: ActionTrigger | 'pageview';
  path: EventTarget[];
}
interface Page {
  index: Record<ActionTrigger, TagIndex>;
  pageviews: RuntimeTag[];
  visibles: RuntimeTag[];
  active: Set<RuntimeTag>;
}

const ACTIONS: ActionTrigger[] = ['click', 'submit', 'change'];
/** Most user actions kept while the config loads. */
const BUFFER_SIZE = 50;
/** Most `not-fired` debug messages per action, so 10,000 tags stay readable. */
const MAX_NOT_FIRED = 50;

/** Creates a runtime with no config yet: it listens and buffers until `load()`. */
export function createRuntime(options: RuntimeOptions = {}): Runtime {
  const reporter = DEBUG_BRIDGE ? createReporter(options.debug) : undefined;
  const maxText = options.maxTextLength ?? 255;
  let client = options.analytics;
  const disposers: (() => void)[] = [];
  let stopped = false;
  let tags: RuntimeTag[] | undefined;
  let invalid: InvalidTag[] = [];
  let revision = -1;
  let href = location.href;
  let page: Page | undefined;
  // Replayed against the page the config arrives on (page rules, URL properties).
  let buffer: Pending[] | undefined = [{ trigger: 'pageview', path: [] }];
  let visible: VisibleWatcher | undefined;
  // tagpoint-extras.js was asked for once (loaded or not): configs load without waiting again.
  let waited = false;
  // Relocations per tag, kept until the DOM changes: the observer empties the cache, then
  // rests until the cache is filled again (so it costs the page one callback per change).
  const relocations = new Map<RuntimeTag, Element[]>();
  let deadline = 0;
  const dom = new MutationObserver(() => {
    relocations.clear();
    dom.disconnect();
  });
  const relocated = (tag: RuntimeTag, doc: Document): Element[] => {
    // Changes made in this very task have not been delivered yet.
    if (dom.takeRecords().length) relocations.clear();
    let found = relocations.get(tag);
    if (!found) {
      found = relocatedAll(tag.target!, doc, deadline);
      if (!found) return [];
      if (!relocations.size) dom.observe(doc, { subtree: true, childList: true, attributes: true, characterData: true });
      relocations.set(tag, found);
    }
    return found;
  };

  const report = (payload: DebugPayload) => {
    if (!reporter) return;
    try {
      reporter(toMessage(payload, revision));
    } catch {
      // A reporter's failure is the reporter's business.
    }
  };

  const guard =
    <A extends unknown[]>(fn: (...args: A) => void) =>
    (...args: A) => {
      if (stopped) return;
      try {
        fn(...args);
      } catch {
        // Never throw into the page.
      }
    };

  const compile = (url: string): Page => {
    const u = new URL(url);
    const b = options.clickBudget ?? 50;
    const index = { click: createTagIndex(relocated, b), submit: createTagIndex(relocated, b), change: createTagIndex(relocated, b) };
    relocations.clear();
    const result: Page = { index, pageviews: [], visibles: [], active: new Set() };
    for (const tag of tags || []) {
      // Page tests only compare strings; they cannot throw.
      if (!tag.enabled || (tag.pages && !tag.pages.some((test) => test(u)))) continue;
      result.active.add(tag);
      if (tag.trigger === 'pageview') result.pageviews.push(tag);
      // Scroll tags go to the visible watcher too (visible.ts), which follows the page's depth.
      else if (tag.trigger === 'visible' || tag.trigger === 'scroll') result.visibles.push(tag);
      else index[tag.trigger].add(tag);
    }
    return result;
  };

  const send = (tag: RuntimeTag, properties: Record<string, PropertyValue>, userId?: PropertyValue, relocated?: boolean) => {
    const { call, event, category } = tag;
    // `relocated` only when set, so analysts can tell an event fired through relocation.
    const mark = relocated ? { relocated } : {};
    const meta: TrackMeta = { tag: tag.id, revision, call, category, userId, ...mark };
    const w = window as { analytics?: AnalyticsLike; dataLayer?: unknown };
    try {
      if (options.track) options.track(event, { ...properties }, meta);
      else {
        // Looked up at each call: the snippet's stub queue is replaced once analytics.js loads.
        const a = (client || w.analytics) as Record<string, Function | undefined> | undefined;
        a?.[call]?.(...(call == 'page' ? [category ?? null, event] : call == 'identify' ? [userId] : [event]), { ...properties }, { context: { tagpoint: { tag: tag.id, revision, ...mark } } });
      }
    } catch {
      // The sink's error must not stop the next tag.
    }
    if (options.dataLayer) {
      try {
        // Google Tag Manager: `{ event, ...properties, tagpoint: { tag, revision, call, ... } }`.
        (w.dataLayer = Array.isArray(w.dataLayer) ? w.dataLayer : []).push({ ...properties, event, tagpoint: { ...meta } });
      } catch {
        // As above.
      }
    }
  };

  const fire = (tag: RuntimeTag, trigger: Trigger, element?: Element, relocated?: boolean) => {
    try {
      const properties = readProperties(tag.properties, element, maxText);
      send(tag, properties, tag.userId && readProperty(tag.userId, element, maxText), relocated);
      if (reporter) {
        report({
          type: 'fired',
          tag: tag.id,
          event: tag.event,
          trigger,
          properties,
          ...(element ? { element: describeElement(element) } : {}),
          ...(relocated ? { relocated } : {}),
        });
      }
    } catch {
      // One tag's failure never stops another.
    }
  };

  const reportNotFired = (trigger: Trigger, current: Page, fired: Set<RuntimeTag>, cut?: boolean) => {
    let left = MAX_NOT_FIRED;
    for (const tag of tags || []) {
      if (left <= 0) return;
      if (tag.trigger !== trigger || fired.has(tag)) continue;
      const reason: NotFiredReason = !tag.enabled ? 'disabled' : !current.active.has(tag) ? 'page-rule-failed' : cut ? 'over-budget' : 'selector-mismatch';
      report({ type: 'not-fired', tag: tag.id, event: tag.event, trigger, reason });
      left--;
    }
    for (const bad of invalid) {
      if (left-- <= 0) return;
      if (bad.trigger === trigger) report({ type: 'not-fired', tag: bad.tag, event: '', trigger, reason: 'invalid', detail: bad.reason });
    }
  };

  const dispatch = (trigger: ActionTrigger, path: ArrayLike<EventTarget>, current: Page) => {
    deadline = performance.now() + (options.relocationBudget ?? 10);
    const matches = current.index[trigger].match(path);
    for (const m of matches) fire(m.tag, trigger, m.element, m.relocated);
    if (reporter) reportNotFired(trigger, current, new Set(matches.map((m) => m.tag)), matches.cut);
  };

  const firePageviews = (current: Page) => {
    for (const tag of current.pageviews) fire(tag, 'pageview');
    if (reporter) {
      report({ type: 'page', active: current.active.size });
      reportNotFired('pageview', current, new Set(current.pageviews));
    }
  };

  // --- visible ---------------------------------------------------------------------------

  const setupVisible = () => {
    visible?.stop();
    visible = undefined;
    if (!page?.visibles.length) return;
    // tagpoint.js has it once tagpoint-extras.js is in (extras.ts); other builds link it.
    const create = LEAN ? extras()?.createVisibleWatcher : createVisibleWatcher;
    visible = create?.(page.visibles, { budget: options.relocationBudget, fire: (tag, el, relocated) => fire(tag, tag.trigger, el, relocated) });
  };

  // --- page views and actions -------------------------------------------------------------

  const routeCheck = () => {
    if (location.href === href) return;
    href = location.href;
    if (!tags) {
      if (buffer && buffer.length < BUFFER_SIZE) buffer.push({ trigger: 'pageview', path: [] });
      return;
    }
    page = compile(href);
    firePageviews(page);
    setupVisible();
  };

  const onRoute = guard(routeCheck);
  const onHistory = () => {
    // After the page's own pushState returns, so the new URL is in place.
    queueMicrotask(onRoute);
  };

  const onAction = guard((event: Event) => {
    routeCheck();
    const trigger = event.type as ActionTrigger;
    // A submit made by a button starts from that button, so a submit tag picked on the button
    // fires as one picked on the form does (the form is among its ancestors). composedPath() is
    // empty after dispatch, so the path is kept now.
    let path: EventTarget[] = event.composedPath();
    const submitter = (event as SubmitEvent).submitter;
    // (A button outside its form, `form="…"`, keeps the form's own path.)
    if (submitter && (event.target as Node).contains(submitter)) {
      path = [];
      for (let n: Node | null = submitter; n; n = n.parentNode || (n as ShadowRoot).host) path.push(n);
    }
    if (!tags || !page) {
      if (buffer && buffer.length < BUFFER_SIZE) buffer.push({ trigger, path });
      return;
    }
    dispatch(trigger, path, page);
  });


  const listen = (target: EventTarget, type: string, fn: EventListener) => {
    target.addEventListener(type, fn, true);
    disposers.push(() => target.removeEventListener(type, fn, true));
  };

  const hookHistory = (name: 'pushState' | 'replaceState') => {
    const original = history[name];
    const hooked = function (this: History, ...args: Parameters<History['pushState']>) {
      const result = original.apply(this, args);
      if (!stopped) onHistory();
      return result;
    };
    history[name] = hooked;
    // If the page wrapped it again after us, leave its wrapper; ours is inert once stopped.
    disposers.push(() => {
      if (history[name] === hooked) history[name] = original;
    });
  };

  for (const type of ACTIONS) listen(document, type, onAction as EventListener);
  listen(window, 'popstate', onRoute);
  listen(window, 'hashchange', onRoute);
  hookHistory('pushState');
  hookHistory('replaceState');

  const runtime: Runtime = {
    report,
    load(config, origin) {
      if (stopped) return false;
      try {
        // Read as given, before any wait for the extras (start() resolves on this call):
        // tagpoint.js compares it with Math.random(), so anything but a number in (0, 1] is
        // off or all. A refused config's is replaced by the next config tried.
        runtime.health = (config as { health?: { sample?: unknown } }).health?.sample;
        const result = normalizeConfig(config);
        if (!result.ok) {
          if (DEBUG_BRIDGE) report({ type: 'load-error', reason: result.reason });
          return false;
        }
        // tagpoint.js first fetches what this config needs and is not built in (extras.ts),
        // then reads it again; user actions stay buffered meanwhile.
        if (LEAN && !waited && result.lacking) {
          loadExtras(guard(() => ((waited = true), runtime.load(config, origin))));
          return true;
        }
        tags = result.tags;
        invalid = result.invalid;
        revision = result.revision;
        href = location.href;
        page = compile(href);
        // Guarded so tagpoint.js (no bridge) carries neither the messages nor the loop.
        if (DEBUG_BRIDGE) {
          report({ type: 'config', site: result.site, origin, tags: tags.length, invalid: invalid.length });
          for (const bad of invalid) report({ type: 'invalid-tag', tag: bad.tag, index: bad.index, reason: bad.reason });
        }
        const pending = buffer;
        buffer = undefined;
        for (const p of pending || []) {
          if (p.trigger === 'pageview') firePageviews(page);
          else dispatch(p.trigger, p.path, page);
        }
        setupVisible();
        return true;
      } catch {
        return false;
      }
    },
    fail() {
      buffer = undefined;
    },
    update(config) {
      return runtime.load(config, 'update');
    },
    wrap(wrap) {
      client = wrap(client);
    },
    stop() {
      // Every handler checks `stopped` first, so what is left of the state stays inert.
      stopped = true;
      for (const dispose of disposers.splice(0)) dispose();
      visible?.stop();
      dom.disconnect();
    },
  };
  return runtime;
}
