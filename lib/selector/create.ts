/** element → Locator: a unique, stable CSS selector plus fingerprint-guarded fallbacks. */
import { finder } from '@medv/finder';
import type { Fingerprint, Locator } from '../config/types';
import { MAX_FALLBACKS } from '../config/limits';
import { anchorAtoms, compound, elementAtoms, type Atom, type AtomOptions } from './atoms';
import { cssTag, isUniqueMatch, queryAll } from './css';
import { createFingerprint } from './fingerprint';
import { structuralPath } from './path';
import { findRecord, type RecordInfo } from './record';
import { isFingerprintMatch } from './resolve';
import { DEFAULT_TEST_ATTRIBUTES, isGeneratedId, isGeneratedValue, isMeaningfulDataAttribute, isStableClass, stableHref } from './signals';
import { isStateAttribute } from '../core/selector-policy';

/** Options of `createLocator`; every field has a default. */
export interface LocatorOptions {
  /** Attributes treated as test/tracking hooks, best first. Default: `DEFAULT_TEST_ATTRIBUTES`. */
  testAttributes?: readonly string[];
  /** Time budget in ms for finding the primary selector; past it the structural path is used. Default 20. */
  timeoutMs?: number;
  /** Time budget in ms for checking fallback selectors. Default 15. */
  fallbackTimeoutMs?: number;
  /** Most fallback selectors kept. Default and maximum: `MAX_FALLBACKS` (8). */
  maxFallbacks?: number;
  /** How many ancestors may anchor a selector. Default 16. */
  maxAnchorDepth?: number;
}


interface Context extends AtomOptions {
  deadline: number;
  fallbackTimeoutMs: number;
  /** Trees outside a shadow element's own (its hosts' roots), where its selector must match nothing. */
  outerRoots: ParentNode[];
  /** The structural path once built (primary and fallbacks share it). */
  path?: string;
  /** Matches per selector in the element's scope: the fallback checks reuse the primary search's queries. */
  matches: Map<string, Element[]>;
  maxFallbacks: number;
  maxAnchorDepth: number;
  /** The repeated item (row, card) the element sits in, when it is one record among alike ones. */
  record?: RecordInfo;
}

/** Tags worth a bare `tag` fallback, where the fingerprint (text, href...) tells them apart. */
const FINGERPRINTED_TAGS = new Set(['a', 'button', 'label', 'summary', 'input', 'select', 'textarea', 'img', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'option']);
const FINDER_ATTRIBUTES = new Set(['name', 'aria-label', 'role', 'title', 'alt', 'placeholder', 'type']);

const now = () => (globalThis.performance ? performance.now() : Date.now());

function context(options: LocatorOptions): Context {
  return {
    testAttributes: options.testAttributes ?? DEFAULT_TEST_ATTRIBUTES,
    deadline: now() + (options.timeoutMs ?? 20),
    fallbackTimeoutMs: options.fallbackTimeoutMs ?? 15,
    maxFallbacks: Math.max(0, Math.min(options.maxFallbacks ?? MAX_FALLBACKS, MAX_FALLBACKS)),
    maxAnchorDepth: options.maxAnchorDepth ?? 16,
    outerRoots: [],
    matches: new Map(),
  };
}

/** Where selectors for `el` are evaluated: its document or its shadow root. */
export function scopeOf(el: Element): Document | ShadowRoot | Element {
  const root = el.getRootNode();
  if (root.nodeType === 9 || root.nodeType === 11) return root as Document | ShadowRoot;
  return root as Element;
}

/** How many descendants of `within` (and `within` itself) match `selector`. */
function countWithin(within: Element, selector: string): number {
  try {
    return within.querySelectorAll(selector).length + (within.matches(selector) ? 1 : 0);
  } catch {
    // A candidate the browser refuses is never unique: counted as more than one, it is dropped.
    return 2;
  }
}

