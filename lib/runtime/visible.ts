/**
 * The `visible` trigger: fires a tag once per element and page view when at least half of
 * the element shows. Targets are found afresh after DOM changes, at a bounded cost whatever
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
  /** Called once per element and page view when it shows. */
  fire(tag: RuntimeTag, el: Element, relocated: boolean | undefined): void;
  /** Wait after a DOM change before looking for targets again, in ms. Default 250. */
  delay?: number;
  /** Longest run of rescanning before yielding to the page, in ms. Default 8. */
  slice?: number;
  /** The next rescan waits at least this many times what the last one cost. Default 10. */
  spacing?: number;
  /** Share of an element that must show. Default 0.5. */
  threshold?: number;
}

/** Watches one page view's `visible` tags; `stop()` lets go of everything. */
export interface VisibleWatcher {
  stop(): void;
}

/** Starts watching `tags` (none: nothing is observed). Never throws into the page. */
export function createVisibleWatcher(tags: RuntimeTag[], options: VisibleOptions): VisibleWatcher {
  const delay = options.delay ?? 250;
  const slice = options.slice ?? 8;
  const spacing = options.spacing ?? 10;
  // Elements seen in view during this page view: `visible` fires once per element.
  const shown = new WeakSet<Element>();
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

  const io = new IntersectionObserver(
    (entries) =>
      safe(() => {
        for (const { isIntersecting, target: el } of entries) {
          if (!isIntersecting || shown.has(el)) continue;
          shown.add(el);
          io.unobserve(el);
          for (const [tag, relocated] of watched.get(el) || []) options.fire(tag, el, relocated);
        }
      })(),
    { threshold: options.threshold ?? 0.5 },
  );

  const step = safe(() => {
    timer = undefined;
    if (at < 0) (at = 0), (cost = 0), (next = new Map());
    const begun = performance.now();
    while (at < tags.length && performance.now() - begun < slice) {
      const tag = tags[at++]!;
      for (const [el, relocated] of find(tag, options.budget ?? 10)) {
        if (shown.has(el)) continue;
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
    // Observed afresh: an element no tag stands for any more is let go.
    io.disconnect();
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
  mo.observe(document.documentElement, { childList: true, subtree: true });
  step();

  return {
    stop() {
      stopped = true;
      io.disconnect();
      mo.disconnect();
      clearTimeout(timer);
    },
  };
}
