/**
 * The `visible` trigger: fires a tag once per element (or, with `once: "page"`, once) per
 * page view when at least `minPercent` of the element shows (50 by default; an element
 * taller or wider than the window counts when it fills that share of the window) for
 * `minDuration` ms without a break (0 by default). And the `scroll` trigger: fires a tag
 * once per page view at each depth threshold reached (how far down the page the bottom of the
 * window is, in percent), with the threshold as `scroll_depth`; a page too short to scroll
 * has reached 100 at once, as GTM's scroll-depth trigger counts it. Targets are found afresh after DOM changes, at a bounded cost whatever
 * the selectors (a `:has()` selector can cost a full document query each):
 *
 * - changes are batched (`delay` after the first one), never a query per change;
 * - a rescan runs tag by tag in slices of at most `slice` ms, yielding to the page between;
 * - after a rescan that cost T ms, the next one waits at least `spacing` × T, so rescans
 *   take at most about 1 / `spacing` of the page's time however often it changes.
 *
 * Built into the ES module and tagpoint-debug.js; tagpoint.js loads it with
 * tagpoint-extras.js when a config has a `visible` tag (extras.ts).
 */
import { resolveIn, scopesOf } from '../core/locator';
import type { RuntimeTag } from '../core/normalize';
import { MAX_SCROLL_THRESHOLDS, MAX_VISIBLE_DURATION_MS, SCROLL_DEPTH_PROPERTY } from '../config/limits';

/** A visible tag's conditions, read defensively from its `visible` settings (the strict parser checked them). */
interface Conditions {
  /** Share of the element (or of the window, for an element larger than it) in view, 0 to 1. */
  share: number;
  /** Time in view without a break, in ms. */
  duration: number;
  /** Once per page view rather than per element. */
  perPage: boolean;
}

const num = (value: unknown, min: number, max: number, fallback: number) => (typeof value === 'number' && value >= min && value <= max ? value : fallback);

function conditionsOf(tag: RuntimeTag, fallback: number): Conditions {
  const s = (tag.settings && typeof tag.settings === 'object' ? tag.settings : {}) as Record<string, unknown>;
  return { share: num(s.minPercent, 1, 100, fallback * 100) / 100, duration: num(s.minDuration, 0, MAX_VISIBLE_DURATION_MS, 0), perPage: s.once === 'page' };
}

/** A scroll tag's thresholds, percent, ascending; none when unreadable. */
function thresholdsOf(tag: RuntimeTag): number[] {
  const list = (tag.settings as { thresholds?: unknown } | undefined)?.thresholds;
  if (!Array.isArray(list)) return [];
  return [...new Set(list.slice(0, MAX_SCROLL_THRESHOLDS).filter((t): t is number => typeof t === 'number' && t >= 1 && t <= 100))].sort((a, b) => a - b);
}

/** How far down the page the bottom of the window is, in percent (100 when the page does not scroll). */
function scrollDepth(): number {
  const root = document.documentElement;
  const height = Math.max(root.scrollHeight, document.body?.scrollHeight ?? 0);
  const bottom = (window.scrollY || root.scrollTop) + window.innerHeight;
  return height <= window.innerHeight ? 100 : Math.min(100, (bottom / height) * 100);
}

// The elements a tag stands for now, each with whether relocation found it: the locator's
// resolution, as on a click (lib/core/locator.ts), relocation bounded by `budget` ms.
function find(tag: RuntimeTag, budget: number): [Element, boolean | undefined][] {
  const deadline = performance.now() + budget;
  const out: [Element, boolean | undefined][] = [];
  for (const scope of scopesOf(tag.target!, document)) {
    const found = resolveIn(tag.target!, scope, deadline) || [];
    for (const el of found) out.push([el, found.relocated]);
  }
  return out;
}

/** Options of a visible watcher; the defaults are the runtime's. */
export interface VisibleOptions {
  /** Most time, in ms, relocating one tag's target per rescan (the runtime's relocationBudget). Default 10. */
  budget?: number;
  /** Called when a tag fires: a visible tag with its element; a scroll tag with no element and its `scroll_depth` added to its properties. */
  fire(tag: RuntimeTag, el: Element | undefined, relocated: boolean | undefined): void;
  /** Wait after a DOM change before looking for targets again, in ms. Default 250. */
  delay?: number;
  /** Longest run of rescanning before yielding to the page, in ms. Default 8. */
  slice?: number;
  /** The next rescan waits at least this many times what the last one cost. Default 10. */
  spacing?: number;
  /** Share of an element that must show when its tag sets no `minPercent`. Default 0.5. */
  threshold?: number;
  /** How often scroll depth is looked at while the page scrolls, at most, in ms. Default 100. */
  scrollInterval?: number;
}

/** Watches one page view's `visible` tags; `stop()` lets go of everything. */
export interface VisibleWatcher {
  stop(): void;
}

