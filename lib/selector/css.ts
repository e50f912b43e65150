/** CSS text helpers shared by the builders. Imports nothing: resolve.ts (for the runtime) uses it. */

/** An identifier escaped for CSS (`#id`, `.class`), with a fallback where `CSS.escape` is missing. */
export function cssIdent(name: string): string {
  const css = (globalThis as { CSS?: { escape?: (s: string) => string } }).CSS;
  if (css?.escape) return css.escape(name);
  return name.replace(/^(-?)([0-9])/, '$1\\3$2 ').replace(/[^A-Za-z0-9_-]/g, (c) => `\\${c}`);
}

/** A quoted CSS string for attribute values. */
export function cssString(value: string): string {
  return `"${value.replace(/["\\]/g, '\\$&').replace(/\n/g, '\\a ').replace(/\r/g, '\\d ')}"`;
}

/** The element's tag as a type selector (lower case; escaped for custom elements with odd names). */
export function cssTag(el: Element): string {
  return cssIdent(el.localName.toLowerCase());
}

/** All matches of `selector` in `scope`, or none when the selector is invalid. */
export function queryAll(scope: ParentNode, selector: string): Element[] {
  try {
    return Array.from(scope.querySelectorAll(selector));
  } catch {
    // an invalid selector (hand-edited config, another engine's syntax) finds nothing
    return [];
  }
}

/** True when `selector` matches `el` and nothing else in `scope`. */
export function isUniqueMatch(scope: ParentNode, selector: string, el: Element): boolean {
  try {
    const found = scope.querySelectorAll(selector);
    return found.length === 1 && found[0] === el;
  } catch {
    // A selector the browser refuses matches nothing, so it is not a unique match.
    return false;
  }
}
