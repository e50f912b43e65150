/**
 * The pseudo-classes and pseudo-elements a browser's `querySelector` accepts, for checking
 * selectors where there is no DOM (the registry, the CLI). css-what parses any `:name`, but
 * the browser the runtime runs in throws on a name it does not know, and the runtime then
 * skips the tag: the strict parser refuses those names instead. Data, not code: add a name
 * here when browsers ship it. (Where a DOM is available, its own parser decides.)
 */

/** Pseudo-classes without an argument. The four legacy pseudo-elements take one colon too. */
export const PSEUDO_CLASSES: readonly string[] = [
  'active', 'any-link', 'autofill', 'checked', 'default', 'defined', 'disabled', 'empty', 'enabled',
  'first-child', 'first-of-type', 'focus', 'focus-visible', 'focus-within', 'fullscreen', 'hover',
  'in-range', 'indeterminate', 'invalid', 'last-child', 'last-of-type', 'link', 'modal', 'only-child',
  'only-of-type', 'optional', 'out-of-range', 'paused', 'picture-in-picture', 'placeholder-shown',
  'playing', 'popover-open', 'read-only', 'read-write', 'required', 'root', 'scope', 'target',
  'user-invalid', 'user-valid', 'valid', 'visited', 'open',
  'before', 'after', 'first-line', 'first-letter',
];

/** Pseudo-classes that take a selector list. */
export const SELECTOR_PSEUDOS: readonly string[] = ['is', 'where', 'not', 'has'];

/** Pseudo-classes that take `An+B` (optionally `of <selector>` for the two child ones). */
export const NTH_PSEUDOS: readonly string[] = ['nth-child', 'nth-last-child', 'nth-of-type', 'nth-last-of-type'];

/** Pseudo-classes that take a word: `:lang(en)`, `:dir(rtl)`. */
export const WORD_PSEUDOS: readonly string[] = ['lang', 'dir'];

/** Pseudo-elements (`::name`); `querySelector` accepts them and they match nothing. */
export const PSEUDO_ELEMENTS: readonly string[] = [
  'after', 'backdrop', 'before', 'file-selector-button', 'first-letter', 'first-line', 'marker', 'placeholder', 'selection',
];

/** `An+B`, `odd`, `even`, with `of S` where allowed. */
export const NTH_ARGUMENT = /^\s*(?:odd|even|[+-]?\d*n(?:\s*[+-]\s*\d+)?|[+-]?\d+)\s*(?:\s+of\s+(.+))?$/is;