/** Starts watching `tags` (none: nothing is observed). Never throws into the page. */
export function createVisibleWatcher(all: RuntimeTag[], options: VisibleOptions): VisibleWatcher {
  const delay = options.delay ?? 250;
  const slice = options.slice ?? 8;
  const spacing = options.spacing ?? 10;
  const tags = all.filter((tag) => tag.trigger !== 'scroll');
  const scrolls = all.filter((tag) => tag.trigger === 'scroll');
  const conditions = new Map(tags.map((tag) => [tag, conditionsOf(tag, options.threshold ?? 0.5)]));
  // What fired during this page view: each visible tag per element, or per page with once: "page".
  const done = new WeakMap<Element, Set<RuntimeTag>>();
  const donePage = new Set<RuntimeTag>();
  const isDone = (el: Element, tag: RuntimeTag) => donePage.has(tag) || !!done.get(el)?.has(tag);
  // Timers of elements in view, waiting for their tag's minDuration: one per element and tag.
  const waiting = new Map<Element, Map<RuntimeTag, ReturnType<typeof setTimeout>>>();
  // The tags of each observed element, and whether it was relocated for them.
  let watched = new Map<Element, [RuntimeTag, boolean | undefined][]>();
  let next = new Map<Element, [RuntimeTag, boolean | undefined][]>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  // A rescan in progress: the index of the next tag, the time it has cost so far.
  let at = -1;
  let cost = 0;
  let earliest = 0;
  // The DOM changed while a rescan was under way: another follows it.
  let dirty = false;

  const safe = (fn: () => void) => () => {
    if (stopped) return;
    try {
      fn();
    } catch {
      // Never throw into the page.
    }
  };

  const fireVisible = (el: Element, tag: RuntimeTag, relocated: boolean | undefined) => {
    if (isDone(el, tag)) return;
    let set = done.get(el);
    if (!set) done.set(el, (set = new Set()));
    set.add(tag);
    if (conditions.get(tag)!.perPage) donePage.add(tag);
    options.fire(tag, el, relocated);
  };
  const cancel = (el: Element, tag?: RuntimeTag) => {
    const timers = waiting.get(el);
    if (!timers) return;
    for (const [t, id] of timers) if (!tag || t === tag) clearTimeout(id), timers.delete(t);
    if (!timers.size) waiting.delete(el);
  };

  // Every share any tag asks for (and 0, to hear of leaving): the observer reports each crossing.
  const shares = [...new Set([0, ...[...conditions.values()].map((c) => c.share)])];
  const io = new IntersectionObserver(
    (entries) =>
      safe(() => {
        for (const entry of entries) {
          const el = entry.target;
          const root = entry.rootBounds;
          const box = entry.intersectionRect;
          for (const [tag, relocated] of watched.get(el) || []) {
            if (isDone(el, tag)) continue;
            const c = conditions.get(tag)!;
            // An element larger than the window cannot show half of itself: filling that share of the window counts.
            const shown = entry.isIntersecting && (entry.intersectionRatio >= c.share - 1e-3 || (!!root && box.width * box.height >= c.share * root.width * root.height - 1));
            if (!shown) cancel(el, tag);
            else if (!c.duration) fireVisible(el, tag, relocated);
            else if (!waiting.get(el)?.has(tag)) {
              let timers = waiting.get(el);
              if (!timers) waiting.set(el, (timers = new Map()));
              timers.set(tag, setTimeout(safe(() => (cancel(el, tag), fireVisible(el, tag, relocated))), c.duration));
            }
          }
        }
      })(),
    { threshold: shares },
  );

  const step = safe(() => {
    timer = undefined;
    if (at < 0) (at = 0), (cost = 0), (next = new Map());
    const begun = performance.now();
    while (at < tags.length && performance.now() - begun < slice) {
      const tag = tags[at++]!;
      if (donePage.has(tag)) continue;
      for (const [el, relocated] of find(tag, options.budget ?? 10)) {
        if (isDone(el, tag)) continue;
        let list = next.get(el);
        if (!list) next.set(el, (list = []));
        list.push([tag, relocated]);
      }
    }
    const now = performance.now();
    cost += now - begun;
    if (at < tags.length) {
      // Yield to the page, then go on with the next tag.
      timer = setTimeout(step, 0);
      return;
    }
    // Observed afresh: an element no tag stands for any more is let go, with its timers.
    io.disconnect();
    for (const el of waiting.keys()) if (!next.has(el)) cancel(el);
    watched = next;
    for (const el of watched.keys()) io.observe(el);
    at = -1;
    earliest = now + cost * spacing;
    if (dirty) (dirty = false), schedule();
  });

  const schedule = safe(() => {
    if (at >= 0) dirty = true;
    else if (timer === undefined) timer = setTimeout(step, Math.max(delay, earliest - performance.now()));
  });

  const mo = new MutationObserver(schedule);
  if (tags.length) {
    mo.observe(document.documentElement, { childList: true, subtree: true });
    step();
  }

  // Scroll depth: each threshold of each scroll tag once per page view.
  const reached = new Map(scrolls.map((tag) => [tag, thresholdsOf(tag)]));
  let scrollTimer: ReturnType<typeof setTimeout> | undefined;
  const checkDepth = safe(() => {
    scrollTimer = undefined;
    const depth = scrollDepth();
    for (const [tag, left] of reached) {
      // Ascending: the thresholds passed are at the front.
      while (left.length && left[0]! <= depth + 0.5) {
        const value = left.shift()!;
        options.fire({ ...tag, properties: [...tag.properties.filter((p) => p.name !== SCROLL_DEPTH_PROPERTY), { name: SCROLL_DEPTH_PROPERTY, source: 'static', value }] }, undefined, undefined);
      }
    }
  });
  // At most one look per interval, however many scroll events the page sends.
  const onScroll = () => {
    if (scrollTimer === undefined && !stopped) scrollTimer = setTimeout(checkDepth, options.scrollInterval ?? 100);
  };
  if (scrolls.length) {
    addEventListener('scroll', onScroll, { passive: true });
    addEventListener('resize', onScroll, { passive: true });
    // What the page shows at once counts (a short page is read to its end).
    onScroll();
  }

  return {
    stop() {
      stopped = true;
      io.disconnect();
      mo.disconnect();
      clearTimeout(timer);
      clearTimeout(scrollTimer);
      for (const el of [...waiting.keys()]) cancel(el);
      removeEventListener('scroll', onScroll);
      removeEventListener('resize', onScroll);
    },
  };
}
