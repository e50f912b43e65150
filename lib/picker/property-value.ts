import type { Property } from '../config/types';
import { findNear, readProperty } from '../core/properties';
import { FIELDS } from '../core/sensitive';
import { checkPropertySource, privacyWarnings } from './privacy';
import type { PropertyPreview } from '../messages/schemas';

/** One property's value right now, as the editor shows it (wire contract: PropertyPreviewSchema). */
export type { PropertyPreview };

/** Options of `previewProperty`. */
export interface PreviewOptions {
  /** Longest text shown. Default 255 (what the runtime sends by default). */
  maxTextLength?: number;
  /** The page (for `url`, `query` and document-wide lookups). Default: `document`. */
  doc?: Document;
}

/**
 * What `property` would send right now for this target, with privacy warnings. The value is
 * the runtime's own reading (readProperty: element lookup, sensitive-field refusal, text
 * cleaning, transform), so the preview is exactly what a tag sends; this only adds the
 * explanations.
 */
export function previewProperty(property: Property, target: Element | undefined, options: PreviewOptions = {}): PropertyPreview {
  const max = options.maxTextLength ?? 255;
  const doc = options.doc ?? document;
  const value = readProperty(property, target, max, doc);
  const warnings = privacyWarnings(value);
  if (property.source === 'static' || property.source === 'url') return { value, warnings, refused: false };
  if (property.source === 'query') {
    return { value, warnings: value === null ? ['the page URL has no such query parameter now'] : warnings, refused: false };
  }
  const el = findNear(target, property.selector, doc);
  if (!el) return { value, warnings: ['no element matches on this page now'], refused: false };
  const verdict = checkPropertySource(el);
  if (!verdict.ok) return { value, warnings: [verdict.reason], refused: true };
  if (value === null) warnings.push(whyNull(property, el));
  return { value, warnings, refused: false };
}

/** Why an element that may be read still gives null. */
function whyNull(property: Property, el: Element): string {
  if (property.source === 'attribute' && !el.hasAttribute(property.attribute)) return `the element has no ${property.attribute} attribute now`;
  if (property.source === 'value' && !FIELDS.test(el.localName)) return 'the element is not a form field';
  // Text, attributes and field values are strings; only a transform (number) turns one into null.
  return 'the number transform finds no number in what the element holds now';
}
