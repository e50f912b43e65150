/**
 * A small CSS selector compiler for the click path. Blink caches only 256 parsed selectors
 * per document, so with thousands of tags every `matches()` parses again. Most recorded
 * selectors are chains of simple compounds (tag, #id, .class, [attr], [attr=value],
 * :nth-child(n)...); those are matched here in plain JS. Anything else falls back to the
 * browser's `matches()` after a cheap JS pre-check of the parts understood.
 *
 * Each selector of a list (`a, b`) becomes its own CompiledSelector, bucketed (tag-index.ts)
 * under a key of its rightmost compound, and filtered by a key some ancestor must carry.
 */

/** A test of one element; `true` when it matches. */
export type ElementTest = (el: Element) => boolean;

/** One branch of a selector list, ready for the index. */
export interface CompiledSelector {
  /**
   * What the element itself must carry: `#id`, `$name=value`, `.class`, `[name` and its
   * tag name. Empty when nothing is known (`:is(...)`).
   */
  keys: string[];
  /**
   * A key (not a tag name) that some ancestor must carry, from a compound left of the
   * rightmost one; only when no sibling combinator comes between.
   */
  near?: string;
  test: ElementTest;
}

type Combinator = ' ' | '>' | '+' | '~';


interface Compound {
  tests: ElementTest[];
  keys: string[];
  /** Every token was understood, so `tests` decide alone. */
  exact: boolean;
}

// The browser has already accepted the selector, so names can be matched loosely here.
const NAME = '[-\\w\\u00a0-\\uffff]+';
const TOKEN = new RegExp(
  `^(?:(${NAME}|\\*)|#(${NAME})|\\.(${NAME})|\\[\\s*(${NAME})\\s*(?:([\\^$*~|]?=)\\s*(?:"([^"\\\\]*)"|'([^'\\\\]*)'|(${NAME}))\\s*)?\\]|:(nth-child|nth-of-type)\\(\\s*(\\d+)\\s*\\))`,
);

/** Splits at top-level occurrences of `stop`, skipping strings, brackets and parentheses. */
function scan(text: string, onTop: (char: string, index: number) => void): void {
  let depth = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\') {
      // An escape: the next character, or up to 6 hex digits and one white space (`#\\33 4`).
      i += /^[\da-f]{1,6}\s?/i.exec(text.slice(i + 1))?.[0].length || 1;
    } else if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (!depth) onTop(c, i);
  }
}

/** The branches of a selector list. */
export function splitList(selector: string): string[] {
  const out: string[] = [];
  let start = 0;
  scan(selector, (c, i) => {
    if (c === ',') {
      out.push(selector.slice(start, i).trim());
      start = i + 1;
    }
  });
  out.push(selector.slice(start).trim());
  return out;
}

// Positions counted during one task (one user action): many tags test `:nth-child` of the
// same element in a long list. Forgotten in a microtask, before the DOM can change. `:nth-of-type`
// (DevTools' "Copy selector" paths) counts only siblings of the element's own type.
const positions = [new Map<Element, number>(), new Map<Element, number>()];

/**
 * The key of a position: `~` sorts after every other key kind, and larger positions give
 * smaller keys, so the ancestor key chosen (the first in order) is the most telling one.
 */
export const positionKey = (index: number, type: string) => '~' + (1e6 - index) + type;

/** An element's position among its siblings (of its own type), counted once per task. */
export function nthOf(el: Element, ofType: number): number {
  const cache = positions[ofType]!;
  let n = cache.get(el);
  if (n) return n;
  n = 1;
  for (let s = el.previousElementSibling; s; s = s.previousElementSibling) if (!ofType || s.localName == el.localName) n++;
  if (!cache.size) queueMicrotask(() => cache.clear());
  cache.set(el, n);
  return n;
}

/** The HTML namespace: elements outside it (SVG, MathML) follow other CSS rules. */
export const HTML = 'http://www.w3.org/1999/xhtml';

/** The page is in quirks mode: ids and classes then match without case (no DOM: never). */
const quirks = () => typeof document < 'u' && document.compatMode == 'BackCompat';

/**
 * An attribute test, `token` as written (`[type='Submit']`). The browser's own rules decide
 * wherever plain comparison could differ: on SVG and MathML elements (names match without
 * case, `viewBox`, and namespace declarations such as `xmlns` are not attributes to CSS), and
 * where the values differ only in case (HTML compares `type`, `rel`, `target`, `method`... without
 * case): there `matches(token)` answers for this one attribute of this element.
 */
function attrTest(name: string, op: string | undefined, value: string, token: string): ElementTest {
  // `~=`: one of the white-space separated words (a value with white space never matches);
  // `|=`: the value or its `value-` prefix.
  const compare = (v: string, w: string) =>
    op == '=' ? v == w : op == '|=' ? v == w || v.startsWith(w + '-') : w != '' && (op == '^=' ? v.startsWith(w) : op == '$=' ? v.endsWith(w) : op == '~=' ? !/[ \t\n\f\r]/.test(w) && v.split(/[ \t\n\f\r]/).includes(w) : v.includes(w));
  return (el) => {
    if (el.namespaceURI != HTML) return el.matches(token);
    const v = el.getAttribute(name);
    return v != null && (!op || compare(v, value) || (compare(v.toLowerCase(), value.toLowerCase()) && el.matches(token)));
  };
}

