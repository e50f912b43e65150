/**
 * Redeploy-like DOM mutations for the selector benchmark (runs in the page). Each takes the
 * picked target elements only to keep them alive and to know what is "unrelated"; none reads
 * or writes anything a locator could use to recognise a target. What counts as a generated
 * class or id here is this file's own, deliberately broader, definition — not lib/selector's.
 */

import { hashSeed, mulberry32, type Rng } from './app-corpus/random';

export type { Rng };

export const MUTATIONS = [
  'rehash-classes',
  'rename-ids',
  'insert-siblings',
  'wrap',
  'lists',
  'edit-text',
  'attribute-noise',
  'remove-unrelated',
  'redeploy-mix',
] as const;
export type Mutation = (typeof MUTATIONS)[number];

// One seeded generator for every benchmark corpus (news mutations and app pages alike).
export { hashSeed, mulberry32 };

const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
function randomHash(rng: Rng, length: number): string {
  let out = ALNUM[Math.floor(rng() * 52)]!;
  while (out.length < length) out += ALNUM[Math.floor(rng() * ALNUM.length)]!;
  return out;
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)]!;
}

/** Build-generated class names, as a bundler would emit them. */
export function looksGeneratedClass(name: string): boolean {
  if (/^(css|sc|jsx|emotion|svelte|styled|astro)-/i.test(name)) return true;
  if (/__[A-Za-z0-9-]{5,}$/.test(name) && /[0-9]/.test(name)) return true;
  if (/[0-9]/.test(name) && !/^[A-Za-z]+([-_][A-Za-z]+)*[-_]?[0-9]{1,2}$/.test(name)) return true;
  if (/^[a-z]{1,4}[A-Z][a-zA-Z]{1,4}$/.test(name) && /[A-Z].*[A-Z]/.test(name)) return true;
  return name.split(/[-_]/).some((piece) => /^[A-Za-z]{5,}$/.test(piece) && !/[aeiouy]/i.test(piece));
}

/** Ids a framework or CMS generates: they differ after a redeploy or a re-render. */
export function looksGeneratedId(id: string): boolean {
  if (/[0-9]{2,}/.test(id)) return true;
  if (/^:|:$/.test(id)) return true;
  if (/^(ember|yui|ext-|mui-|radix-|react-|headlessui-|uid|gen|rc-)/i.test(id)) return true;
  return id.split(/[-_.:]/).some((piece) => piece.length >= 4 && /[0-9]/.test(piece) && /[A-Za-z]/.test(piece));
}

interface Ctx {
  doc: Document;
  targets: Element[];
  rng: Rng;
  /** Targets and their ancestors: never removed. */
  keep: Set<Element>;
}

function insideTarget(ctx: Ctx, node: Node): boolean {
  return ctx.targets.some((t) => t.contains(node));
}

function bodyElements(doc: Document): Element[] {
  return Array.from(doc.body?.querySelectorAll('*') ?? []);
}

function rehashClasses(ctx: Ctx): void {
  const renamed = new Map<string, string>();
  for (const el of bodyElements(ctx.doc)) {
    if (!el.classList.length) continue;
    const next = Array.from(el.classList).map((name) => {
      if (!looksGeneratedClass(name)) return name;
      let value = renamed.get(name);
      if (!value) {
        const cut = name.search(/[A-Za-z0-9]+$/);
        const prefix = /[-_]/.test(name) && cut > 0 ? name.slice(0, cut) : '';
        value = prefix + randomHash(ctx.rng, Math.max(5, name.length - prefix.length));
        renamed.set(name, value);
      }
      return value;
    });
    el.setAttribute('class', next.join(' '));
  }
}

const ID_REFERENCES = ['aria-labelledby', 'aria-describedby', 'aria-controls', 'aria-owns'];

function renameIds(ctx: Ctx): void {
  const renamed = new Map<string, string>();
  for (const el of Array.from(ctx.doc.querySelectorAll('[id]'))) {
    const id = el.getAttribute('id')!;
    if (!looksGeneratedId(id)) continue;
    const value = id.replace(/[0-9]+/g, () => String(Math.floor(ctx.rng() * 1e6))).replace(/[A-Za-z0-9]{4,}$/, (m) => (/[0-9]/.test(m) ? randomHash(ctx.rng, m.length) : m));
    const next = value === id ? `${id}-${randomHash(ctx.rng, 4)}` : value;
    renamed.set(id, next);
    el.setAttribute('id', next);
  }
  // a redeploy regenerates the references with the ids
  for (const label of Array.from(ctx.doc.querySelectorAll('label[for]'))) {
    const next = renamed.get(label.getAttribute('for')!);
    if (next) label.setAttribute('for', next);
  }
  for (const name of ID_REFERENCES) {
    for (const el of Array.from(ctx.doc.querySelectorAll(`[${name}]`))) {
      el.setAttribute(name, el.getAttribute(name)!.split(/\s+/).map((r) => renamed.get(r) ?? r).join(' '));
    }
  }
  for (const a of Array.from(ctx.doc.querySelectorAll('a[href^="#"]'))) {
    const next = renamed.get(a.getAttribute('href')!.slice(1));
    if (next) a.setAttribute('href', `#${next}`);
  }
}

