/**
 * The in-page half of the app-corpus benchmark (bundled with selectors.page.ts). Each page of
 * bench/app-corpus carries bench-only marks on the elements it tracks; `collect()` reads them
 * into JS maps and strips them before any locator is made, so no locator can see them.
 */
import { finder } from '@medv/finder';
import type { Locator } from '../lib/config/types';
import { findNear } from '../lib/core/properties';
import { createLocator, findSimilar, resolveLocator } from '../lib/selector';
import { pickerLocators } from '../lib/picker/locators';

type Outcome = 'EXACT' | 'AMBIGUOUS' | 'WRONG' | 'MISSING';
type PropOutcome = 'SAME' | 'WRONG' | 'MISSING';

interface Marks {
  targets: Map<string, Element>;
  props: Map<string, Element>;
  /** Set name → its members (targets only), in document order. */
  sets: Map<string, Element[]>;
  setOf: Map<string, string>;
}

declare global {
  interface Window {
    __appMarks?: Marks;
  }
}

function collect(): Marks {
  const marks: Marks = { targets: new Map(), props: new Map(), sets: new Map(), setOf: new Map() };
  for (const el of Array.from(document.querySelectorAll('[data-bench-target], [data-bench-prop], [data-bench-set]'))) {
    const target = el.getAttribute('data-bench-target');
    const prop = el.getAttribute('data-bench-prop');
    const set = el.getAttribute('data-bench-set');
    if (target) marks.targets.set(target, el);
    if (prop) marks.props.set(prop, el);
    if (target && set) {
      marks.setOf.set(target, set);
      marks.sets.set(set, [...(marks.sets.get(set) ?? []), el]);
    }
    el.removeAttribute('data-bench-target');
    el.removeAttribute('data-bench-prop');
    el.removeAttribute('data-bench-set');
  }
  window.__appMarks = marks;
  return marks;
}

/** The record part of a key: `card:p1002/add` → `card:p1002`. */
function recordOf(key: string): string | undefined {
  const slash = key.indexOf('/');
  return slash > 0 ? key.slice(0, slash) : undefined;
}

function safeFinder(el: Element): string | null {
  try {
    return finder(el);
  } catch {
    return null;
  }
}

export interface AppTargetMade {
  key: string;
  locator: Locator;
  finder: string | null;
  time: number;
  finderTime: number;
  /** Property key → our selector, finder's selector, and the time ours took. */
  props: { key: string; selector: string; finder: string | null; time: number }[];
  /** For members of a repeated set: the similar selector and whether it was exactly the set at creation. */
  similar?: { set: string; selector: string; count: number; exact: boolean; time: number };
}

/** Locators for the chosen targets, their properties and (for set members) their similar sets. */
function createForKeys(keys: string[], maxSimilar: number): AppTargetMade[] {
  const marks = window.__appMarks!;
  const out: AppTargetMade[] = [];
  // "all similar" on at most two members of each set, so a page's 5 footer links do not outweigh its rows
  const perSet = new Map<string, number>();
  let similarDone = 0;
  for (const key of keys) {
    const el = marks.targets.get(key)!;
    let t0 = performance.now();
    const locator = createLocator(el);
    const time = performance.now() - t0;
    t0 = performance.now();
    const finderSelector = safeFinder(el);
    const finderTime = performance.now() - t0;
    const record = recordOf(key);
    const props: AppTargetMade['props'] = [];
    if (record) {
      for (const [propKey, propEl] of marks.props) {
        if (recordOf(propKey) !== record) continue;
        const p0 = performance.now();
        const selector = pickerLocators.nearSelector?.(propEl, el) ?? createLocator(propEl).selector;
        props.push({ key: propKey, selector, finder: safeFinder(propEl), time: performance.now() - p0 });
      }
    }
    const made: AppTargetMade = { key, locator, finder: finderSelector, time, finderTime, props };
    const set = marks.setOf.get(key);
    if (set && similarDone < maxSimilar && (perSet.get(set) ?? 0) < 2) {
      similarDone++;
      perSet.set(set, (perSet.get(set) ?? 0) + 1);
      const s0 = performance.now();
      const similar = findSimilar(el);
      const stime = performance.now() - s0;
      const expected = marks.sets.get(set)!;
      const exact = similar.elements.length === expected.length && expected.every((e) => similar.elements.includes(e));
      made.similar = { set, selector: similar.selector, count: similar.count, exact, time: stime };
    }
    out.push(made);
  }
  return out;
}

function classify(found: Element[], expected: Element | undefined): Outcome {
  if (!expected) return found.length === 0 ? 'EXACT' : 'WRONG';
  if (found.length === 0) return 'MISSING';
  if (!found.includes(expected)) return 'WRONG';
  return found.length === 1 ? 'EXACT' : 'AMBIGUOUS';
}

function queryAll(selector: string | null): Element[] {
  if (!selector) return [];
  try {
    return Array.from(document.querySelectorAll(selector));
  } catch {
    return [];
  }
}

function readOutcome(from: Element | undefined, selector: string | null, expected: Element | undefined): PropOutcome {
  if (!from || !selector) return 'MISSING';
  const found = findNear(from, selector, document);
  if (!found) return 'MISSING';
  return found === expected ? 'SAME' : 'WRONG';
}

export interface AppScore {
  key: string;
  gone: boolean;
  ours: Outcome;
  primaryOnly: Outcome;
  finder: Outcome;
  /** Per property: read from the element the tag found (end to end), from the true element (the property locator alone), and finder's. */
  props: { key: string; endToEnd: PropOutcome; fromTarget: PropOutcome; finder: PropOutcome }[];
  /** The similar selector still matches exactly the set (members present in this version). */
  similarExact?: boolean;
}

/** After a redeploy: where each locator, property and similar selector lands. */
function scoreKeys(made: AppTargetMade[]): AppScore[] {
  const marks = window.__appMarks!;
  return made.map((m) => {
    const expected = marks.targets.get(m.key);
    const found = resolveLocator(m.locator, document);
    const score: AppScore = {
      key: m.key,
      gone: !expected,
      ours: classify(found, expected),
      primaryOnly: classify(queryAll(m.locator.selector), expected),
      finder: classify(queryAll(m.finder), expected),
      props: [],
    };
    if (expected) {
      const resolved = found.length === 1 ? found[0] : undefined;
      const finderFound = queryAll(m.finder);
      for (const p of m.props) {
        const want = marks.props.get(p.key);
        score.props.push({
          key: p.key,
          endToEnd: readOutcome(resolved, p.selector, want),
          fromTarget: readOutcome(expected, p.selector, want),
          finder: readOutcome(finderFound.length === 1 ? finderFound[0] : undefined, p.finder, want),
        });
      }
    }
    if (m.similar) {
      const members = marks.sets.get(m.similar.set) ?? [];
      const now = queryAll(m.similar.selector);
      score.similarExact = now.length === members.length && members.every((e) => now.includes(e));
    }
    return score;
  });
}

(globalThis as Record<string, unknown>).__apps = {
  collect: () => {
    const marks = collect();
    return { targets: [...marks.targets.keys()], elements: document.getElementsByTagName('*').length };
  },
  create: createForKeys,
  score: scoreKeys,
};