function parseCompound(text: string): Compound {
  const tests: ElementTest[] = [];
  const keys: string[] = [];
  // A namespace (`svg|a`, `[*|href]`) or an escape: the browser decides.
  let rest = text.includes('\\') || /\|(?!=)/.test(text) ? '\u0000' : text;
  while (rest) {
    const m = TOKEN.exec(rest);
    if (!m) break;
    rest = rest.slice(m[0].length);
    const [, t, hash, dot, name, op, v1, v2, v3, nth, n] = m;
    if (t !== undefined) {
      if (tests.length) { rest = '\u0000'; break; }
      // HTML elements match type selectors in any case (`DIV`); on SVG and MathML elements the
      // browser decides (`clipPath`). Keys are lower case.
      const type = t.toLowerCase();
      if (t !== '*') { keys.push(type); tests.push((el) => (el.namespaceURI == HTML ? el.localName === type : el.matches(t))); }
    } else if (hash !== undefined || dot !== undefined) {
      // In quirks mode the browser compares ids and classes without case: it decides, keyless.
      if (quirks()) { rest = '\u0000'; break; }
      if (dot === undefined) {
        keys.push('#' + hash);
        // The attribute, not `el.id`: a form's `id` is its control named "id" (`<input name=id>`).
        tests.push((el) => el.getAttribute('id') === hash);
      } else {
        keys.push('.' + dot);
        tests.push((el) => el.classList.contains(dot));
      }
    } else if (name !== undefined) {
      const lname = name.toLowerCase();
      const value = v1 ?? v2 ?? v3 ?? '';
      // Keys hold names and values in lower case, as tag-index.ts reads the path's: the test
      // decides on case.
      keys.push('[' + lname);
      if (op === '=') keys.push(`$${lname}=${value.toLowerCase()}`);
      tests.push(attrTest(lname, op, value, m[0]));
    } else if (nth !== undefined) {
      const index = Number(n);
      const ofType = nth.length > 9 ? 1 : 0;
      tests.push((el) => nthOf(el, ofType) === index);
      // A position is a key too (positionKey): DevTools' paths (`… > article:nth-of-type(37) > div
      // > button`) carry nothing else, and an ancestor's position tells one card from another.
      const type = keys.find((k) => /^[a-z]/.test(k));
      if (!ofType || type) keys.push(positionKey(index, ofType ? type! : ':'));
    }
  }
  return { tests, keys, exact: rest === '' };
}

function all(tests: ElementTest[]): ElementTest {
  return tests.length === 1 ? tests[0]! : (el) => {
    for (const t of tests) if (!t(el)) return false;
    return true;
  };
}

/**
 * Compiles one branch (no top-level comma). Returns undefined for an empty branch; the
 * caller has already checked the whole selector with the browser.
 */
export function compileBranch(branch: string): CompiledSelector | undefined {
  const parts: string[] = [];
  const combinators: Combinator[] = [];
  let start = 0;
  let pending: Combinator | '' = '';
  const flush = (end: number) => {
    const text = branch.slice(start, end).trim();
    if (text) {
      if (parts.length) combinators.push(pending || ' ');
      parts.push(text);
      pending = '';
    }
  };
  scan(branch, (c, i) => {
    if (/[ \t\n\r\f>+~]/.test(c)) {
      flush(i);
      start = i + 1;
      if (c > ' ') pending = c as Combinator;
    }
  });
  flush(branch.length);
  if (!parts.length) return undefined;
  const compounds = parts.map(parseCompound);
  const last = compounds.pop()!;
  const keys = last.keys;
  const siblings = combinators.some((c) => c === '+' || c === '~');
  // Sorted, ids come first, then attribute values, classes, attribute names; tag names
  // are left out (too common).
  const near = siblings ? undefined : compounds.flatMap((c) => c.keys).filter((k) => /^[#$.[~]/.test(k)).sort()[0];
  compounds.push(last);
  // Sibling combinators are rare in recorded selectors; the browser takes those.
  if (siblings || !compounds.every((c) => c.exact)) {
    const pre = last.tests.length ? all(last.tests) : undefined;
    return { keys, near, test: (el) => (!pre || pre(el)) && el.matches(branch) };
  }
  const tests = compounds.map((c) => (c.tests.length ? all(c.tests) : () => true));
  const matchAt = (el: Element, i: number): boolean => {
    if (!i) return tests[0]!(el);
    if (combinators[i - 1] === '>') {
      // The element carries its bucket's key, so it is the ancestors that decide (the
      // `:nth-child` of a card among many tags under one shared class): they go first.
      const p = el.parentElement;
      return !!p && matchAt(p, i - 1) && tests[i]!(el);
    }
    if (!tests[i]!(el)) return false;
    for (let p = el.parentElement; p; p = p.parentElement) if (matchAt(p, i - 1)) return true;
    return false;
  };
  return { keys, near, test: (el) => matchAt(el, compounds.length - 1) };
}

/**
 * True when the browser accepts `selector` (parsed against an empty fragment). A new fragment
 * each time: happy-dom caches a node's query by selector before parsing it, so a reused node
 * accepted an invalid selector the second time it was asked (Chromium does not, but the unit
 * tests then checked less than they claimed).
 */
export function isValidSelector(selector: string): boolean {
  try {
    document.createDocumentFragment().querySelector(selector);
    return true;
  } catch {
    // The browser rejects the selector: that is the answer.
    return false;
  }
}

/**
 * Compiles a selector (list) into branches; undefined when the browser rejects it or it
 * is longer than `maxLength`. (In quirks mode the browser compares ids and classes without
 * case; here they are exact, as recorded from the same page.)
 */
export function compileSelector(selector: unknown, maxLength: number): CompiledSelector[] | undefined {
  // The browser rejects empty and blank selectors too.
  if (typeof selector !== 'string' || selector.length > maxLength || !isValidSelector(selector)) return undefined;
  const out: CompiledSelector[] = [];
  for (const branch of splitList(selector)) {
    const compiled = compileBranch(branch);
    if (!compiled) return undefined;
    out.push(compiled);
  }
  return out;
}