const NO_TOUCH = new Set(['html', 'body', 'head']);

function ancestorAt(el: Element, level: number): Element {
  let node = el;
  for (let i = 0; i < level && node.parentElement && !NO_TOUCH.has(node.parentElement.localName); i++) node = node.parentElement;
  return node;
}

function newSiblingLike(ctx: Ctx, model: Element): Element {
  const el = ctx.doc.createElement(model.localName);
  const r = randomHash(ctx.rng, 6);
  if (model.localName === 'a') el.setAttribute('href', `/promo/${r}`);
  if (model.localName === 'tr') el.innerHTML = `<td>New row ${r}</td>`;
  else if (model.localName === 'input' || model.localName === 'img') el.setAttribute('data-new', r);
  else el.textContent = `New ${r}`;
  return el;
}

function insertSiblings(ctx: Ctx): void {
  const banner = ctx.doc.createElement('div');
  banner.className = 'promo-banner';
  banner.innerHTML = '<p>Free shipping this week</p><a href="/sale">See the sale</a>';
  ctx.doc.body.insertBefore(banner, ctx.doc.body.firstChild);
  for (const target of ctx.targets) {
    const node = ancestorAt(target, Math.floor(ctx.rng() * 4));
    if (!node.parentNode || NO_TOUCH.has(node.localName)) continue;
    const sibling = newSiblingLike(ctx, node);
    node.parentNode.insertBefore(sibling, ctx.rng() < 0.7 ? node : node.nextSibling);
  }
}

const NO_WRAP_PARENTS = new Set(['ul', 'ol', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'select', 'dl', 'html', 'colgroup', 'datalist', 'optgroup']);
const NO_WRAP = new Set(['html', 'body', 'head', 'li', 'tr', 'td', 'th', 'option', 'dt', 'dd', 'thead', 'tbody', 'tfoot', 'caption', 'col']);

function wrap(ctx: Ctx): void {
  for (const target of ctx.targets) {
    let node = ancestorAt(target, Math.floor(ctx.rng() * 4));
    for (let tries = 0; tries < 4 && (NO_WRAP.has(node.localName) || NO_WRAP_PARENTS.has(node.parentElement?.localName ?? 'html')); tries++) {
      node = node.parentElement ?? node;
    }
    if (NO_WRAP.has(node.localName) || !node.parentElement || NO_WRAP_PARENTS.has(node.parentElement.localName)) continue;
    const wrapper = ctx.doc.createElement('div');
    wrapper.className = `wrapper-${randomHash(ctx.rng, 5)}`;
    node.parentElement.insertBefore(wrapper, node);
    wrapper.appendChild(node);
  }
}

function isListContainer(el: Element): Element[] | undefined {
  const children = Array.from(el.children);
  if (children.length < 2) return undefined;
  const first = children[0]!;
  const same = children.filter((c) => c.localName === first.localName && c.getAttribute('class') === first.getAttribute('class'));
  if (same.length !== children.length) return undefined;
  if (el.localName === 'ul' || el.localName === 'ol' || el.localName === 'tbody' || children.length >= 3) return children;
  return undefined;
}

function renameInClone(ctx: Ctx, clone: Element): void {
  const r = randomHash(ctx.rng, 6);
  for (const el of [clone, ...Array.from(clone.querySelectorAll('*'))]) {
    const id = el.getAttribute('id');
    if (id) el.setAttribute('id', `${id}-n${r}`);
    if (el.localName === 'a' && el.hasAttribute('href')) el.setAttribute('href', `/new-item-${r}`);
    if (el.hasAttribute('name')) el.setAttribute('name', `${el.getAttribute('name')}-${r}`);
  }
  const walker = ctx.doc.createTreeWalker(clone, NodeFilter.SHOW_TEXT);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) if (t.textContent!.trim()) t.textContent = `New item ${r}`;
}

