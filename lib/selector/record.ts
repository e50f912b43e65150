/**
 * Records: when an element sits in a repeated item (a table row, a product card, a list
 * item), what tells that item apart from its neighbours — an id attribute (`data-order-id`,
 * `data-product-id`), a link only it has, a key text (the order number, the product name) —
 * so a locator follows the record, not the position: after rows are reordered or data is
 * refreshed the tag stays on its own record, and when the record is gone it finds nothing.
 */
import { cssString, cssTag } from './css';
import { isStableClass, stableHref } from './signals';
import { readText } from '../core/sensitive';

/** The repeated item an element sits in, and how to recognise that record. */
export interface RecordInfo {
  /** The item element (row, card, list item). */
  item: Element;
  /** Its alike siblings (the other records), without the item. */
  others: Element[];
  /** CSS matching the item, and no ancestor between the element and it (for `closest`). */
  itemSelector: string;
  /** CSS naming this record and no other (an id attribute, a link only it holds), if any. */
  identity?: string;
  /** Texts inside the item that no other record holds, best first (at most 3); computed when first asked. */
  keys(): string[];
}

/** Attributes that name a record: `data-id`, `data-order-id`, `data-product-id`, `data-sku`, `data-key`, `id`. */
const RECORD_ATTRIBUTE = /^(id|data-(.+-)?(id|key|sku|slug|uuid|number|code)|data-(product|order|item|record|plan|user|post|sku)(_id)?)$/;
/** Texts that change with the data, not with the record: prices, amounts, dates, counts, ratings. */
const VOLATILE_TEXT = [
  /[$€£¥₹]|\b(usd|eur|gbp)\b/i,
  /^[\d\s.,:%()/+-]+$/,
  /^\d{4}-\d\d-\d\d/,
  /\b\d{1,2}[:/]\d\d\b/,
  /\b(ago|today|yesterday|just now)\b/i,
];
/** An identifier as people write it: `#10273`, `INV-2031`, `A-17`. */
const ID_TEXT = /^(#|no\.?\s?)?[A-Z]{0,4}-?\d{2,12}$/i;
const MAX_KEYS = 3;
const MAX_KEY_LENGTH = 64;
const MAX_ITEM_ELEMENTS = 200;

const clean = (s: string | null) => (s || '').replace(/\s+/g, ' ').trim();
// An element's text as the runtime reads it when it checks a record (nothing typed or private).
const textOf = (e: Element) => clean(readText(e));

function stableClasses(el: Element): string[] {
  return Array.from(el.classList).filter(isStableClass);
}

/**
 * Siblings alike enough to be records of one list: same tag and role, and either the same
 * stable classes or at least one shared (WordPress adds `post-1001`, `first` per item).
 */
function isAlike(a: Element, b: Element): boolean {
  if (a.localName !== b.localName || a.getAttribute('role') !== b.getAttribute('role')) return false;
  const ca = stableClasses(a);
  const cb = new Set(stableClasses(b));
  if (ca.length === 0 && cb.size === 0) return true;
  return ca.some((c) => cb.has(c));
}

function isVolatile(text: string): boolean {
  return !ID_TEXT.test(text) && VOLATILE_TEXT.some((p) => p.test(text));
}

/** Every text of an item's descendants (whole `textContent`, cleaned), as a set. */
function textsOf(item: Element): Set<string> {
  const out = new Set<string>();
  const all = item.querySelectorAll('*');
  for (let i = 0; i < all.length && i < MAX_ITEM_ELEMENTS; i++) out.add(textOf(all[i]!));
  return out;
}

/** Rank of a key candidate, lower is better: headings and links, then the first cell and ids, then any text. */
function keyRank(e: Element, text: string): number {
  if (e.closest('h1,h2,h3,h4,h5,h6') || /^h[1-6]$/.test(e.localName) || e.localName === 'a') return 0;
  if (ID_TEXT.test(text)) return 1;
  const cell = e.closest('td,th,[role="gridcell"],[role="cell"],[role="rowheader"]');
  if (cell && !cell.previousElementSibling) return 1;
  return 2;
}

/** Texts inside `item` (not `el`'s own, nor its ancestors') that no other record holds. */
function recordKeys(item: Element, el: Element, others: Element[]): string[] {
  const taken = new Set<string>();
  for (const other of others) for (const t of textsOf(other)) taken.add(t);
  const found: { text: string; rank: number; order: number }[] = [];
  const seen = new Set<string>();
  const all = item.querySelectorAll('*');
  for (let i = 0; i < all.length && i < MAX_ITEM_ELEMENTS; i++) {
    const e = all[i]!;
    // the element's own text is what a copy edit changes; its ancestors' text contains it
    if (e === el || e.contains(el) || el.contains(e)) continue;
    const text = textOf(e);
    if (text.length < 2 || text.length > MAX_KEY_LENGTH || seen.has(text) || taken.has(text) || isVolatile(text)) continue;
    seen.add(text);
    found.push({ text, rank: keyRank(e, text), order: i });
  }
  return found
    .sort((a, b) => a.rank - b.rank || a.order - b.order)
    .slice(0, MAX_KEYS)
    .map((k) => k.text);
}

/** CSS naming this record only: its own record attribute, or `:has()` a link no other record has. */
function recordIdentity(item: Element, others: Element[]): string | undefined {
  const tag = cssTag(item);
  for (const a of Array.from(item.attributes)) {
    if (!RECORD_ATTRIBUTE.test(a.name) || a.value.length === 0 || a.value.length > MAX_KEY_LENGTH || /\s/.test(a.value)) continue;
    if (others.some((o) => o.getAttribute(a.name) === a.value)) continue;
    // unique among the records is enough here: the selector built on it is checked on the page
    return a.name === 'id' ? `${tag}[id=${cssString(a.value)}]` : `[${a.name}=${cssString(a.value)}]`;
  }
  for (const link of Array.from(item.querySelectorAll('a[href]')).slice(0, 8)) {
    const href = stableHref(link.getAttribute('href')!);
    if (!href?.exact || href.value.length > 200) continue;
    const css = `${tag}:has(a[href=${cssString(href.value)}])`;
    if (!others.some((o) => o.matches(css))) return css;
  }
  return undefined;
}

/** A selector that `el.closest()` answers with `item` (nothing between them matches it). */
function itemSelector(item: Element, el: Element, others: Element[]): string | undefined {
  const tag = cssTag(item);
  const role = item.getAttribute('role');
  const candidates: string[] = [];
  // what every record carries (`[data-product-id]`, `[role="row"]`) survives a tag change
  for (const a of Array.from(item.attributes)) {
    if (RECORD_ATTRIBUTE.test(a.name) && a.name !== 'id' && others.every((o) => o.hasAttribute(a.name))) candidates.push(`[${a.name}]`);
  }
  if (role && /^[a-z]+$/.test(role)) candidates.push(`${tag}[role="${role}"]`);
  candidates.push(tag);
  for (const cls of stableClasses(item)) if (others.every((o) => o.classList.contains(cls))) candidates.push(`${tag}.${cls}`);
  return candidates.find((css) => {
    try {
      return el.parentElement?.closest(css) === item && others.every((o) => o.matches(css));
    } catch {
      // a class that is not a CSS identifier: the next candidate
      return false;
    }
  });
}

/**
 * The record `el` sits in: the nearest ancestor (within `maxDepth`) with at least two alike
 * siblings, where the other items hold an element at the same place (a card's button in
 * every card). Undefined outside repeated structures.
 */
export function findRecord(el: Element, maxDepth = 6): RecordInfo | undefined {
  let item = el.parentElement;
  for (let depth = 0; item && depth < maxDepth; depth++, item = item.parentElement) {
    const parent = item.parentElement;
    if (!parent || item.localName === 'body' || item.localName === 'html') return undefined;
    const current = item;
    const others = Array.from(parent.children).filter((c) => c !== current && isAlike(c, current));
    if (others.length === 0) continue;
    const twins = others.filter((o) => o.querySelector(cssTag(el)));
    if (twins.length === 0) continue;
    const css = itemSelector(item, el, others);
    if (!css) return undefined;
    let keys: string[] | undefined;
    return { item: current, others, itemSelector: css, identity: recordIdentity(current, others), keys: () => (keys ??= recordKeys(current, el, others)) };
  }
  return undefined;
}
