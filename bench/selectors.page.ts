/**
 * The in-page half of the selector benchmark, bundled by esbuild and injected into each
 * corpus page. Targets are tracked by identity in a JS array (window.__benchTargets), never
 * by anything written into the DOM.
 */
import { finder } from '@medv/finder';
import { createLocator, resolveLocator } from '../lib/selector';
import type { Locator } from '../lib/config/types';
import { hashSeed, mulberry32, mutate, type Mutation } from './selectors.mutations';
import './selectors.apps.page';

type Outcome = 'EXACT' | 'AMBIGUOUS' | 'WRONG' | 'MISSING';

const TAGGABLE =
  'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [role=link], [role=tab], [role=menuitem], label[for]';

declare global {
  interface Window {
    __benchTargets?: Element[];
  }
}

function allElements(): Element[] {
  return Array.from(document.getElementsByTagName('*'));
}

/** Indices (document order) of up to `max` elements a marketer would tag, sampled deterministically. */
function pick(seedText: string, max: number): { indices: number[]; total: number; elements: number } {
  const all = allElements();
  const position = new Map(all.map((el, i) => [el, i]));
  const candidates = Array.from(document.querySelectorAll(TAGGABLE)).filter(
    (el) => !el.closest('head, noscript, template') && el.getClientRects().length > 0,
  );
  const rng = mulberry32(hashSeed(seedText));
  const pool = [...candidates];
  const chosen: Element[] = [];
  while (chosen.length < max && pool.length) chosen.push(pool.splice(Math.floor(rng() * pool.length), 1)[0]!);
  const indices = chosen.map((el) => position.get(el)!).sort((a, b) => a - b);
  return { indices, total: candidates.length, elements: all.length };
}

function target(indices: number[]): Element[] {
  const all = allElements();
  window.__benchTargets = indices.map((i) => all[i]!);
  return window.__benchTargets;
}

function create(indices: number[]) {
  const els = target(indices);
  const locators: Locator[] = [];
  const times: number[] = [];
  const bestTimes: number[] = [];
  const finderSelectors: (string | null)[] = [];
  const finderTimes: number[] = [];
  // one loop per library, so neither pays for the other's garbage collection
  for (const el of els) {
    const t0 = performance.now();
    locators.push(createLocator(el));
    times.push(performance.now() - t0);
  }
  // the machine is shared: the best of three runs is the creation's own cost, without preemption
  els.forEach((el, i) => {
    let best = times[i]!;
    for (let run = 0; run < 2; run++) {
      const t0 = performance.now();
      createLocator(el);
      best = Math.min(best, performance.now() - t0);
    }
    bestTimes.push(best);
  });
  for (const el of els) {
    const t0 = performance.now();
    try {
      finderSelectors.push(finder(el));
    } catch {
      finderSelectors.push(null);
    }
    finderTimes.push(performance.now() - t0);
  }
  return { locators, times, bestTimes, finderSelectors, finderTimes };
}

function classify(found: Element[], el: Element): Outcome {
  if (found.length === 0) return 'MISSING';
  if (!found.includes(el)) return 'WRONG';
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

function score(locators: Locator[], finderSelectors: (string | null)[]) {
  const els = window.__benchTargets!;
  return els.map((el, i) => ({
    connected: el.isConnected,
    ours: classify(resolveLocator(locators[i]!, document), el),
    primaryOnly: classify(queryAll(locators[i]!.selector), el),
    finder: classify(queryAll(finderSelectors[i]!), el),
  }));
}

function mutateAndScore(indices: number[], mutation: Mutation, seed: number, locators: Locator[], finderSelectors: (string | null)[]) {
  const els = target(indices);
  mutate(document, els, mutation, seed);
  return score(locators, finderSelectors);
}

(globalThis as Record<string, unknown>).__bench = { pick, create, score, mutateAndScore, target };
