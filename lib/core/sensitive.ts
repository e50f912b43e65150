/**
 * What the runtime never reads, whatever a config asks: password, hidden and file inputs,
 * payment, credential and identity fields, anything inside `data-tagpoint-private`, and the
 * code and data blocks of a page. Checked on every element read (value, text and attribute),
 * so a config cannot reach a password through `attribute: value` either; text read from an
 * element skips every field inside it (`readText`), and URL properties drop sensitive
 * parameters (`redactQuery`). The editor refuses a property source with this same rule
 * (lib/picker/privacy.ts), so what it lets a tag read is exactly what the runtime reads.
 * The words are sensitive-words.ts; the table and its reasons are in lib/core/README.md.
 */
import { coreExtras, LEAN } from './lean';
import { fieldMark, sensitiveWord } from './sensitive-words';

export { sensitiveWord };

/** Form fields: the only elements a `value` property reads. */
export const FIELDS = /^(input|select|textarea)$/;

/** The attribute any site can put on any subtree so that nothing in it is ever read. */
export const PRIVATE_ATTRIBUTE = 'data-tagpoint-private';

// What counts as a field for privacy: form fields, an option (its select decides), meta
// (csrf-token), and editing hosts (a card field built from a contenteditable div).
const FIELD_LIKE = /^(input|select|textarea|option|optgroup|meta)$/;
// An input that is a button: its value is its label, its attributes are public.
const BUTTON_TYPE = /^(submit|reset|button|image)$/i;
// Whose text is code or data, never a label: inline JSON state and tokens live there.
const CODE = /^(script|style|template|noscript)$/;

// An element that edits text in place (contenteditable, not "false"): a host or inside one.
const editingHost = (el: Element) => el.closest('[contenteditable]:not([contenteditable=false])');

// The field an element belongs to for privacy, or null: a form field itself (not a button),
// the select of an option, a meta, the editing host it is in.
const fieldOf = (el: Element): Element | null =>
  /^opt/.test(el.localName) ? el.closest('select') : FIELD_LIKE.test(el.localName) ? (el.localName == 'input' && BUTTON_TYPE.test(el.getAttribute('type')!) ? null : el) : editingHost(el);

// Never read, whatever the field: inside `data-tagpoint-private` (across shadow roots), or a
// code or data block.
function hidden(el: Element): string | undefined {
  for (let n: any = el; n; n = n.parentNode || n.host) if (n.hasAttribute?.(PRIVATE_ATTRIBUTE)) return PRIVATE_ATTRIBUTE;
  if (CODE.test(el.localName)) return el.localName;
}

/**
 * What makes an element unreadable for a `value` or `attribute` property, or undefined when
 * it may be read: `data-tagpoint-private` on it or an ancestor (across shadow roots); a code
 * or data block (`script`, `style`, `template`, `noscript`); a form field, an option of a
 * select, an editing host or a meta that is sensitive by its type, autocomplete token or the
 * words it is named by (sensitive-words.ts: its attributes and labels). The editor words its
 * refusal from this. (tagpoint.js, lean, has the words with tagpoint-extras.js, which it
 * loads for any config that reads values or attributes; without them every field is refused.)
 */
export function sensitiveMark(el: Element): string | undefined {
  const field = fieldOf(el);
  return hidden(el) ?? (field ? (LEAN ? coreExtras()?.fieldMark ?? (() => 'field') : fieldMark)(field) : undefined);
}

/** True for an element whose content must never leave the page. */
export function isSensitiveField(el: Element): boolean {
  return !!sensitiveMark(el);
}

/**
 * What makes an element unreadable for a `text` property, or undefined: as `sensitiveMark`,
 * and every field, option, editing host or meta, sensitive or not (their content is what a
 * visitor typed or chose: only a `value` property reads it, with the field's own check).
 */
export function textMark(el: Element): string | undefined {
  return hidden(el) ?? (fieldOf(el) ? 'field' : undefined);
}

/**
 * The text of an element as the runtime reads it: its `textContent` without what a visitor
 * typed or chose or a page keeps out of sight: the inside of form fields (React mirrors what
 * is typed into a textarea's text; a select's options), of editing hosts, of
 * `data-tagpoint-private` subtrees and of code blocks. Stops once it holds well over `max`
 * characters (twice, plus adjacent spaces). The caller checks the element with `textMark`.
 */
export function readText(el: Element, max = 1e4): string {
  let out = '';
  const walk = (n: Node) => {
    for (let c: any = n.firstChild; c && out.length <= 2 * max + 16; c = c.nextSibling)
      if (c.nodeType == 3) out += c.data.replace(/\s+/g, ' ');
      else if (c.nodeType == 1 && !CODE.test(c.localName) && !c.hasAttribute(PRIVATE_ATTRIBUTE) && !(FIELD_LIKE.test(c.localName) ? fieldOf(c) : c.hasAttribute('contenteditable') && editingHost(c))) walk(c);
  };
  if (!fieldOf(el)) walk(el);
  return out;
}

/**
 * A query string (or `#a=1&b=2` fragment) without its sensitive parameters
 * (`password`, `token`, `cc_number`...): "?q=shoes&password=x" -> "?q=shoes".
 */
export function redactQuery(query: string): string {
  const kept = query
    .slice(1)
    .split('&')
    .filter((p) => {
      let key = p.split('=')[0]!;
      try {
        key = decodeURIComponent(key.replace(/\+/g, ' '));
      } catch {
        // A malformed escape: judged as written.
      }
      // Without the words (tagpoint.js before tagpoint-extras.js), no parameter is kept.
      return !(LEAN ? coreExtras()?.sensitiveWord ?? (() => 1) : sensitiveWord)(key);
    })
    .join('&');
  return kept && query[0] + kept;
}
