/** The last-resort structural selector: `tag:nth-of-type(n)` steps up to a stable anchor. */
import { anchorAtoms, type AtomOptions } from './atoms';
import { cssTag, isUniqueMatch } from './css';

function step(el: Element): string {
  const tag = cssTag(el);
  const parent = el.parentNode;
  if (!parent || el.localName === 'html') return tag;
  let index = 0;
  let count = 0;
  for (const sibling of Array.from(parent.children)) {
    if (sibling.localName !== el.localName) continue;
    count++;
    if (sibling === el) index = count;
  }
  return count > 1 ? `${tag}:nth-of-type(${index})` : tag;
}

/**
 * A child-combinator path from the nearest ancestor that a stable atom makes unique in
 * `scope` (or from the top of the scope) down to `el`, with `:nth-of-type` only where a
 * parent has several children of the same tag. Anchors are looked for until `deadline`
 * (a `performance.now()` time).
 */
export function structuralPath(el: Element, scope: ParentNode, options: AtomOptions, deadline = Infinity): string {
  const steps: string[] = [step(el)];
  let node = el.parentElement;
  while (node && node !== scope) {
    // past the deadline, no more queries: the path goes up to the top of the scope
    const anchors = performance.now() > deadline ? [] : anchorAtoms(node, options).slice(0, 2);
    for (const anchor of anchors) {
      if (isUniqueMatch(scope, anchor, node)) return `${anchor} > ${steps.join(' > ')}`;
    }
    steps.unshift(step(node));
    node = node.parentElement;
  }
  return steps.join(' > ');
}
