/**
 * The runtime's half of tag health (issue 15): per page view (and per single-page-app
 * route) it counts the events each tag sent, checks in idle time how each tag whose page
 * rule applies finds its target (lib/health/check.ts, lib/core's resolution), and sends one
 * small beacon (lib/health/beacon.ts) with `navigator.sendBeacon` when the page is hidden or
 * left, or the route changes. A beacon carries tag ids, states and counts, the site, the
 * revision and the generalised path; never text, values, query strings or user ids.
 *
 * It lives in tagpoint-health.js, loaded only for a script tag with `data-health` (auto.ts):
 * tagpoint.js pays a loader hook, not this file. It never throws into the page and never
 * touches the click path: counting is one Map update per call, checking runs in idle slices.
 */
import type { Beacon, BeaconTag, TagState } from '../../health/beacon';
import { appliesTo, checkTag } from '../../health/check';
import { generalizePath } from '../../health/path';
import { normalizeConfig, type RuntimeTag } from '../../core/normalize';
import type { AnalyticsLike } from '../sinks';

/** Options of `createHealth`; all but `url` optional. */
export interface HealthOptions {
  /** Where beacons are POSTed: the registry's `/v1/sites/<site>/health`. */
  url: string;
  /**
   * The share of page views this page was sampled at, 0 < sample ≤ 1 (sent along; the
   * registry weighs by it). Default: the config's `health.sample` (`configSample`), else 1.
   */
  sample?: number;
  /** Wait after start before the first check, in ms, so late-rendered targets are there. Default 1000. */
  delay?: number;
  /** Most time one idle slice spends checking, in ms. Default 5. */
  sliceBudget?: number;
  /** Most time all checks of one page view spend, in ms; tags not reached are left out of the beacon. Default 50. */
  budget?: number;
  /** Sends one beacon body; default `navigator.sendBeacon`, else `fetch` with keepalive. */
  send?: (url: string, body: string) => void;
}

/** The health reporter of one page. */
export interface Health {
  /** A Segment-compatible client that counts each call's tag, then calls `inner` (default: `window.analytics` at each call). */
  analytics(inner?: AnalyticsLike): AnalyticsLike;
  /** Takes the config the runtime runs into use (the runtime's tolerant reader); false when unreadable. */
  load(config: unknown): boolean;
  /** Sends the current page view's beacon now (once per page view). */
  flush(): void;
  /** Removes listeners and hooks; sends nothing more. */
  stop(): void;
}

/** Largest beacon body, in characters: under the registry's default 64 KiB limit and sendBeacon's quota. */
export const MAX_BEACON_CHARS = 60_000;
/** Most tags per beacon (lib/health/beacon.ts's MAX_BEACON_TAGS, repeated: the runtime imports no zod module). */
const MAX_TAGS = 1_000;
/** Most events per tag (MAX_BEACON_EVENTS). */
const MAX_EVENTS = 10_000;
/** Order in the beacon: problems first, so a cut drops healthy tags. */
const RANK: Record<TagState, number> = { absent: 0, ambiguous: 1, relocated: 2, found: 3 };

const idle = (fn: (left: () => number) => void) => {
  const w = window as { requestIdleCallback?: (cb: (d: { timeRemaining(): number }) => void, o?: object) => number };
  if (w.requestIdleCallback) w.requestIdleCallback((d) => fn(() => d.timeRemaining()), { timeout: 2000 });
  else setTimeout(() => fn(() => 5), 50);
};

const defaultSend = (url: string, body: string) => {
  // A string is sent as text/plain: no CORS preflight, which a page being left could not wait for.
  if (!navigator.sendBeacon?.(url, body)) fetch(url, { method: 'POST', body, keepalive: true, credentials: 'omit' }).catch(() => undefined /* a lost beacon is one lost sample */);
};

/** The sample rate a `data-health` attribute asks for: empty is 1, a rate in (0, 1] itself, anything else 0 (off). */
export function sampleRate(value: string | null): number {
  if (value === null) return 0;
  if (value.trim() === '') return 1;
  const rate = Number(value);
  return rate > 0 && rate <= 1 ? rate : 0;
}

/** The sample rate a config asks for (`health.sample`): a rate in (0, 1], else undefined (off). */
export function configSample(config: unknown): number | undefined {
  const rate = (config as { health?: { sample?: unknown } } | null)?.health?.sample;
  return typeof rate === 'number' && rate > 0 && rate <= 1 ? rate : undefined;
}

