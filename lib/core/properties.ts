/** Reads a tag's event properties from the page, never from a sensitive field. */
import type { Transform } from '../config/limits';
import type { RuntimeProperty } from './normalize';
import { FIELDS, readText, redactQuery, sensitiveMark, textMark } from './sensitive';
import { coreExtras, LEAN } from './lean';

/** A property value as sent. */
export type PropertyValue = string | number | boolean | null;

/**
 * Parses a price or count as people write it: "$1,299.00" -> 1299, "12,5 %" -> 12.5,
 * "1.299,50 €" -> 1299.5, "1,299" -> 1299, "1.5" -> 1.5. The last separator is the decimal
 * one unless three digits follow it and it is a comma or appears twice. Null without digits.
 */
export function toNumber(input: string): number | null {
  const s = (/-?\d[\d.,\s]*/.exec(input)?.[0] ?? '').replace(/[\s.,]+$|\s/g, '');
  const i = Math.max(s.lastIndexOf('.'), s.lastIndexOf(','));
  const tail = s.slice(i + 1);
  const grouped = i < 0 || (tail.length === 3 && (s[i] === ',' || s.indexOf(s[i]!) < i));
  return s ? Number(grouped ? s.replace(/[.,]/g, '') : s.slice(0, i).replace(/[.,]/g, '') + '.' + tail) : null;
}

/** Applies a property transform. */
export function applyTransform(value: PropertyValue, transform: Transform | undefined): PropertyValue {
  if (!transform || value === null) return value;
  const s = String(value);
  switch (transform) {
    case 'number':
      return typeof value === 'number' ? value : toNumber(s);
    case 'lowercase':
      return s.toLowerCase();
    case 'uppercase':
      return s.toUpperCase();
    case 'boolean':
      return typeof value === 'boolean' ? value : !/^(0|false|no|off|null)?$/i.test(s.trim());
  }
  return value;
}

/** Trimmed, whitespace collapsed, at most `max` characters. */
export function cleanText(text: string | null | undefined, max: number): string {
  return (text || '').replace(/\s+/g, ' ').trim().slice(0, max);
}

/**
 * The element a property reads: the target itself without a selector; with one, the match
 * nearest the target (the target, else inside its closest ancestor holding a match, crossing
 * open shadow roots), else the first match in `doc`; null when none matches or the selector
 * is not valid CSS.
 */
export function findNear(target: Element | undefined, selector: string | undefined, doc: Document): Element | null {
  if (!selector) return target || null;
  try {
    // Up through elements, a shadow root (its own top level holds the target's siblings), its host.
    for (let n: any = target; n; n = n.parentNode || n.host) {
      if (n.matches?.(selector)) return n;
      const found = n.querySelector(selector);
      if (found) return found;
    }
    return doc.querySelector(selector);
  } catch {
    // Not valid CSS, or a page that overrides querySelector and throws: nothing is read.
    return null;
  }
}

function readValue(el: Element, max: number): PropertyValue {
  if (!FIELDS.test(el.localName)) return null;
  const field = el as HTMLInputElement;
  return field.type === 'checkbox' ? field.checked : cleanText(field.value, max);
}

/**
 * What a property reads besides static values and text: the page's URL, a query parameter, an
 * attribute or a field's value (`el` is the element found, null for the page's own). tagpoint.js
 * has this from tagpoint-extras.js, which a config reading any of them loads (normalize.ts).
 */
export function readOther(prop: RuntimeProperty, el: Element | null, max: number, doc: Document): PropertyValue {
  const loc = doc.location;
  switch (prop.source) {
    case 'url': {
      // Sensitive parameters (?password=, #access_token=) never leave the page.
      const hash = redactQuery(loc.hash);
      return { path: loc.pathname, host: loc.host, hash, title: cleanText(doc.title, max) }[prop.part as 'path'] ?? loc.origin + loc.pathname + redactQuery(loc.search) + hash;
    }
    case 'query':
      return redactQuery('?' + encodeURIComponent(String(prop.param))) ? new URLSearchParams(loc.search).get(String(prop.param)) : null;
    case 'attribute': {
      // data-csrf-token, data-api-key...: an attribute named as a secret is one.
      const v = redactQuery('?' + encodeURIComponent(String(prop.attribute))) ? el!.getAttribute(String(prop.attribute)) : null;
      return v === null ? null : cleanText(v, max);
    }
    case 'value':
      return readValue(el!, max);
  }
  return null;
}

/**
 * Reads one property, text capped at `max` characters; null when its element is missing or
 * sensitive. `doc` is the page read (the editor's preview passes its own; default `document`).
 */
export function readProperty(prop: RuntimeProperty, target: Element | undefined, max: number, doc = document): PropertyValue {
  const source = prop.source;
  if (source === 'static') return prop.value ?? null;
  const other = LEAN ? coreExtras()?.readOther : readOther;
  if (source === 'url' || source === 'query') return other?.(prop, null, max, doc) ?? null;
  const el = findNear(target, prop.selector, doc);
  const text = source === 'text';
  if (!el || (text ? textMark : sensitiveMark)(el)) return null;
  return applyTransform(text ? cleanText(readText(el, max), max) : (other?.(prop, el, max, doc) ?? null), prop.transform);
}

/** Reads every property of a tag (a throwing page getter costs this tag's event, no other). */
export function readProperties(props: RuntimeProperty[], target: Element | undefined, max: number): Record<string, PropertyValue> {
  const out: Record<string, PropertyValue> = {};
  for (const prop of props) out[prop.name] = readProperty(prop, target, max);
  return out;
}
