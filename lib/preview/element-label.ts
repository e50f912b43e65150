/**
 * What a person calls an element: `“Add to cart” button`, `“Fjord Lounge Chair” link`,
 * `“Email” field`, `“Sign up” form`, for the preview log (and wherever an element is named to a
 * marketer) instead of `button.ProductCard_btn__x7Hq2`. The name is the element's accessible
 * name as far as it can be had cheaply (aria-label, aria-labelledby, a field's label, alt,
 * title, its text), never a field's value: a typed value is not a name, and sensitive fields
 * must not show up in the log. The kind is the role a person sees. Without a name, a stable id
 * or class (not a generated one) tells it apart; else only its kind.
 */
import { cssModuleStem, isGeneratedId, isHashedClass, isStableClass } from '../selector/signals';

/** Options of `describeForPeople`. */
export interface ElementLabelOptions {
  /** Longest name kept, in characters (cut with "…"). Default 40. */
  maxName?: number;
}

const clean = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

/** The role word a person would use for `el`. */
export function elementKind(el: Element): string {
  const role = el.getAttribute('role');
  if (role === 'button' || role === 'link' || role === 'tab' || role === 'checkbox' || role === 'switch' || role === 'menuitem' || role === 'option') return role === 'menuitem' ? 'menu item' : role;
  const tag = el.localName;
  if (tag === 'button' || (tag === 'input' && /^(submit|button|reset|image)$/i.test((el as HTMLInputElement).type))) return 'button';
  if (tag === 'a' && el.hasAttribute('href')) return 'link';
  if (tag === 'input' && /^(checkbox|radio)$/i.test((el as HTMLInputElement).type)) return (el as HTMLInputElement).type.toLowerCase();
  if (tag === 'input' || tag === 'textarea') return 'field';
  if (tag === 'select') return 'menu';
  if (tag === 'form') return 'form';
  if (tag === 'img' || tag === 'svg' || tag === 'picture') return 'image';
  if (/^h[1-6]$/.test(tag)) return 'heading';
  if (tag === 'li') return 'list item';
  if (tag === 'tr') return 'row';
  if (tag === 'summary') return 'disclosure';
  if (tag === 'nav') return 'navigation';
  return tag;
}

/** The element's name as a person reads it, or '' (never a field's value). */
export function elementName(el: Element): string {
  const doc = el.ownerDocument;
  const aria = clean(el.getAttribute('aria-label'));
  if (aria) return aria;
  const labelledBy = el.getAttribute('aria-labelledby');
  if (labelledBy) {
    const text = clean(labelledBy.split(/\s+/).map((id) => doc.getElementById(id)?.textContent).join(' '));
    if (text) return text;
  }
  const tag = el.localName;
  const isField = tag === 'input' || tag === 'textarea' || tag === 'select';
  if (isField) {
    const input = el as HTMLInputElement;
    // A button's value is its caption, shown to everyone: that one is a name.
    if (tag === 'input' && /^(submit|button|reset)$/i.test(input.type)) return clean(input.getAttribute('value')) || (input.type.toLowerCase() === 'submit' ? 'Submit' : '');
    const label = clean(input.labels?.[0]?.textContent);
    if (label) return label;
    return clean(el.getAttribute('placeholder')) || clean(el.getAttribute('title')) || clean(el.getAttribute('name'));
  }
  if (tag === 'img') return clean(el.getAttribute('alt')) || clean(el.getAttribute('title'));
  if (tag === 'form') {
    const named = clean(el.getAttribute('name')) || clean(el.querySelector('legend, h1, h2, h3, h4')?.textContent);
    if (named) return named;
    const submit = el.querySelector('button:not([type=button]):not([type=reset]), input[type=submit]');
    return submit ? elementName(submit) : '';
  }
  const text = clean(el.textContent);
  if (text) return text;
  // An icon button: its image's alt or its title.
  return clean(el.getAttribute('title')) || clean(el.querySelector('img[alt]')?.getAttribute('alt')) || clean(el.querySelector('svg title')?.textContent);
}

/** A stable id or class that tells an unnamed element apart (`#help`, `.ProductCard_badge`), or ''. */
function handle(el: Element): string {
  if (el.id && !isGeneratedId(el.id)) return `#${el.id}`;
  for (const cls of el.classList) {
    const stem = cssModuleStem(cls);
    if (stem) return `.${stem.replace(/_+$/, '')}`;
    if (isStableClass(cls) && !isHashedClass(cls)) return `.${cls}`;
  }
  return '';
}

/** `“Add to cart” button`; `“Email” field`; `button #help` without a name; `div` at worst. */
export function describeForPeople(el: Element, options: ElementLabelOptions = {}): string {
  const max = options.maxName ?? 40;
  const kind = elementKind(el);
  let name = elementName(el);
  if (name.length > max) {
    // Cut at a word when one ends in the second half, so the name stays readable.
    const cut = name.slice(0, max - 1);
    const space = cut.lastIndexOf(' ');
    name = `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
  }
  if (name) return `“${name}” ${kind}`;
  const id = handle(el);
  return id ? `${kind} ${id}` : kind;
}
