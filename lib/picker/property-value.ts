import type { Property } from '../config/types';
import { checkPropertySource, privacyWarnings } from './privacy';
import { parentOf } from './navigate';

/** One property's value right now, as the editor shows it. */
export interface PropertyPreview {
  value: string | number | boolean | null;
  warnings: string[];
  /** The property reads a refused source (password, payment field). */
  refused: boolean;
}

/** Options of `previewProperty`. */
export interface PreviewOptions {
  /** Longest text shown. Default 255 (what the runtime sends). */
  maxTextLength?: number;
  /** The page (for `url`, `query` and document-wide lookups). Default: `document`. */
  doc?: Document;
}

/** Text trimmed, whitespace collapsed, cut at `max`. */
export function cleanText(text: string | null | undefined, max: number): string {
  const s = (text ?? '').replace(/\s+/g, ' ').trim();
  return s.length > max ? s.slice(0, max) : s;
}

/**
 * The element a property reads, as the runtime finds it: the target without a selector;
 * with one, the match nearest the target (itself, else inside its closest ancestor holding
 * a match), else the first match in the document.
 */
export function findNear(target: Element | undefined, selector: string | undefined, doc: Document): Element | null {
  if (!selector) return target ?? null;
  try {
    for (let el: Element | null = target ?? null; el; el = parentOf(el)) {
      if (el.matches(selector)) return el;
      const found = el.querySelector(selector);
      if (found) return found;
    }
    return doc.querySelector(selector);
  } catch {
    return null;
  }
}

function fieldValue(el: Element, max: number): string | boolean | null {
  if (!/^(?:input|select|textarea)$/.test(el.localName)) return null;
  const field = el as HTMLInputElement;
  const type = (field.type || '').toLowerCase();
  if (type === 'checkbox' || type === 'radio') return field.checked;
  if (type === 'file') return null;
  return cleanText(field.value, max);
}

function urlPart(doc: Document, part: string | undefined, max: number): string {
  const loc = doc.location;
  if (part === 'path') return loc.pathname;
  if (part === 'host') return loc.host;
  if (part === 'hash') return loc.hash;
  if (part === 'title') return cleanText(doc.title, max);
  return loc.href;
}

/** What `property` would send right now for this target, with privacy warnings. */
export function previewProperty(property: Property, target: Element | undefined, options: PreviewOptions = {}): PropertyPreview {
  const max = options.maxTextLength ?? 255;
  const doc = options.doc ?? document;
  switch (property.source) {
    case 'static':
      return { value: property.value, warnings: privacyWarnings(property.value), refused: false };
    case 'url': {
      const value = urlPart(doc, property.part, max);
      return { value, warnings: privacyWarnings(value), refused: false };
    }
    case 'query': {
      const value = new URLSearchParams(doc.location.search).get(property.param);
      return { value, warnings: value === null ? ['the page URL has no such query parameter now'] : privacyWarnings(value), refused: false };
    }
  }
  const el = findNear(target, property.selector, doc);
  if (!el) return { value: null, warnings: ['no element matches on this page now'], refused: false };
  const verdict = checkPropertySource(el);
  if (!verdict.ok) return { value: null, warnings: [verdict.reason], refused: true };
  let value: string | boolean | null;
  if (property.source === 'text') value = cleanText(el.textContent, max);
  else if (property.source === 'attribute') {
    const raw = el.getAttribute(property.attribute);
    value = raw === null ? null : cleanText(raw, max);
  } else value = fieldValue(el, max);
  const warnings = privacyWarnings(value);
  if (value === null) warnings.push(property.source === 'attribute' ? `the element has no ${property.attribute} attribute now` : 'the element is not a form field');
  return { value, warnings, refused: false };
}