function lists(ctx: Ctx): void {
  let changed = 0;
  for (const container of bodyElements(ctx.doc)) {
    if (changed >= 300) break;
    const items = isListContainer(container);
    if (!items) continue;
    const holdsTarget = ctx.targets.some((t) => container.contains(t));
    if (!holdsTarget && ctx.rng() > 0.3) continue;
    changed++;
    // reorder: a random permutation, as a re-sorted or re-ranked list
    const order = items.map((item) => ({ item, key: ctx.rng() }));
    order.sort((a, b) => a.key - b.key);
    for (const { item } of order) container.appendChild(item);
    // grow: new items made from items holding no target
    const models = items.filter((item) => !ctx.targets.some((t) => item.contains(t)));
    const count = 1 + Math.floor(ctx.rng() * 3);
    for (let i = 0; i < count && models.length; i++) {
      const clone = pick(ctx.rng, models).cloneNode(true) as Element;
      renameInClone(ctx, clone);
      const at = container.children[Math.floor(ctx.rng() * container.children.length)] ?? null;
      container.insertBefore(clone, at);
    }
  }
}

const WORDS = ['new', 'updated', 'copy', 'today', 'latest', 'story', 'offer', 'read', 'more', 'about', 'our', 'team'];

function editText(ctx: Ctx): void {
  const walker = ctx.doc.createTreeWalker(ctx.doc.body, NodeFilter.SHOW_TEXT);
  const nodes: Node[] = [];
  for (let t = walker.nextNode(); t; t = walker.nextNode()) nodes.push(t);
  for (const node of nodes) {
    if (!node.textContent!.trim() || ctx.rng() > 0.5) continue;
    const parent = node.parentElement?.localName;
    if (parent === 'style' || parent === 'script' || insideTarget(ctx, node)) continue;
    const words = Math.max(1, Math.round(node.textContent!.split(/\s+/).length * (0.5 + ctx.rng())));
    node.textContent = Array.from({ length: words }, () => pick(ctx.rng, WORDS)).join(' ');
  }
}

const STATES = ['is-active', 'active', 'is-open', 'selected', 'hover', 'is-visible'];

function attributeNoise(ctx: Ctx): void {
  const scoped = `data-v-${randomHash(ctx.rng, 8).toLowerCase()}`;
  for (const el of bodyElements(ctx.doc)) {
    const isTarget = ctx.targets.includes(el);
    if (ctx.rng() < 0.5) el.setAttribute(scoped, '');
    if (ctx.rng() < 0.1) el.setAttribute('style', `margin-top: ${Math.floor(ctx.rng() * 8)}px`);
    if (ctx.rng() < (isTarget ? 0.5 : 0.15)) el.classList.add(pick(ctx.rng, STATES));
    if (ctx.rng() < 0.1) el.setAttribute('data-track-id', randomHash(ctx.rng, 10));
    if ((el.localName === 'button' || el.localName === 'a') && ctx.rng() < 0.3) el.setAttribute('aria-expanded', 'false');
  }
}

function removeUnrelated(ctx: Ctx): void {
  for (const el of bodyElements(ctx.doc)) {
    if (!el.isConnected || ctx.keep.has(el) || insideTarget(ctx, el)) continue;
    if (ctx.rng() < 0.1) el.remove();
  }
}

const STEPS: Record<Exclude<Mutation, 'redeploy-mix'>, (ctx: Ctx) => void> = {
  'rehash-classes': rehashClasses,
  'rename-ids': renameIds,
  'insert-siblings': insertSiblings,
  wrap,
  lists,
  'edit-text': editText,
  'attribute-noise': attributeNoise,
  'remove-unrelated': removeUnrelated,
};

const MIX_ORDER: Exclude<Mutation, 'redeploy-mix'>[] = [
  'remove-unrelated',
  'edit-text',
  'lists',
  'insert-siblings',
  'wrap',
  'rehash-classes',
  'rename-ids',
  'attribute-noise',
];

/** Applies one mutation (or the whole redeploy mix) to `doc`; targets stay in the document. */
export function mutate(doc: Document, targets: Element[], mutation: Mutation, seed: number): void {
  const keep = new Set<Element>();
  for (const t of targets) for (let n: Element | null = t; n; n = n.parentElement) keep.add(n);
  const ctx: Ctx = { doc, targets, rng: mulberry32(seed), keep };
  if (mutation === 'redeploy-mix') for (const step of MIX_ORDER) STEPS[step](ctx);
  else STEPS[mutation](ctx);
}