/** Unique in its own tree, and — for an element in a shadow root — absent from the trees around it. */
function cachedQuery(scope: ParentNode, css: string, ctx: Context): Element[] {
  let found = ctx.matches.get(css);
  if (!found) {
    found = queryAll(scope, css);
    ctx.matches.set(css, found);
  }
  return found;
}

/** For an element in a shadow root: the selector matches nothing in the trees around it. */
function isAbsentAround(css: string, ctx: Context): boolean {
  return ctx.outerRoots.every((root) => queryAll(root, css).length === 0);
}

function isPrimaryOk(scope: ParentNode, css: string, el: Element, ctx: Context): boolean {
  const found = cachedQuery(scope, css, ctx);
  return found.length === 1 && found[0] === el && isAbsentAround(css, ctx);
}

/** True when, of `candidates` (a superset of the matches of `css`), only `el` matches `css`. */
function isOnlyMatch(candidates: Element[], css: string, el: Element): boolean {
  let hit = false;
  try {
    for (const e of candidates) {
      if (!e.matches(css)) continue;
      if (e !== el) return false;
      hit = true;
    }
  } catch {
    // A candidate the browser refuses is not a match: the generator tries the next one.
    return false;
  }
  return hit;
}

/** Whether `anchor local` (descendant combinator) matches only `el`, using the known matches of `local`. */
function isAnchoredUnique(scope: ParentNode, local: string, anchor: string, el: Element, ctx: Context): boolean {
  const locals = cachedQuery(scope, local, ctx);
  if (locals.length > 500) return isPrimaryOk(scope, `${anchor} ${local}`, el, ctx);
  try {
    if (!el.parentElement?.closest(anchor)) return false;
    for (const e of locals) if (e !== el && e.parentElement?.closest(anchor)) return false;
  } catch {
    // An anchor the browser refuses anchors nothing: the generator tries the next one.
    return false;
  }
  return true;
}

function ownCandidates(el: Element, scope: ParentNode, atoms: Atom[], ctx: Context): string | undefined {
  for (const atom of atoms) {
    const css = compound(el, atom);
    if (isPrimaryOk(scope, css, el, ctx)) return css;
  }
  // a tag alone: custom elements (`newsletter-box`) and one-per-page ones such as `h1`
  if (isPrimaryOk(scope, cssTag(el), el, ctx)) return cssTag(el);
  const top = atoms.slice(0, 5);
  for (let i = 0; i < top.length; i++) {
    for (let j = i + 1; j < top.length; j++) {
      // a pair's matches are among either atom's: filter the shorter list instead of querying
      const a = cachedQuery(scope, compound(el, top[i]!), ctx);
      const b = cachedQuery(scope, compound(el, top[j]!), ctx);
      const css = compound(el, top[i]!, top[j]!);
      if (isOnlyMatch(a.length < b.length ? a : b, css, el) && isAbsentAround(css, ctx)) return css;
    }
  }
  if (now() > ctx.deadline) return undefined;
  let locals = [...atoms.slice(0, 3).map((a) => compound(el, a)), cssTag(el)];
  let ancestor = el.parentElement;
  for (let depth = 0; ancestor && depth < ctx.maxAnchorDepth && locals.length; depth++, ancestor = ancestor.parentElement) {
    if (ancestor.localName === 'body' || ancestor.localName === 'html') break;
    const within = ancestor;
    // a local selector matching twice under this ancestor matches twice under every higher one
    locals = locals.filter((local) => countWithin(within, local) === 1);
    const anchors = anchorAtoms(ancestor, ctx).slice(0, 3);
    for (const local of locals) {
      for (const anchor of anchors) {
        const css = `${anchor} ${local}`;
        if (isAnchoredUnique(scope, local, anchor, el, ctx) && isAbsentAround(css, ctx)) return css;
      }
    }
    if (now() > ctx.deadline) return undefined;
  }
  return undefined;
}

