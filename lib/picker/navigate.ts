/**
 * Keyboard walking while picking: up to the parent (crossing shadow roots), and back down
 * the way we came (or to the first child when we did not come from below).
 */

/** The parent element, crossing out of a shadow root to its host; null at `<html>`. */
export function parentOf(el: Element): Element | null {
  if (el.parentElement) return el.parentElement;
  const root = el.parentNode as (ShadowRoot & Node) | null;
  return root && 'host' in root && root.host ? root.host : null;
}

/** A walker remembering the path it climbed, so "down" retraces it. */
export interface ElementWalker {
  /** The parent of `el` (or `el` at the top); remembers `el` for `down`. */
  up(el: Element): Element;
  /** The child we climbed from, else the first child element, else `el`. */
  down(el: Element): Element;
  /** Forgets the path (the pointer chose a new element). */
  reset(): void;
}

/** Creates a walker. `isBoundary` elements (html, body by default) are never climbed to. */
export function createElementWalker(isBoundary: (el: Element) => boolean = (el) => el.localName === 'html' || el.localName === 'body'): ElementWalker {
  let trail: Element[] = [];
  return {
    up(el) {
      const parent = parentOf(el);
      if (!parent || isBoundary(parent)) return el;
      trail.push(el);
      return parent;
    },
    down(el) {
      const last = trail[trail.length - 1];
      if (last && parentOf(last) === el) {
        trail.pop();
        return last;
      }
      trail = [];
      const child = el.firstElementChild ?? el.shadowRoot?.firstElementChild ?? null;
      return child ?? el;
    },
    reset() {
      trail = [];
    },
  };
}
