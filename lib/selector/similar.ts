/** "All similar elements": from one element of a repeated set, a selector for the whole set. */
import { createLocator, scopeOf, type LocatorOptions } from './create';
import { cssIdent, cssString, cssTag, queryAll } from './css';
import { cssModuleStem, DEFAULT_TEST_ATTRIBUTES, isMeaningfulDataAttribute, isStableClass } from './signals';

/** The repeated set an element belongs to. */
export interface SimilarResult {
  /** Plain CSS matching every element of the set and nothing else (in the element's scope). */
  selector: string;
  /** How many elements `selector` matches. */
  count: number;
  /** The matches, in document order. */
  elements: Element[];
  /**
   * True when `el` sits in a repeated structure but no selector names exactly its set (count
   * is then 1): the editor says so instead of "no similar elements".
   */
  unnamed?: boolean;
}

/** Options of `findSimilar`. */
export interface SimilarOptions extends LocatorOptions {
  /** How far up to look for the repeated item (the card, the list item). Default 6. */
  maxDepth?: number;
  /**
   * How many times larger a farther repeated level must be to win over a nearer one whose
   * items are alike (same classes). Over unlike items any larger level wins. Default 2.
   */
  widerRatio?: number;
}

const SHARED_ATTRIBUTES = ['name', 'role', 'type', 'aria-label', 'title'];

function stableClasses(el: Element): string[] {
  return Array.from(el.classList).filter(isStableClass);
}

/**
 * Two sibling items are alike when they are the same kind of element in the same role (a
 * card among cards, a row among rows). Classes are not compared: navigation items carry their
 * own (`orb-nav-news`, `orb-nav-sport`), zebra rows alternate utilities (`bg-white`,
 * `bg-gray-50`), a sale card adds one. That the same control sits at the same place inside
 * each (samePlace, isSameControl) is what makes them records of one list.
 */
function isAlike(a: Element, b: Element): boolean {
  return a.localName === b.localName && a.getAttribute('role') === b.getAttribute('role');
}

/**
 * The same kind of control as `el`: tag, role and `type`. (Whether it has an `href` is not
 * compared: a menu's current entry is often the same `a` without one.)
 */
function isSameControl(e: Element, el: Element): boolean {
  return e.localName === el.localName && e.getAttribute('role') === el.getAttribute('role') && e.getAttribute('type') === el.getAttribute('type');
}

/** Child-index steps from `item` down to `el`. */
function stepsDown(item: Element, el: Element): Element[] {
  const chain: Element[] = [];
  for (let node: Element | null = el; node && node !== item; node = node.parentElement) chain.unshift(node);
  return chain;
}

/** A control's words: its label or its own text ("View", "Refund"). */
function labelOf(el: Element): string | null {
  // own text first: an aria-label often names the record too ("View order #10273")
  return (el.children.length === 0 ? (el.textContent ?? '').trim() : '') || el.getAttribute('aria-label');
}

/** The one candidate whose `key` equals the original's, when that key tells the original from its same-tag siblings. */
function by(siblings: Element[], candidates: Element[], original: Element, key: (e: Element) => string | null): Element | undefined {
  const value = key(original);
  if (!value || siblings.filter((c) => key(c) === value).length !== 1) return undefined;
  const found = candidates.filter((c) => key(c) === value);
  return found.length === 1 ? found[0] : undefined;
}

/**
 * The element at the same place inside another item: at each step the child of the same tag
 * with the same classes (one build gives one component the same classes in every item, so a
 * "Sale" badge before the price does not shift it), else with the same words (a row without
 * its Refund button keeps its View), else the one at the same same-tag index.
 */
function samePlace(item: Element, chain: Element[]): Element | undefined {
  let node: Element = item;
  for (const original of chain) {
    const parent = original.parentElement!;
    const sameTag = Array.from(parent.children).filter((c) => c.localName === original.localName);
    const candidates = Array.from(node.children).filter((c) => c.localName === original.localName);
    const next = by(sameTag, candidates, original, (c) => c.getAttribute('class')) ?? by(sameTag, candidates, original, labelOf) ?? candidates[sameTag.indexOf(original)];
    if (!next) return undefined;
    node = next;
  }
  return node;
}

/** Compound selector of what every element of `set` has in common. */
function commonCompound(set: Element[], testAttributes: readonly string[]): string {
  const first = set[0]!;
  let css = cssTag(first);
  for (const name of [...testAttributes, ...SHARED_ATTRIBUTES]) {
    const value = first.getAttribute(name);
    if (value && value.length <= 100 && set.every((e) => e.getAttribute(name) === value)) css += `[${name}=${cssString(value)}]`;
  }
  for (const a of Array.from(first.attributes)) {
    if (testAttributes.includes(a.name) || !isMeaningfulDataAttribute(a.name, a.value)) continue;
    if (set.every((e) => e.getAttribute(a.name) === a.value)) css += `[${a.name}=${cssString(a.value)}]`;
    // Each card has its own data-product-id: that every item carries one is the signal.
    else if (set.every((e) => e.hasAttribute(a.name))) css += `[${cssIdent(a.name)}]`;
  }
  for (const cls of stableClasses(first)) if (set.every((e) => e.classList.contains(cls))) css += `.${cssIdent(cls)}`;
  // A CSS-modules class every element shares names the component by the part a rebuild keeps.
  for (const cls of Array.from(first.classList)) {
    const stem = cssModuleStem(cls);
    if (stem && set.every((e) => Array.from(e.classList).some((c) => c.startsWith(stem)))) css += `[class*=${cssString(stem)}]`;
  }
  return css;
}

