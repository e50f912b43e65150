/**
 * What on an element is likely to survive the site's next deploy. Each predicate answers for
 * one name or value; the ranking in `atoms.ts` decides the order they are tried in.
 */

/** Attributes put on elements for tests and tracking: the most deliberate, stable hooks. */
export const DEFAULT_TEST_ATTRIBUTES: readonly string[] = [
  'data-testid',
  'data-test-id',
  'data-test',
  'data-qa',
  'data-cy',
  'data-track',
  'data-tracking',
  'data-analytics',
];

/** Class names that say what state an element is in, not what it is. */
const STATEFUL_WORDS = new Set([
  'active', 'inactive', 'selected', 'current', 'open', 'opened', 'closed', 'collapsed', 'expanded',
  'hidden', 'visible', 'show', 'shown', 'hide', 'in', 'out', 'on', 'off', 'hover', 'hovered', 'focus',
  'focused', 'focus-visible', 'disabled', 'enabled', 'checked', 'loading', 'loaded', 'sticky', 'stuck',
  'fixed', 'fade', 'animated', 'animating', 'lazyload', 'lazyloaded', 'lazyloading', 'error', 'invalid',
  'valid', 'dirty', 'pristine', 'touched', 'untouched', 'pending', 'highlighted', 'highlight', 'pressed',
  'dragging', 'scrolled', 'playing', 'paused', 'muted', 'empty', 'filled', 'first', 'last', 'odd', 'even',
]);

/** Prefixes of CSS-in-JS and scoped-style class names (styled-components, emotion, styled-jsx...). */
const HASHED_CLASS_PREFIX = /^(css|sc|jsx|emotion|svelte|astro|tw|jss|makeStyles|styled|e[0-9a-z]{4,})-/i;
/** CSS modules: `Button_root__3xYz1`, `styles-module__title___a1b2c`. */
const CSS_MODULE_SUFFIX = /_{1,3}[A-Za-z0-9-]{5,}$/;

function hasDigit(s: string): boolean {
  return /[0-9]/.test(s);
}

function hasLetter(s: string): boolean {
  return /[A-Za-z]/.test(s);
}

/** A piece that mixes letters and digits like a hash does (`a1b2c`, `3xYz1`), not `h2` or `v8`. */
function isHashyPiece(piece: string): boolean {
  if (piece.length < 4) return false;
  if (hasDigit(piece) && hasLetter(piece)) {
    // word + short number suffix (`col12`, `item3`, `Heading2`) reads as a name; a mixed-case or
    // vowelless stem (`ohpDS6`, `lBXQq0`, `qvwsm7`: styled-components' second class) does not
    const stem = /^([A-Za-z]{3,})[0-9]{1,2}$/.exec(piece)?.[1];
    if (stem) return !/^[A-Z]?[a-z]+$/.test(stem) || !/[aeiouy]/i.test(stem);
    return true;
  }
  // no vowel at all in 5+ letters (`xkcdq`), or alternating case noise (`bdVaJa`, `kXQpH`)
  if (/^[A-Za-z]{5,}$/.test(piece) && !/[aeiouy]/i.test(piece)) return true;
  const camel = piece.split(/(?=[A-Z])/);
  if (camel.length >= 3 && camel.filter((p) => p.length <= 2).length >= 2) return true;
  return false;
}

/** True for class names made by a build (CSS modules, CSS-in-JS, hashes): they change on redeploy. */
export function isHashedClass(name: string): boolean {
  if (HASHED_CLASS_PREFIX.test(name) && (hasDigit(name) || /^(sc|jsx|css|emotion|svelte)-/i.test(name))) return true;
  if (/__/.test(name) && CSS_MODULE_SUFFIX.test(name) && hasDigit(name.slice(name.lastIndexOf('_')))) return true;
  if (/^_[A-Za-z0-9]{4,}$/.test(name) && hasDigit(name)) return true;
  if (/[0-9]{4,}/.test(name)) return true;
  return name.split(/[-_]+/).some(isHashyPiece);
}

/**
 * The part of a CSS-modules class a rebuild keeps: `Card_price__` of `Card_price__77aQw`
 * (`[class*="Card_price__"]` still names the component after the hash changes). Undefined for
 * other classes.
 */
export function cssModuleStem(name: string): string | undefined {
  const m = /^([A-Za-z][\w-]*?[A-Za-z0-9]_{2,3})([A-Za-z0-9-]{5,})$/.exec(name);
  return m && hasDigit(m[2]!) && isHashedClass(name) ? m[1] : undefined;
}

