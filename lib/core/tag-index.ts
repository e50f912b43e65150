/**
 * The per-page index of one trigger's tags. Each selector branch sits in one bucket, under
 * a key of its rightmost compound (its id, else its least crowded class or attribute, else
 * its tag name) and, inside the bucket, under a key some ancestor must carry (`near`).
 * A user action collects the keys of its composed path once, then tests only the entries
 * whose bucket key its elements carry and whose ancestor key the path carries, so the cost
 * follows the page and the few plausible tags, not the tag count.
 */
import { acceptsPrimary, relocatedAll } from './locator';
import type { RuntimeTag } from './normalize';
import { HTML, nthOf, positionKey, type CompiledSelector, type ElementTest } from './selector';

interface Entry {
  tag: RuntimeTag;
  test: ElementTest;
  /** The tag's relocation entry (under its fingerprint's tag name), not a primary branch. */
  relocated?: boolean;
}

interface Bucket {
  /** How many entries it holds. */
  n: number;
  /** Entries without an ancestor key. */
  any: Entry[];
  /** Entries by the key an ancestor must carry. */
  near: Map<string, Entry[]>;
}

/** A tag and the nearest element of the path it matched. */
export interface TagMatch {
  tag: RuntimeTag;
  element: Element;
  /** Found by relocation (the primary selector found nothing that agrees). */
  relocated?: boolean;
}

/** Tags of one trigger on the current page. */
export interface TagIndex {
  add(tag: RuntimeTag): void;
  /**
   * Matches for an event path (target first), in config order; each tag at most once.
   * `cut` when the time budget ran out before every candidate was tested.
   */
  match(path: ArrayLike<EventTarget>): TagMatch[] & { cut?: boolean };
}

/**
 * The elements a tag was relocated to on this page (lib/core/locator.ts `relocatedAll`);
 * the runtime passes one that caches per tag until the DOM changes.
 */
export type RelocatedFn = (tag: RuntimeTag, doc: Document) => readonly Element[];

const uncached: RelocatedFn = (tag, doc) => relocatedAll(tag.target!, doc) || [];

/**
 * Creates an empty index. An element counts for a tag when it is one `resolveAll` would
 * give (locator.ts): a primary match that agrees with the fingerprint inside the tag's
 * host chain, or the element relocation found (asked only when the element has the
 * fingerprint's tag name and no nearer primary match claimed the tag).
 *
 * `budget` bounds one action's cost, in ms, whatever the selectors: a selector without a key
 * (`:has(.x) :is(a, button)`) is tested on every element of the path, and a `:has()` can scan
 * the document each time. Once it is spent, the lists not yet looked at are skipped: those
 * tags do not fire for this action, and the result says so (`cut`).
 */
export function createTagIndex(relocated: RelocatedFn = uncached, budget = Infinity): TagIndex {
  const buckets = new Map<string, Bucket>();
  // Attribute names some key uses: only those attributes of the path are looked at.
  const attrNames = new Set<string>();
  // The bucket and ancestor keys by the bare id or class name: a click's ids and classes
  // are looked up as the page gives them (no string built), and unknown ones are skipped.
  const ids = new Map<string, string>();
  const classes = new Map<string, string>();
  // Some key is a position (`:nth-child`, `:nth-of-type`): only then are the path's counted.
  let positions = false;

  const put = (b: CompiledSelector, entry: Entry) => {
    let key = '*';
    let best = Infinity;
    for (const k of b.keys) {
      // An id wins; a tag name only when nothing else is known; otherwise the least crowded.
      const crowd = k[0] === '#' ? -1 : (buckets.get(k)?.n ?? 0) + (/^[$.[]/.test(k) ? 0 : 1e9);
      if (crowd < best) [key, best] = [k, crowd];
    }
    let bucket = buckets.get(key);
    if (!bucket) buckets.set(key, (bucket = { n: 0, any: [], near: new Map() }));
    bucket.n++;
    const near = b.near;
    if (near) {
      const list = bucket.near.get(near);
      if (list) list.push(entry);
      else bucket.near.set(near, [entry]);
    } else bucket.any.push(entry);
    for (const k of [key, near]) {
      if (k?.[0] == '~') positions = true;
      else if (/^[$[]/.test(k!)) attrNames.add(k!.slice(1).split('=')[0]!);
      else if (/^[#.]/.test(k!)) (k![0] === '#' ? ids : classes).set(k!.slice(1), k!);
    }
  };

  return {
    add(tag) {
      const target = tag.target;
      if (!target) return;
      for (const b of target.branches) put(b, { tag, test: b.test });
      // Whatever relocation finds (a fallback's match, the scorer's) has the fingerprint's tag name.
      const name = target.fingerprint?.tag;
      if (name) put({ keys: [name], test: (el) => el.localName === name }, { tag, test: (el) => el.localName === name, relocated: true });
    },
    match(path) {
      const found = new Map<RuntimeTag, TagMatch>();
      if (!buckets.size) return [];
      const end = performance.now() + budget;
      let cut: boolean | undefined;
      // Keys the path carries so far. The path is walked from the root down, so every
      // ancestor's keys are in when an element is tested, and a nearer match replaces a
      // farther one; one pass, nothing kept per element.
      const present = new Set<string>();
      let el: Element;
      const accepts = ({ tag, relocated: r }: Entry) =>
        // Relocation answers scope by scope (its host chain included), so membership is enough.
        r ? relocated(tag, el.ownerDocument).includes(el) : acceptsPrimary(tag.target!, el);
      const check = (list: Entry[] | undefined) => {
        // Tests run validated selectors only; the runtime's guard catches the rest.
        if (list) for (const entry of list) if (!(cut ||= performance.now() > end) && entry.test(el) && accepts(entry)) found.set(entry.tag, { tag: entry.tag, element: el, relocated: entry.relocated });
      };
      const visit = (key: string, own?: boolean) => {
        if (own) present.add(key);
        const bucket = buckets.get(key);
        if (!bucket) return;
        check(bucket.any);
        const near = bucket.near;
        // Walk whichever is smaller: the bucket's ancestor keys or the path's keys.
        if (near.size < present.size) {
          for (const [k, list] of near) if (present.has(k)) check(list);
        } else for (const k of present) check(near.get(k));
      };
      const see = (name: string, value: string | null) => {
        if (value != null && attrNames.has(name)) visit('[' + name, true), visit('$' + name + '=' + value.toLowerCase(), true);
      };
      for (let i = path.length; i--; ) {
        el = path[i] as Element;
        if (el?.nodeType !== 1) continue;
        visit('*');
        // Lower case, as the keys are (tag names of SVG's camelCase elements, attribute values).
        const name = el.localName.toLowerCase();
        visit(name);
        if (positions) visit(positionKey(nthOf(el, 0), ':'), true), visit(positionKey(nthOf(el, 1), name), true);
        // The attribute: a form's `el.id` is its control named "id".
        let k = ids.get(el.getAttribute('id')!);
        if (k) visit(k, true);
        const list = el.classList;
        for (let c = 0; c < list.length; c++) if ((k = classes.get(list[c]!))) visit(k, true);
        // A few getAttribute calls cost less than walking `attributes` (an Attr each); on SVG
        // and MathML elements names keep their case (`viewBox`), and CSS matches them without.
        if (el.namespaceURI == HTML) for (const name of attrNames) see(name, el.getAttribute(name));
        else for (const a of el.attributes) see(a.name.toLowerCase(), a.value);
      }
      const out: TagMatch[] & { cut?: boolean } = [...found.values()].sort((a, b) => a.tag.index - b.tag.index);
      if (cut) out.cut = cut;
      return out;
    },
  };
}