/** Creates the health reporter; nothing is checked until `load`, nothing sent before a page view ends. */
export function createHealth(options: HealthOptions): Health {
  let sample = options.sample ?? 1;
  const slice = options.sliceBudget ?? 5;
  const send = options.send ?? defaultSend;
  const disposers: (() => void)[] = [];
  let stopped = false;
  let site = '';
  let revision = 0;
  let tags: RuntimeTag[] = [];
  // The current page view: its URL, the tags its page rules apply to, and what is known of them.
  let href = location.href;
  let applied: RuntimeTag[] = [];
  let queue: RuntimeTag[] = [];
  let states = new Map<string, TagState>();
  let events = new Map<string, number>();
  // Tags that fired on an element found by relocation (the runtime marks such calls).
  let moved = new Set<string>();
  let sent = false;
  let spent = 0;

  const safe =
    <A extends unknown[]>(fn: (...args: A) => void) =>
    (...args: A) => {
      if (stopped) return;
      try {
        fn(...args);
      } catch {
        // Health is best-effort: a failure costs a beacon, never the page.
      }
    };

  /** Checks queued tags until `end` or the page view's budget; reschedules what is left. */
  const work = (end: number) => {
    while (queue.length && performance.now() < end) {
      const started = performance.now();
      const result = checkTag(queue[0]!, document, end);
      spent += performance.now() - started;
      if (!result) break;
      states.set(result.id, result.state);
      queue.shift();
    }
  };

  const schedule = (delay: number) => {
    const view = href;
    setTimeout(
      () =>
        idle(
          safe((left) => {
            if (view !== href || sent) return;
            work(performance.now() + Math.min(left(), slice, (options.budget ?? 50) - spent));
            if (queue.length && spent < (options.budget ?? 50)) schedule(0);
          }),
        ),
      delay,
    );
  };

  const begin = () => {
    const url = new URL(href);
    applied = tags.filter((tag) => appliesTo(tag, url));
    queue = [...applied];
    states = new Map();
    events = new Map();
    moved = new Set();
    sent = false;
    spent = 0;
    if (applied.length) schedule(options.delay ?? 1000);
  };

  const flush = () => {
    if (sent || !site) return;
    // Targets may have come since the idle check: a short second look at what was missing.
    queue = applied.filter((tag) => !states.has(tag.id) || states.get(tag.id) === 'absent' || states.get(tag.id) === 'ambiguous');
    work(performance.now() + slice);
    sent = true;
    const list: BeaconTag[] = [];
    for (const tag of applied) {
      const n = events.get(tag.id) ?? 0;
      let state = states.get(tag.id);
      // A tag that fired found its target, whatever the check saw at another moment.
      if (n && (!state || state === 'absent' || state === 'ambiguous')) state = moved.has(tag.id) ? 'relocated' : 'found';
      if (state) list.push({ id: tag.id, state, events: Math.min(n, MAX_EVENTS) });
    }
    if (!list.length) return;
    list.sort((a, b) => RANK[a.state] - RANK[b.state]);
    const head = `{"v":1,"site":${JSON.stringify(site)},"revision":${revision},"path":${JSON.stringify(generalizePath(href))},"sample":${sample},"tags":[`;
    let body = head;
    let count = 0;
    for (const entry of list) {
      const item = JSON.stringify(entry);
      if (count >= MAX_TAGS || body.length + item.length + 3 > MAX_BEACON_CHARS) break;
      body += (count++ ? ',' : '') + item;
    }
    body += ']}';
    send(options.url, body satisfies string);
  };

  const onRoute = safe(() => {
    if (location.href === href) return;
    flush();
    href = location.href;
    begin();
  });

  const listen = (target: EventTarget, type: string, fn: EventListener) => {
    target.addEventListener(type, fn, true);
    disposers.push(() => target.removeEventListener(type, fn, true));
  };
  listen(window, 'pagehide', safe(flush));
  listen(document, 'visibilitychange', safe(() => document.visibilityState === 'hidden' && flush()));
  listen(window, 'popstate', onRoute);
  listen(window, 'hashchange', onRoute);
  for (const name of ['pushState', 'replaceState'] as const) {
    const original = history[name];
    const hooked = function (this: History, ...args: Parameters<History['pushState']>) {
      const result = original.apply(this, args);
      onRoute();
      return result;
    };
    history[name] = hooked;
    disposers.push(() => {
      if (history[name] === hooked) history[name] = original;
    });
  }

  const count = safe((options: unknown) => {
    onRoute();
    const mark = (options as { context?: { tagpoint?: { tag?: unknown; relocated?: unknown } } } | undefined)?.context?.tagpoint;
    const tag = mark?.tag;
    if (typeof tag !== 'string') return;
    events.set(tag, (events.get(tag) ?? 0) + 1);
    if (mark!.relocated === true) moved.add(tag);
  });

  return {
    analytics(inner) {
      const forward =
        (call: keyof AnalyticsLike) =>
        (...args: unknown[]) => {
          count(args[args.length - 1]);
          const client = (inner || (window as { analytics?: AnalyticsLike }).analytics) as Record<string, ((...a: unknown[]) => unknown) | undefined> | undefined;
          return client?.[call]?.(...args);
        };
      return { track: forward('track'), page: forward('page'), identify: forward('identify') };
    },
    load(config) {
      try {
        const result = normalizeConfig(config);
        if (stopped || !result.ok) return false;
        site = result.site;
        revision = result.revision;
        sample = options.sample ?? configSample(config) ?? 1;
        tags = result.tags;
        href = location.href;
        const seen = [events, moved] as const;
        begin();
        // Events of this page view counted before the config reached us (its page views).
        [events, moved] = seen;
        return true;
      } catch {
        return false;
      }
    },
    flush: safe(flush),
    stop() {
      stopped = true;
      for (const dispose of disposers.splice(0)) dispose();
    },
  };
}
