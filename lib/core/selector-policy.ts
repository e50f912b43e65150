/**
 * The selector policy: no selector in a config may observe a field's value or a field's
 * live state. The runtime checks only the element it finally reads (sensitive.ts), so a
 * selector that *tests* a field is an oracle: `body:has(input[name=csrf][value^="7f"]) h1`
 * finds a harmless heading exactly when the hidden token starts with `7f`, one bit per
 * property. One function decides for the strict parser (lib/config: `tagpoint validate`,
 * the registry's 422, Save), the runtime's reader (normalize.ts), the editor and
 * lib/selector. The rules and their reasons are the table in lib/core/README.md.
 *
 * It reads a canonical form of the selector (see `canonicalSelector`) with a few regexes,
 * each linear in the selector's length. It runs in the website runtime, so it is written
 * for size.
 */

/**
 * True for an attribute that pages or their frameworks write from a field's live state: `value`
 * (React and Preact keep it equal to what was typed; a hidden input's token), `checked`
 * and `selected` (the current or remembered choice), `aria-invalid` (validation libraries
 * set it from the typed value). No selector tests them (`value` only on a button, where it
 * is the label) and no fingerprint records or compares them.
 */
export const isStateAttribute = (name: string): boolean => /^(value|checked|selected|aria-invalid)$/i.test(name);

// A pseudo-class that matches on a field's value or live state: any whose name holds one of
// these words (`:invalid`, `:user-valid`, `:-moz-ui-invalid`, `:out-of-range`,
// `:-webkit-autofill`, `:placeholder-shown`...); or an attribute test of a state attribute,
// in any namespace form (`[*|value]`, `[|value]`), any operator or none. In canonical text.
const ORACLE = /:[-\w]*(checked|indeterminate|default|placeholder|valid|range|autofill|blank|dir)[-\w]*|\[([^|\]]*\|(?!=))?(value|checked|selected|aria-invalid)(?![-\w])[^\]]*\]?/i;
// A compound that stands for a button, at any depth: `button…`, or `input…` holding
// `[type=submit|reset|button|image]`. A compound runs between whitespace, combinators (`~`
// but not `~=`), commas and parentheses.
const BUTTON = /(^|[\s>+,()])(button|input(?=(?:[^\s>+,()~]|~=)*\[type=(submit|reset|button|image)\]))(?![-\w|])(?:[^\s>+,()~]|~=)*/g;
// Comments, strings, escapes and non-ASCII characters, found left to right as the CSS
// tokenizer finds them (a comment inside a string is string, and so on).
const TOKENS = /\/\*[^]*?(?:\*\/|$)|(["'])((?:\\[^]|(?!\1)[^\\])*)\1?|\\(?:([\da-f]{1,6})(?:\r\n|\s)?|([^]))?|[^\0-\x7f]/gi;

/**
 * The selector as the policy reads it, lower-cased, with only `[-\w]` in names:
 * - comments dropped (they join the tokens around them, as for the browser);
 * - an escape becomes the ASCII name character it stands for, anything else `_`
 *   (`[v\61lue]` is `[value]`, Tailwind's `.md\:flex` is `.md_flex`);
 * - a string becomes the identifier of its text, every character but `[-\w]` as `_` (in a
 *   selector a string is only ever an attribute value, where `"a"` and `a` are the same);
 * - any other non-ASCII character becomes `_` (names match ASCII case-insensitively only);
 * - whitespace inside attribute brackets is removed, so that what is left between
 *   whitespace, combinators, commas and parentheses is one compound, or less than one.
 */
export function canonicalSelector(selector: string): string {
  return selector
    .replace(TOKENS, (m, _quote, body?: string, hex?: string, char?: string) =>
      // A code point past U+FFFF wraps to one below it: that may only refuse more.
      m[0] == '/' ? '' : (hex ? String.fromCharCode(parseInt(hex, 16)) : (char ?? body ?? m)).replace(/[^-\w]/g, '_'),
    )
    .toLowerCase()
    .replace(/\[[^\]]*/g, (m) => m.replace(/\s/g, ''));
}

/**
 * The part of `selector` (canonical) that could observe a field's value or state
 * (`:checked`, `[value^=7f]`), or undefined when none can. Call it on a
 * selector the browser (or the CSS parser) has accepted; on anything else the answer only
 * errs towards refusing.
 */
export function selectorOracle(selector: string): string | undefined {
  // A button's own value tests are its label: taken out before the one test of the rest.
  return ORACLE.exec(canonicalSelector(selector).replace(BUTTON, (m) => m.replace(/\[value/g, '[')))?.[0];
}

/**
 * The strict parser's and the editor's message for a selector the policy refuses, or
 * undefined: "selector tests a field's value: [value^=7f] (…)".
 */
export function selectorPolicyMessage(selector: string): string | undefined {
  const part = selectorOracle(selector);
  if (part === undefined) return undefined;
  return /^\[([^|\]]*\|)?value/.test(part)
    ? `selector tests a field's value: ${part} (a config may test the value only of a button, where it is the label: button[value=…] or input[type=submit][value=…])`
    : `selector tests a field's state: ${part} (a selector may not depend on what a visitor typed, chose or autofilled)`;
}