/** True for class names describing a state (`is-open`, `active`, `menu--expanded`, `ng-touched`). */
export function isStatefulClass(name: string): boolean {
  const lower = name.toLowerCase();
  if (/^(is|has|was|not)-/.test(lower) || /^(is|has)[A-Z]/.test(name)) return true;
  if (/^ng-/.test(lower) || /^v-(enter|leave)/.test(lower)) return true;
  if (STATEFUL_WORDS.has(lower)) return true;
  const modifier = /(?:--|__|_|-)([a-z-]+)$/.exec(lower);
  return !!modifier && STATEFUL_WORDS.has(modifier[1]!);
}

/**
 * True for class names worth using in a selector: word-like, neither hashed nor stateful, and
 * plain (utility classes such as `md:flex` or `w-1/2` describe looks, not identity).
 */
export function isStableClass(name: string): boolean {
  if (name.length < 2 || name.length > 60) return false;
  if (!/^-?[A-Za-z_][A-Za-z0-9_-]*$/.test(name)) return false;
  return !isHashedClass(name) && !isStatefulClass(name);
}

/** Frameworks' generated ids: React `:r1:`, Ember `ember123`, YUI, ExtJS, MUI, Radix, uuids. */
const GENERATED_ID = [
  /:[A-Za-z0-9]+:/,
  /^(ember|ext-gen|ext-comp|yui|gen|uid|mui-|radix-|headlessui-|react-|rc-|downshift-|vs|aria-|id-|el-)[0-9_:-]/i,
  /^[0-9]/,
  /[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}/i,
  /[0-9]{3,}/,
];

/** True for ids that look generated at build or run time: they change between deploys or loads. */
export function isGeneratedId(id: string): boolean {
  if (id.length === 0 || id.length > 64) return true;
  if (/\s/.test(id)) return true;
  if (GENERATED_ID.some((pattern) => pattern.test(id))) return true;
  return id.split(/[-_.:]+/).some(isHashyPiece);
}

/** True for attribute values that look like run-time data (long numbers, hashes, uuids). */
export function isGeneratedValue(value: string): boolean {
  if (value.length === 0 || value.length > 120) return true;
  if (/[0-9]{5,}/.test(value)) return true;
  if (/[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}/i.test(value)) return true;
  return value.split(/[^A-Za-z0-9]+/).some((piece) => piece.length >= 8 && isHashyPiece(piece));
}

/** `data-*` attributes added by frameworks and tools, never meaningful for identity. */
const NOISE_DATA_ATTRIBUTE = /^data-(v-|reactid|react|styled|emotion|s-|sveltekit|astro|testing|turbo|ved|ga|gtm|lazy|src|srcset|original|ll-|was-|aos|wow|rel|view|component-id)/;
/**
 * `data-*` attributes that say where an element sits, not what it is (`data-rowindex="3"`,
 * `data-index`, `data-position`): a reordered or refreshed list gives the position to another record.
 */
const POSITIONAL_DATA_ATTRIBUTE = /^data-(row-?index|col-?index|colindex|index|idx|position|pos|row|col|rank|nth|offset|slot-index|item-index)$/;

/** True for a `data-*` attribute that may carry a meaningful, stable value (`data-action="share"`). */
export function isMeaningfulDataAttribute(name: string, value: string): boolean {
  if (!name.startsWith('data-') || NOISE_DATA_ATTRIBUTE.test(name) || POSITIONAL_DATA_ATTRIBUTE.test(name)) return false;
  if (value.length === 0 || value.length > 60) return false;
  if (/[{}[\]<>]/.test(value)) return false;
  return !isGeneratedValue(value);
}

/**
 * The stable part of a link: the path (and query) without tracking parameters or fragments
 * that are session- or load-specific. Returns undefined for links not worth using.
 */
/** Query parameters for tracking, sessions and cache busting: they differ between loads. */
const VOLATILE_PARAM = /^(utm_.*|mc_.*|_ga.*|fbclid|gclid|ref|src|source|cmp|ncid|ito|intcmp|sid|session.*|token|ts|t|cb|v|nid|wt\..*)$/i;

export function stableHref(href: string): { value: string; exact: boolean } | undefined {
  if (href.length === 0 || href.length > 300) return undefined;
  if (/^(javascript|data|blob):/i.test(href) || href === '#') return undefined;
  const q = href.indexOf('?');
  const path = q < 0 ? href : href.slice(0, q);
  // content ids in paths (`/story-475987594`) are stable; cache busters and session ids are not
  if (/[0-9a-f]{20,}|;jsessionid=/i.test(path)) return undefined;
  if (q < 0) return { value: href, exact: true };
  const pairs = href.slice(q + 1).split(/[&#]/);
  const volatile = pairs.some((pair) => {
    const [name = '', value = ''] = pair.split('=');
    return VOLATILE_PARAM.test(name) || (value !== '' && isGeneratedValue(value));
  });
  if (!volatile) return { value: href, exact: true };
  return path.length > 1 ? { value: href.slice(0, q + 1), exact: false } : undefined;
}
