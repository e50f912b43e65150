/**
 * Locator resolution: what a tag's target stands for, in one place for every caller. The
 * static answer (`resolveAll`: the picker's counts, the tag list, coverage, why-not-fired,
 * lib/selector) and the click path (tag-index.ts, through `acceptsPrimary` and a relocation
 * resolver) follow the same rules, written down in README.md ("One meaning"):
 *
 * 1. Scopes: the root, or with `hosts` the open shadow roots reached through them.
 * 2. In each scope, the primary selector's matches that agree with the fingerprint.
 * 3. None there (and a fingerprint to check against): relocation, accepted only when sure
 *    (the fallbacks' matches scored against the fingerprint: the best agrees and leads the
 *    next by `LEAD`); else nothing, never another element.
 */
import { fingerprintAgrees } from './fingerprint';
import { coreExtras, LEAN } from './lean';
import { query } from './query';
import { relocateRanked } from './relocate';
import { readTarget, type RuntimeSelector, type RuntimeTarget } from './normalize';

/** The elements of one scope a target stands for; `relocated` when not the primary's. */
export type Resolved = Element[] & { relocated?: boolean };

const tests = (s: RuntimeSelector, el: Element) => s.branches.some((b) => b.test(el));

/** The shadow root an element's tree hangs from, or undefined in a document (or detached). */
const shadowOf = (node: Node) => {
  const root = node.getRootNode() as ShadowRoot;
  return root.nodeType === 11 && root.host ? root : undefined;
};

/**
 * True when the element's chain of shadow hosts is the target's `hosts`, innermost last
 * (none: the element is not inside any shadow root). Hosts are tested in their own trees.
 */
export function inHosts(target: RuntimeTarget, el: Element): boolean {
  const hosts = target.hosts || [];
  let node: Node = el;
  for (let i = hosts.length; i--; ) {
    const root = shadowOf(node);
    if (!root || !tests(hosts[i]!, root.host)) return false;
    node = root.host;
  }
  return !shadowOf(node);
}

/** The click path's check of an element its primary selector matched (a few attribute reads). */
export function acceptsPrimary(target: RuntimeTarget, el: Element): boolean {
  // Whether the primary finds only this element is asked only when it could decide.
  return inHosts(target, el) && (!target.fingerprint || fingerprintAgrees(el, target.fingerprint, true));
}


/** The trees a target's selector is read in under `root`: root itself, or its hosts' shadow roots. */
export function scopesOf(target: RuntimeTarget, root: ParentNode): ParentNode[] {
  let scopes = [root];
  for (const host of target.hosts || []) scopes = scopes.flatMap((s) => query(s, host).flatMap((h) => h.shadowRoot || []));
  return scopes;
}

/**
 * Relocation in one scope where no primary match counts at once: the ranking of
 * relocate.ts (`relocateRanked`); [] when unsure, undefined when `deadline` (a
 * `performance.now()` time) passed first. tagpoint.js (lean) has the ranking from
 * tagpoint-extras.js, which it loads before taking a config with fingerprints into use;
 * should it fail to load, relocation is out of time, as when the action's budget is spent.
 */
export function relocateIn(target: RuntimeTarget, scope: ParentNode, deadline: number | undefined, found: Element[]): Element[] | undefined {
  // (Without a fingerprint the ranking answers [].)
  return (LEAN ? coreExtras()?.relocateRanked : relocateRanked)?.(target, scope, deadline, found);
}

/**
 * What the target stands for in one scope: the primary's matches that count at once
 * (`fingerprintAgrees` as a primary match), else the ranking's answer (`relocated` set on the
 * array); undefined when out of time.
 */
export function resolveIn(target: RuntimeTarget, scope: ParentNode, deadline?: number): Resolved | undefined {
  const fp = target.fingerprint;
  const found = query(scope, target);
  const primary = found.filter((el) => !fp || fingerprintAgrees(el, fp, true));
  if (primary.length || !fp) return primary;
  const moved: Resolved | undefined = relocateIn(target, scope, deadline, found);
  if (moved) moved.relocated = moved.length > 0;
  return moved;
}

/** Every element the target stands for under `root` (a document, shadow root or element). */
export function resolveAll(target: RuntimeTarget, root: ParentNode): Element[] {
  return scopesOf(target, root).flatMap((s) => resolveIn(target, s) || []);
}

/**
 * The elements found by relocation under `root` (none where the primary holds); undefined
 * when `deadline` passed first. The click path caches this per tag (runtime.ts).
 */
export function relocatedAll(target: RuntimeTarget, root: ParentNode, deadline?: number): Element[] | undefined {
  const out: Element[] = [];
  for (const s of scopesOf(target, root)) {
    const found = resolveIn(target, s, deadline);
    if (!found) return undefined;
    if (found.relocated) out.push(...found);
  }
  return out;
}

/**
 * `resolveAll` for a locator as written in a config (`{ selector, fallbacks?, fingerprint?,
 * hosts? }`), compiled the way the runtime compiles it: one the runtime would refuse (an
 * invalid selector or host) finds nothing. Never throws.
 */
export function resolveLocator(locator: unknown, root: ParentNode): Element[] {
  try {
    const target = readTarget(locator);
    return typeof target === 'string' ? [] : resolveAll(target, root);
  } catch {
    // A hostile page's own DOM methods may throw: the runtime would fire on nothing here either.
    return [];
  }
}