function finderAttr(testAttributes: readonly string[]) {
  return (name: string, value: string): boolean => {
    if (isStateAttribute(name)) return false;
    if (testAttributes.includes(name)) return value.length > 0 && value.length <= 200;
    if (name === 'href') return stableHref(value)?.exact === true && value.length <= 200;
    if (FINDER_ATTRIBUTES.has(name)) return value.length > 0 && value.length <= 100 && !isGeneratedValue(value);
    return isMeaningfulDataAttribute(name, value);
  };
}

function viaFinder(el: Element, scope: ParentNode, ctx: Context): string | undefined {
  // finder's search grows combinatorially; past a few ms it rarely finds what our anchors missed
  const remaining = Math.min(ctx.deadline - now(), 6);
  if (remaining <= 1) return undefined;
  try {
    const css = finder(el, {
      root: (scope.nodeType === 9 ? (scope as Document).body ?? (scope as Document).documentElement : scope) as Element,
      idName: (id) => !isGeneratedId(id),
      className: isStableClass,
      tagName: () => true,
      attr: finderAttr(ctx.testAttributes),
      timeoutMs: remaining,
      maxNumberOfPathChecks: 150,
    });
    // past its limits finder answers with a full `html > body:nth-of-type(1) > …` path: ours is better
    if (/^html\b/.test(css)) return undefined;
    return isPrimaryOk(scope, css, el, ctx) ? css : undefined;
  } catch {
    // finder throws on timeouts and odd trees; the structural path takes over
    return undefined;
  }
}

function pathOf(el: Element, scope: ParentNode, ctx: Context): string {
  ctx.path ??= structuralPath(el, scope, ctx, Math.max(ctx.deadline, now()) + 10);
  return ctx.path;
}

/**
 * In a record with an identity (`[data-order-id="10405"]`, a link only it holds): that
 * identity, then what finds the element inside the item — its own atoms, its tag, its path
 * from the item. Positions inside one record are safe; the record's own position is not.
 */
function recordCandidates(el: Element, scope: ParentNode, ctx: Context): string | undefined {
  const record = ctx.record;
  if (!record?.identity) return undefined;
  const locals = [...elementAtoms(el, ctx).slice(0, 3).map((a) => compound(el, a)), cssTag(el)];
  for (const local of locals) {
    const css = `${record.identity} ${local}`;
    if (isPrimaryOk(scope, css, el, ctx) && isAbsentAround(css, ctx)) return css;
  }
  const inner = structuralPath(el, record.item, ctx, ctx.deadline);
  const css = `${record.identity} ${inner}`;
  return isPrimaryOk(scope, css, el, ctx) && isAbsentAround(css, ctx) ? css : undefined;
}

function primarySelector(el: Element, scope: ParentNode, ctx: Context): string {
  const name = el.localName;
  if ((name === 'html' || name === 'body' || name === 'head') && isUniqueMatch(scope, name, el)) return name;
  const atoms = elementAtoms(el, ctx);
  return (
    // an own signal unique on the page (`[data-sku="SKU-1005"]`) already names the record
    atoms.map((atom) => compound(el, atom)).find((css) => isPrimaryOk(scope, css, el, ctx)) ??
    recordCandidates(el, scope, ctx) ??
    ownCandidates(el, scope, atoms, ctx) ??
    viaFinder(el, scope, ctx) ??
    pathOf(el, scope, ctx)
  );
}

