/**
 * The part of live mode that must run in the page's own (main) world: it sees every
 * `window.analytics.track` call, tagged or coded, and forwards a copy to the isolated
 * preview agent by `postMessage` (which validates it: the page can post the same shape).
 * It also performs real sends for a preview with sending on. Kept free of imports with
 * weight: it is injected into pages.
 */
import { AGENT_SEND_SOURCE as AGENT_SOURCE, MAIN_WORLD_SOURCE } from './constants';

/** Options of `installMainWorld`. */
export interface MainWorldOptions {
  win?: Window;
  /** How often `window.analytics` is checked for a new object to wrap, in ms. Default 250. */
  pollMs?: number;
}

type TrackFn = (this: unknown, ...args: unknown[]) => unknown;
interface AnalyticsLike {
  track?: TrackFn;
  page?: TrackFn;
  identify?: TrackFn;
}

/** Wraps `analytics.track` (again whenever the page replaces it) and serves send requests. */
export function installMainWorld(options: MainWorldOptions = {}): { stop(): void } {
  const win = options.win ?? window;
  const target = win.location.origin && win.location.origin !== 'null' ? win.location.origin : '*';
  const wrappers = new WeakSet<TrackFn>();
  const restore: (() => void)[] = [];
  let stopped = false;

  const forward = (args: unknown[]) => {
    const [event, properties, opts] = args;
    const tag = (opts as { context?: { tagpoint?: { tag?: unknown } } } | undefined)?.context?.tagpoint?.tag;
    const message = { source: MAIN_WORLD_SOURCE, type: 'track', event: typeof event === 'string' ? event : String(event), properties, ...(typeof tag === 'string' ? { tag } : {}) };
    try {
      win.postMessage(message, target);
    } catch {
      // Properties that cannot be cloned (functions, DOM nodes): the call without them.
      win.postMessage({ ...message, properties: {} }, target);
    }
  };

  const wrap = () => {
    if (stopped) return;
    const analytics = (win as unknown as { analytics?: AnalyticsLike }).analytics;
    if (!analytics || typeof analytics.track !== 'function' || wrappers.has(analytics.track)) return;
    const original = analytics.track;
    const wrapper: TrackFn = function (this: unknown, ...args: unknown[]) {
      if (!stopped) {
        try {
          forward(args);
        } catch {
          // Observing must never break the page's call.
        }
      }
      return original.apply(this, args);
    };
    wrappers.add(wrapper);
    analytics.track = wrapper;
    restore.push(() => {
      if (analytics.track === wrapper) analytics.track = original;
    });
  };

  const onMessage = (event: MessageEvent) => {
    if (event.source !== win) return;
    const data = event.data as { source?: unknown; type?: unknown; event?: unknown; properties?: unknown; tag?: unknown; revision?: unknown; call?: unknown; category?: unknown; userId?: unknown } | null;
    if (!data || data.source !== AGENT_SOURCE || data.type !== 'send' || typeof data.event !== 'string') return;
    const analytics = (win as unknown as { analytics?: AnalyticsLike }).analytics;
    const options = { context: { tagpoint: { tag: data.tag, revision: data.revision, preview: true } } };
    try {
      // The same call the runtime would make (lib/runtime/runtime.ts send).
      if (data.call === 'page') analytics?.page?.(typeof data.category === 'string' ? data.category : null, data.event, data.properties, options);
      else if (data.call === 'identify') analytics?.identify?.(typeof data.userId === 'string' || typeof data.userId === 'number' ? data.userId : undefined, data.properties, options);
      else analytics?.track?.(data.event, data.properties, options);
    } catch {
      // The page's analytics failing is not ours to report here.
    }
  };

  wrap();
  const timer = setInterval(wrap, options.pollMs ?? 250);
  win.addEventListener('message', onMessage);
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
      win.removeEventListener('message', onMessage);
      for (const undo of restore.splice(0)) undo();
    },
  };
}