/** True when a compound says more than its tag, `type` or `role` (a class, a test or data attribute, a name, a label). */
function isSpecific(compound: string): boolean {
  return /\.|\[(?!type=|role=)/.test(compound);
}

function nthStep(el: Element): string {
  const sameTag = Array.from(el.parentElement?.children ?? []).filter((c) => c.localName === el.localName);
  return sameTag.length > 1 ? `${cssTag(el)}:nth-of-type(${sameTag.indexOf(el) + 1})` : cssTag(el);
}

function sameSet(found: Element[], expected: Element[]): boolean {
  return found.length === expected.length && expected.every((e) => found.includes(e));
}

/**
 * The repeated set `el` belongs to — the same element in every sibling item that looks like
 * its own (product cards, list items, table rows) — and a selector matching exactly that set.
 * When `el` is not part of a repeated structure the set is `el` alone (count 1).
 */
export function findSimilar(el: Element, options: SimilarOptions = {}): SimilarResult {
  const testAttributes = options.testAttributes ?? DEFAULT_TEST_ATTRIBUTES;
  const scope = scopeOf(el);
  const maxDepth = options.maxDepth ?? 6;
  // Every level at which `el` sits in a repeated item: the button's own siblings (the card's
  // two buttons), the cells of its row, the rows of the table. The set a person means is the
  // largest (every row's Refund, not the row's two buttons); nearer levels win ties.
  const levels: { item: Element; items: Element[]; chain: Element[]; expected: Element[] }[] = [];
  let item: Element | null = el;
  for (let depth = 0; item && depth <= maxDepth; depth++, item = item.parentElement) {
    const parent: Element | null = item.parentElement;
    if (!parent || item.localName === 'body' || item.localName === 'html') break;
    const currentItem: Element = item;
    const items = Array.from(parent.children).filter((c) => isAlike(c, currentItem));
    if (items.length < 2) continue;
    const chain = stepsDown(item, el);
    const expected = items.map((i) => samePlace(i, chain)).filter((e): e is Element => !!e && isSameControl(e, el));
    if (expected.length >= 2) levels.push({ item: currentItem, items: items.filter((i) => expected.some((e) => i.contains(e))), chain, expected });
  }
  // Nearest first. A farther level with more elements wins over items that are not alike
  // among themselves (a card's Add to cart and wishlist buttons, a row's View and Refund:
  // different classes), and over alike items only when more than `widerRatio` times larger
  // (a list's 3 links stay themselves beside 4 or 6 sibling lists).
  const ratio = options.widerRatio ?? 2;
  const alike = (items: Element[]) => items.every((i) => i.getAttribute('class') === items[0]!.getAttribute('class'));
  const best = levels.reduce<number>((at, level, i) => {
    if (at < 0) return i;
    const current = levels[at]!;
    const more = level.expected.length > current.expected.length;
    return more && (!alike(current.items) || level.expected.length > current.expected.length * ratio) ? i : at;
  }, -1);
  if (best > 0) levels.unshift(...levels.splice(best, 1));
  for (const { item, items, chain, expected } of levels) {
    const parent = item.parentElement!;
    const leaf = commonCompound(expected, testAttributes);
    const container = createLocator(parent, options).selector;
    const itemCss = commonCompound(items, testAttributes);
    const inner = chain.slice(0, -1);
    // A bare `button[type="button"]` that happens to match only the cards today would catch
    // the next plain button a redeploy adds: without a class or a telling attribute the leaf
    // stands only under its item (`article[data-product-id] button`) or its container.
    const bare = isSpecific(leaf) ? [leaf] : chain.length > 0 && isSpecific(itemCss) ? [`${itemCss} ${leaf}`] : [];
    const candidates =
      chain.length === 0
        ? [...bare, `${container} > ${leaf}`, `${container} ${leaf}`]
        : [
            ...bare,
            `${container} > ${itemCss} ${leaf}`,
            `${container} ${leaf}`,
            `${container} > ${itemCss} > ${[...inner.map(nthStep), leaf].join(' > ')}`,
            `${container} > ${itemCss} > ${chain.map(nthStep).join(' > ')}`,
          ];
    for (const selector of candidates) {
      const found = queryAll(scope, selector);
      if (sameSet(found, expected)) return { selector, count: found.length, elements: found };
    }
  }
  const selector = createLocator(el, options).selector;
  return { selector, count: 1, elements: [el], ...(levels.length > 0 ? { unnamed: true } : {}) };
}