function fallbackSelectors(el: Element, scope: ParentNode, primary: string, locator: Locator, ctx: Context): string[] {
  const fingerprint = locator.fingerprint!;
  const candidates: string[] = elementAtoms(el, ctx).map((atom) => compound(el, atom));
  // ancestors' stable names (unique or not), nearest first: they tell twins apart when the
  // element's own signals cannot, and survive inserted wrappers (descendant combinator)
  const anchored: string[] = [];
  let ancestor = el.parentElement;
  for (let depth = 0; ancestor && depth < 2 * ctx.maxAnchorDepth && anchored.length < 6; depth++, ancestor = ancestor.parentElement) {
    if (ancestor.localName === 'body' || ancestor.localName === 'html') break;
    for (const anchor of anchorAtoms(ancestor, ctx).slice(0, 2)) anchored.push(`${anchor} ${cssTag(el)}`);
  }
  candidates.push(...anchored);
  // inside any item of the list: the fingerprint's record check picks this record's element
  if (fingerprint.record) candidates.push(`${fingerprint.record.item} ${cssTag(el)}`, ...elementAtoms(el, ctx).slice(0, 2).map((a) => `${fingerprint.record!.item} ${compound(el, a)}`));
  candidates.push(pathOf(el, scope, ctx));
  if (FINGERPRINTED_TAGS.has(el.localName)) candidates.push(cssTag(el));
  const kept: string[] = [];
  let anchoredKept = 0;
  const deadline = now() + ctx.fallbackTimeoutMs;
  for (const css of candidates) {
    if (kept.length >= ctx.maxFallbacks || now() > deadline) break;
    if (css === primary || kept.includes(css)) continue;
    const isAnchored = anchored.includes(css);
    if (isAnchored && anchoredKept >= 3) continue;
    const agreeing = cachedQuery(scope, css, ctx).filter((match) => isFingerprintMatch(match, fingerprint));
    if (agreeing.length === 1 && agreeing[0] === el) {
      kept.push(css);
      if (isAnchored) anchoredKept++;
    }
  }
  return kept;
}

/**
 * The fingerprint with the record check when the element's look-alikes in the other records
 * would pass it (a "Refund" button in every row); an element that tells itself apart (its
 * own `name`, a label with the order number) keeps the plain fingerprint, so a copy edit
 * of the record's key text cannot lose it.
 */
function recordFingerprint(el: Element, fingerprint: Fingerprint, record: RecordInfo | undefined): Fingerprint {
  if (!record) return fingerprint;
  const tag = cssTag(el);
  const lookAlike = record.others.some((other) => Array.from(other.querySelectorAll(tag)).some((twin) => isFingerprintMatch(twin, fingerprint)));
  const keys = lookAlike ? record.keys() : [];
  return keys.length ? { ...fingerprint, record: { item: record.itemSelector, keys } } : fingerprint;
}

function outerRoots(el: Element): ParentNode[] {
  const roots: ParentNode[] = [];
  let root = el.getRootNode();
  while (root.nodeType === 11 && (root as ShadowRoot).host) {
    root = (root as ShadowRoot).host.getRootNode();
    roots.push(root as ParentNode);
  }
  return roots;
}

function hostChain(el: Element, ctx: Context): string[] {
  const hosts: string[] = [];
  let root = el.getRootNode();
  while (root.nodeType === 11 && (root as ShadowRoot).host) {
    const host = (root as ShadowRoot).host;
    hosts.unshift(primarySelector(host, scopeOf(host), { ...ctx, outerRoots: outerRoots(host), path: undefined, matches: new Map() }));
    root = host.getRootNode();
  }
  return hosts;
}

/**
 * A locator for `el`: `selector` is plain CSS, unique where `el` lives (its document, or its
 * shadow root — then `hosts` lists the host selectors to go through, outermost first),
 * built from the most stable signals available; `fallbacks` are alternative selectors from
 * independent signals, each checked to find exactly `el` once filtered by `fingerprint`.
 */
export function createLocator(el: Element, options: LocatorOptions = {}): Locator {
  const ctx = context(options);
  const scope = scopeOf(el);
  ctx.outerRoots = outerRoots(el);
  ctx.record = findRecord(el);
  const selector = primarySelector(el, scope, ctx);
  const locator: Locator = { selector, fingerprint: recordFingerprint(el, createFingerprint(el, ctx.testAttributes), ctx.record) };
  const fallbacks = fallbackSelectors(el, scope, selector, locator, ctx);
  if (fallbacks.length > 0) locator.fallbacks = fallbacks;
  const hosts = hostChain(el, ctx);
  if (hosts.length > 0) locator.hosts = hosts;
  return locator;
}
