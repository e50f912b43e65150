/** "All similar elements": from one element of a repeated set, a selector for the whole set. */
import { createLocator, scopeOf, type LocatorOptions } from './create';
import { cssIdent, cssString, cssTag, queryAll } from './css';
import { DEFAULT_TEST_ATTRIBUTES, isMeaningfulDataAttribute, isStableClass } from './signals';

/** The repeated set an element belongs to. */
export interface SimilarResult {
  /** Plain CSS matching every element of the set and nothing else (in the element's scope). */
  selector: string;
  /** How many elements `selector` matches. */
  count: number;
  /** The matches, in document order. */
  elements: Element[];
}

/** Options of `findSimilar`. */
export interface SimilarOptions extends LocatorOptions {
  /** How far up to look for the repeated item (the card, the list item). Default 6. */
  maxDepth?: number;
}

const SHARED_ATTRIBUTES = ['name', 'role', 'type', 'aria-label', 'title'];

function stableClasses(el: Element): string[] {
  return Array.from(el.classList).filter(isStableClass);
}

/** Two items are alike when they share tag and stable classes (a card among cards). */
function isAlike(a: Element, b: Element): boolean {
  if (a.localName !== b.localName) return false;
  const ca = stableClasses(a).sort().join(' ');
  return ca === stableClasses(b).sort().join(' ');
}

/** Child-index steps from `item` down to `el`. */
function stepsDown(item: Element, el: Element): Element[] {
  const chain: Element[] = [];
  for (let node: Element | null = el; node && node !== item; node = node.parentElement) chain.unshift(node);
  return chain;
}

/** The element at the same place (same tags, same same-tag index) inside another item. */
function samePlace(item: Element, chain: Element[]): Element | undefined {
  let node: Element = item;
  for (const original of chain) {
    const parent = original.parentElement!;
    const sameTag = Array.from(parent.children).filter((c) => c.localName === original.localName);
    const index = sameTag.indexOf(original);
    const candidates = Array.from(node.children).filter((c) => c.localName === original.localName);
    const next = candidates[index];
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
  let item: Element | null = el;
  for (let depth = 0; item && depth <= maxDepth; depth++, item = item.parentElement) {
    const parent: Element | null = item.parentElement;
    if (!parent || item.localName === 'body' || item.localName === 'html') break;
    const currentItem: Element = item;
    const items = Array.from(parent.children).filter((c) => isAlike(c, currentItem));
    if (items.length < 2) continue;
    const chain = stepsDown(item, el);
    const expected = items.map((i) => samePlace(i, chain)).filter((e): e is Element => !!e && e.localName === el.localName);
    if (expected.length < 2) continue;
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
        ? [...bare, `${container} ${leaf}`, `${container} > ${leaf}`]
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
  return { selector, count: 1, elements: [el] };
}
