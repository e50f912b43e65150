/** `querySelectorAll` as lib/core reads a page: a selector that throws finds nothing. */
export function query(scope: ParentNode, s: { selector: string }): Element[] {
  try {
    return [...scope.querySelectorAll(s.selector)];
  } catch {
    // Compiled selectors were accepted by the browser; a hostile page's own override may throw.
    return [];
  }
}
