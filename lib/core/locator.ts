/**
 * Locator resolution: what a tag's target stands for, in one place for every caller. The
 * static answer (`resolveAll`: the picker's counts, the tag list, coverage, why-not-fired,
 * lib/selector) and the click path (tag-index.ts, through `acceptsPrimary` and a relocation
 * resolver) follow the same rules, written down in README.md ("One meaning"):
 *
 * 1. Scopes: the root, or with `hosts` the open shadow roots reached through them.
 * 2. In each scope, the primary selector's matches that agree with the fingerprint.
 * 3. None there (and a fingerprint to check against): relocation, accepted only when sure
 *    (a fallback with exactly one agreeing match, in order); else nothing, never another
 *    element.
 */
import { fingerprintAgrees } from './fingerprint';
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
  return inHosts(target, el) && (!target.fingerprint || fingerprintAgrees(el, target.fingerprint));
}

function query(scope: ParentNode, s: RuntimeSelector): Element[] {
  try {
    return [...scope.querySelectorAll(s.selector)];
  } catch {
    // Compiled selectors were accepted by the browser; a hostile page's own override may throw.
    return [];
  }
}

/** The trees a target's selector is read in under `root`: root itself, or its hosts' shadow roots. */
export function scopesOf(target: RuntimeTarget, root: ParentNode): ParentNode[] {
  let scopes = [root];
  for (const host of target.hosts || []) scopes = scopes.flatMap((s) => query(s, host).flatMap((h) => h.shadowRoot || []));
  return scopes;
}

/**
 * Relocation in one scope where the primary found nothing agreeing: the first fallback
 * with exactly one agreeing match; [] when unsure, undefined when `deadline` (a
 * `performance.now()` time) passed first.
 */
export function relocateIn(target: RuntimeTarget, scope: ParentNode, deadline = Infinity): Element[] | undefined {
  const fp = target.fingerprint;
  if (!fp) return [];
  if (performance.now() > deadline) return undefined;
  for (const f of target.fallbacks) {
    const found = query(scope, f).filter((el) => fingerprintAgrees(el, fp));
    if (found.length === 1) return found;
  }
  return [];
}

/**
 * What the target stands for in one scope: the primary's agreeing matches, else the
 * relocated element (`relocated` set on the array); undefined when out of time.
 */
export function resolveIn(target: RuntimeTarget, scope: ParentNode, deadline?: number): Resolved | undefined {
  const fp = target.fingerprint;
  const primary = query(scope, target).filter((el) => !fp || fingerprintAgrees(el, fp));
  if (primary.length || !fp) return primary;
  const moved: Resolved | undefined = relocateIn(target, scope, deadline);
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
