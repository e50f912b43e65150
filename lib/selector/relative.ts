/**
 * Property locators relative to the tag's element: the selector a property reads its value
 * through, looked up the way the runtime does (lib/core `findNear`: from the tag's element up,
 * the first ancestor holding a match), so it finds the value in the same record (the price in
 * the clicked card) whatever the record's position, and on an "all similar" tag each
 * record's own value. Made from the same ranked atoms as `createLocator`.
 */
import { anchorAtoms, compound, elementAtoms, type AtomOptions } from './atoms';
import { cssTag } from './css';
import { structuralPath } from './path';
import { findRecord } from './record';
import { DEFAULT_TEST_ATTRIBUTES } from './signals';

/** Options of `createPropertySelector`; every field has a default. */
export interface PropertySelectorOptions {
  /** Attributes treated as test/tracking hooks, best first. Default: `DEFAULT_TEST_ATTRIBUTES`. */
  testAttributes?: readonly string[];
  /** How many ancestors inside the scope may anchor the selector. Default 6. */
  maxAnchorDepth?: number;
}

function count(within: Element, css: string): number {
  try {
    return within.querySelectorAll(css).length;
  } catch {
    // an attribute value CSS cannot take: not a candidate
    return 2;
  }
}

/** The nearest ancestor of both (or `a` itself when it holds `b`). */
export function commonAncestor(a: Element, b: Element): Element | null {
  let node: Element | null = a;
  while (node && !node.contains(b)) node = node.parentElement;
  return node;
}

/** The runtime's lookup (lib/core findNear) without the document-wide last resort. */
function nearest(target: Element, css: string): Element | null {
  try {
    for (let el: Element | null = target; el; el = el.parentElement) {
      if (el.matches(css)) return el;
      const found = el.querySelector(css);
      if (found) return found;
    }
  } catch {
    // an invalid selector finds nothing
  }
  return null;
}

/**
 * A selector for `el` (the element a property reads), relative to `target` (the tag's
 * element): unique inside their record (the repeated item holding both) or, outside a
 * record, inside their nearest common ancestor; in a record it must also name one element
 * in most other records, so it says "the title of this card", not "the Lamp's title". Best
 * first: `el`'s own atoms, its tag, an in-scope ancestor's atom plus those (descendant
 * combinator: an inserted wrapper does not break it), the path from the scope. Undefined
 * when `el` and `target` share no ancestor below `body`, or nothing is found.
 */
export function createPropertySelector(el: Element, target: Element, options: PropertySelectorOptions = {}): string | undefined {
  const atomOptions: AtomOptions = { testAttributes: options.testAttributes ?? DEFAULT_TEST_ATTRIBUTES };
  const record = findRecord(target);
  const inRecord = record && record.item.contains(el);
  const scope = inRecord ? record.item : commonAncestor(target, el);
  if (!scope || scope === el || scope.localName === 'body' || scope.localName === 'html') return undefined;
  const others = inRecord ? record.others : [];
  const ok = (css: string) =>
    count(scope, css) === 1 &&
    nearest(target, css) === el &&
    // an "all similar" tag reads each record's own value: the selector names one element in most records
    others.filter((o) => count(o, css) === 1).length * 2 >= others.length;
  const locals = [...elementAtoms(el, atomOptions).map((a) => compound(el, a)), cssTag(el)];
  const own = locals.find(ok);
  if (own) return own;
  let ancestor = el.parentElement;
  for (let depth = 0; ancestor && ancestor !== scope && depth < (options.maxAnchorDepth ?? 6); depth++, ancestor = ancestor.parentElement) {
    for (const anchor of anchorAtoms(ancestor, atomOptions).slice(0, 3)) {
      const found = locals.slice(0, 4).map((local) => `${anchor} ${local}`).find(ok);
      if (found) return found;
    }
  }
  const path = structuralPath(el, scope, atomOptions);
  return ok(path) ? path : undefined;
}
