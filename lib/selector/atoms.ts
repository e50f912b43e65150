/**
 * Ranked selector pieces ("atoms") for one element: what identifies it, best first.
 * Order: test/tracking attributes, ids that do not look generated, `name`, `aria-label`,
 * `role`, link paths, other meaningful attributes, word-like classes. Structure comes last
 * and is built elsewhere (path.ts).
 */
import { cssIdent, cssString, cssTag } from './css';
import {
  isGeneratedId,
  isGeneratedValue,
  isMeaningfulDataAttribute,
  isStableClass,
  stableHref,
} from './signals';
import { isStateAttribute } from '../core/selector-policy';

/** Which kind of signal an atom stands on; shown by `explainLocator`. */
export type SignalKind =
  | 'test-attribute'
  | 'id'
  | 'name'
  | 'aria-label'
  | 'role'
  | 'href'
  | 'attribute'
  | 'type'
  | 'class'
  | 'tag'
  | 'position';

/** One piece of a compound selector: `part` is appended to the tag (`[name="q"]`, `.title`, `#main`). */
export interface Atom {
  kind: SignalKind;
  part: string;
  /** When true the tag may be omitted (the part alone is specific: ids, test attributes). */
  standalone: boolean;
}

/** Options that decide which attributes count as test hooks. */
export interface AtomOptions {
  testAttributes: readonly string[];
}

const MAX_LABEL_LENGTH = 100;
const LABEL_ATTRIBUTES = ['title', 'alt', 'placeholder'] as const;
const TYPED_TAGS = new Set(['input', 'button']);

function attr(name: string, value: string): string {
  return `[${name}=${cssString(value)}]`;
}

function labelOk(value: string | null): value is string {
  return !!value && value.length <= MAX_LABEL_LENGTH && !isGeneratedValue(value);
}

/** The atoms of `el`, best first (at most `limit` classes). */
export function elementAtoms(el: Element, options: AtomOptions, classLimit = 3): Atom[] {
  const atoms: Atom[] = [];
  for (const name of options.testAttributes) {
    // A field's value or state is never part of a selector (lib/core/selector-policy.ts).
    if (isStateAttribute(name)) continue;
    const value = el.getAttribute(name);
    if (value) atoms.push({ kind: 'test-attribute', part: attr(name, value), standalone: true });
  }
  const id = el.getAttribute('id');
  if (id && !isGeneratedId(id)) atoms.push({ kind: 'id', part: `#${cssIdent(id)}`, standalone: true });
  const name = el.getAttribute('name');
  if (labelOk(name)) atoms.push({ kind: 'name', part: attr('name', name), standalone: false });
  const label = el.getAttribute('aria-label');
  if (labelOk(label)) atoms.push({ kind: 'aria-label', part: attr('aria-label', label), standalone: false });
  const role = el.getAttribute('role');
  if (role && /^[a-z]+$/.test(role)) atoms.push({ kind: 'role', part: attr('role', role), standalone: false });
  const href = el.getAttribute('href');
  const link = href ? stableHref(href) : undefined;
  if (link) {
    const part = link.exact ? attr('href', link.value) : `[href^=${cssString(link.value)}]`;
    atoms.push({ kind: 'href', part, standalone: false });
  }
  for (const labelName of LABEL_ATTRIBUTES) {
    const value = el.getAttribute(labelName);
    if (labelOk(value)) atoms.push({ kind: 'attribute', part: attr(labelName, value), standalone: false });
  }
  for (const a of Array.from(el.attributes)) {
    if (options.testAttributes.includes(a.name)) continue;
    if (isMeaningfulDataAttribute(a.name, a.value)) atoms.push({ kind: 'attribute', part: attr(a.name, a.value), standalone: false });
  }
  const type = el.getAttribute('type');
  if (type && TYPED_TAGS.has(el.localName) && /^[a-z]+$/.test(type)) {
    atoms.push({ kind: 'type', part: attr('type', type), standalone: false });
  }
  let classes = 0;
  for (const cls of Array.from(el.classList)) {
    if (classes >= classLimit) break;
    if (isStableClass(cls)) {
      atoms.push({ kind: 'class', part: `.${cssIdent(cls)}`, standalone: false });
      classes++;
    }
  }
  return atoms;
}

/** The compound selector for atoms on `el`: `tag` + parts, or the part alone when standalone. */
export function compound(el: Element, ...atoms: Atom[]): string {
  if (atoms.length === 1 && atoms[0]!.standalone) return atoms[0]!.part;
  return cssTag(el) + atoms.map((a) => a.part).join('');
}

const LANDMARKS = new Set(['nav', 'header', 'footer', 'main', 'aside', 'form', 'article', 'section', 'table', 'ul', 'ol']);

/**
 * Atoms of an ancestor that may anchor a descendant selector, best first: the element atoms
 * without the weak ones, then a landmark tag. Selectors from these use the descendant
 * combinator so an inserted wrapper does not break them.
 */
export function anchorAtoms(el: Element, options: AtomOptions): string[] {
  const out: string[] = [];
  for (const atom of elementAtoms(el, options, 2)) {
    if (atom.kind === 'role' || atom.kind === 'type') continue;
    out.push(atom.kind === 'class' ? atom.part : compound(el, atom));
  }
  if (LANDMARKS.has(el.localName) && out.length === 0) out.push(cssTag(el));
  return out;
}
