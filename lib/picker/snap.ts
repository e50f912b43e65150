/**
 * What a click on an icon, a thumbnail or a word inside a button means: the button. The
 * picker hovers and picks the nearest interactive ancestor (a link, a button, an element
 * with a widget role) of what is under the pointer, so a tag is on the control a person
 * clicks, not on the `svg` path or the `img` inside it (whose selector breaks with the next
 * icon set). The arrow keys still reach the inner element when it is really meant.
 */

/** Roles of controls a click means as a whole. */
const CONTROL_ROLES = new Set(['button', 'link', 'menuitem', 'menuitemcheckbox', 'menuitemradio', 'tab', 'option', 'checkbox', 'radio', 'switch', 'treeitem']);

/** True for elements a click is addressed to as a whole. */
export function isInteractive(el: Element): boolean {
  const name = el.localName;
  if (name === 'button' || name === 'summary' || name === 'select' || name === 'textarea' || name === 'input') return true;
  if ((name === 'a' || name === 'area') && el.hasAttribute('href')) return true;
  const role = el.getAttribute('role');
  return !!role && CONTROL_ROLES.has(role.trim().toLowerCase());
}

/** Options of `snapToControl`. */
export interface SnapOptions {
  /** How many ancestors up a control may be. Default 6 (an icon in a span in a div in a button). */
  maxDepth?: number;
}

/** The nearest interactive ancestor of `el` (or `el` when it is one, or when none is near). */
export function snapToControl(el: Element, options: SnapOptions = {}): Element {
  if (isInteractive(el)) return el;
  const maxDepth = options.maxDepth ?? 6;
  let node = el.parentElement;
  for (let depth = 0; node && depth < maxDepth; depth++, node = node.parentElement) {
    if (node.localName === 'body' || node.localName === 'html') break;
    if (isInteractive(node)) return node;
  }
  return el;
}
