/**
 * Page rules, compiled once per config and evaluated once per page view (not per click).
 *
 * - `exact`: the URL equals the value; its hash counts only when the value has one.
 * - `path-exact`: the path equals the value; a trailing slash is ignored on both sides.
 * - `path-prefix`: the path starts with the value.
 * - `contains`: the full URL contains the value.
 * - `glob`: `*` is any run of characters but `/`, `**` any run at all, `?` one character;
 *   matched against the whole path when the value starts with `/`, else the whole URL.
 * - `regex`: a JavaScript regular expression tested against the full URL. Patterns with a
 *   quantified group that itself holds a quantifier (`(a+)+`) are refused, as they can
 *   take exponential time.
 */

/** The parts of a URL a rule reads. */
export interface PageUrl {
  href: string;
  pathname: string;
}

/** A compiled rule: true when it lets a tag fire on the page. */
export type PageTest = (url: PageUrl) => boolean;

const UNSAFE_REGEX = /\([^()]*[+*}][^()]*\)\s*[+*{]/;

const trimSlash = (path: string) => path.replace(/(.)\/$/, '$1');

function globToRegExp(glob: string): RegExp {
  const out = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*\*|\*|\?/g, (m) => (m === '?' ? '.' : m === '*' ? '[^/]*' : '.*'));
  return new RegExp(`^${out}$`);
}

/**
 * Compiles one rule; undefined when it is malformed (unknown `match`, empty or over-long
 * value, invalid or unsafe regex).
 */
export function compilePageRule(rule: unknown, maxLength: number): PageTest | undefined {
  const { match, value } = Object(rule) as { match?: unknown; value?: unknown };
  if (typeof value !== 'string' || !value || value.length > maxLength) return undefined;
  switch (match) {
    case 'exact':
      // 'X' matches X and X#any; 'X#h' matches X#h only.
      return (u) => (u.href + '#').startsWith(value + '#');
    case 'path-exact': {
      const want = trimSlash(value);
      return (u) => trimSlash(u.pathname) === want;
    }
    case 'path-prefix':
      return (u) => u.pathname.startsWith(value);
    case 'contains':
      return (u) => u.href.includes(value);
    case 'glob': {
      const re = globToRegExp(value);
      return (u) => re.test(value[0] === '/' ? u.pathname : u.href);
    }
    case 'regex':
      if (!UNSAFE_REGEX.test(value)) {
        try {
          const re = new RegExp(value);
          return (u) => re.test(u.href);
        } catch {
          // Not a valid pattern: the rule is refused like any malformed one.
        }
      }
  }
  return undefined;
}
