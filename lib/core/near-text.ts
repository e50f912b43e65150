/**
 * The words beside an element that say which one it is: the first heading, label, legend or
 * caption in its nearest ancestor that holds one (not the element itself, nor inside it, nor
 * around it), below the list the element repeats in, as a fingerprint keeps it (`near`). A card's "Add to cart" is near its product
 * name; a form's button near the form's heading or its fields' labels. A copy edit of the
 * button leaves this unchanged, so the fingerprint can still tell the button is the same
 * (fingerprint.ts). Read as the runtime reads text (`readText`): never a field's value.
 */
import { cleanText } from './properties';
import { readText } from './sensitive';

const LABELS = 'h1,h2,h3,h4,h5,h6,[role=heading],legend,caption,label';
// How far up the label is looked for: beyond that the words belong to the page, not the element.
const MAX_UP = 6;

// An element like `el` (same name and classes): above the first ancestor holding one, the
// words belong to the whole list (a sibling card's title), not to this element.
const alike = (a: Element, el: Element) => [...a.getElementsByTagName(el.localName)].some((o) => o !== el && o.className === el.className);

/** The near text (64 characters at most, whitespace collapsed), or '' when there is none. */
export function nearText(el: Element): string {
  for (let a = el.parentElement, up = 0; a && up < MAX_UP && !alike(a, el); a = a.parentElement, up++)
    for (const h of a.querySelectorAll(LABELS)) {
      if (h.contains(el) || el.contains(h)) continue;
      const text = cleanText(readText(h, 64), 64);
      if (text) return text;
    }
  return '';
}
