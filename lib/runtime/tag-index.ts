/**
 * The per-page index of one trigger's tags: buckets keyed by the rightmost compound of each
 * selector (see selector.ts). A user action walks its composed path once and tests only the
 * entries met in the buckets of those elements, so the cost follows the page, not the tag
 * count.
 */
import { fingerprintAgrees } from './fingerprint';
import type { RuntimeTag } from './normalize';
import type { ElementTest } from './selector';

interface Entry {
  tag: RuntimeTag;
  test: ElementTest;
  /** Set for a fallback selector: trusted only when the primary finds nothing. */
  fallback?: boolean;
}

/** A tag and the nearest element of the path it matched. */
export interface TagMatch {
  tag: RuntimeTag;
  element: Element;
  fallback: boolean;
}

/** Tags of one trigger on the current page. */
export interface TagIndex {
  add(tag: RuntimeTag): void;
  /** Matches for an event path (target first), in config order; each tag at most once. */
  match(path: ArrayLike<EventTarget>): TagMatch[];
}

/**
 * A fallback counts only where the primary selector finds nothing on the page and the
 * element agrees with the recorded fingerprint. Checked lazily, when a fallback entry
 * matched, so a DOM change since the page view is seen without any observer.
 */
function fallbackHolds(tag: RuntimeTag, el: Element): boolean {
  const target = tag.target!;
  const root = el.getRootNode() as ParentNode;
  return !root.querySelector(target.selector) && !document.querySelector(target.selector) && fingerprintAgrees(el, target.fingerprint!);
}

/** Creates an empty index. */
export function createTagIndex(): TagIndex {
  const buckets = new Map<string, Entry[]>();
  const attrNames = new Set<string>();

  const put = (key: string, entry: Entry) => {
    const list = buckets.get(key);
    if (list) list.push(entry);
    else buckets.set(key, [entry]);
    if (key[0] === '[') attrNames.add(key.slice(1).split('=')[0]!);
  };

  return {
    add(tag) {
      const target = tag.target;
      if (!target) return;
      for (const b of target.branches) put(b.key, { tag, test: b.test });
      for (const f of target.fallbacks) for (const b of f.branches) put(b.key, { tag, test: b.test, fallback: true });
    },
    match(path) {
      const out: TagMatch[] = [];
      if (!buckets.size) return out;
      let done: Set<RuntimeTag> | undefined;
      let el: Element;
      const check = (list: Entry[] | undefined) => {
        if (!list) return;
        for (const entry of list) {
          if (done && done.has(entry.tag)) continue;
          try {
            if (entry.test(el) && (!entry.fallback || fallbackHolds(entry.tag, el))) {
              (done ||= new Set()).add(entry.tag);
              out.push({ tag: entry.tag, element: el, fallback: !!entry.fallback });
            }
          } catch {
            // One broken entry never stops the others.
          }
        }
      };
      for (let i = 0; i < path.length; i++) {
        const node = path[i] as Element;
        if (!node || node.nodeType !== 1) continue;
        el = node;
        if (el.id) check(buckets.get('#' + el.id));
        const classes = el.classList;
        for (let c = 0; c < classes.length; c++) check(buckets.get('.' + classes[c]));
        check(buckets.get(el.localName));
        if (attrNames.size) {
          const attrs = el.attributes;
          for (let a = 0; a < attrs.length; a++) {
            const attr = attrs[a]!;
            if (!attrNames.has(attr.name)) continue;
            check(buckets.get('[' + attr.name));
            check(buckets.get('[' + attr.name + '=' + attr.value));
          }
        }
        check(buckets.get('*'));
      }
      return out.sort((a, b) => a.tag.index - b.tag.index);
    },
  };
}
