import type { PageRule } from '../config/types';

/**
 * Page rules as the editor offers them. Matching follows the runtime's documented
 * semantics (lib/runtime/page-rules.ts): path-exact ignores a trailing slash; glob `*` is
 * any run but `/`, `**` any run, against the path when the value starts with `/`, else
 * the whole URL; regex against the full URL.
 */

/** The rule a new tag starts with: this path only. */
export function defaultPageRules(url: string): PageRule[] {
  return [{ match: 'path-exact', value: pathOf(url) }];
}

/** Widening steps offered in the editor, narrowest first. */
export type PageScope = 'this-path' | 'prefix' | 'whole-site';

/** The rules for a scope: this path, the path's parent folder as a prefix, or none (whole site). */
export function rulesForScope(url: string, scope: PageScope): PageRule[] {
  const path = pathOf(url);
  if (scope === 'this-path') return [{ match: 'path-exact', value: path }];
  if (scope === 'prefix') return [{ match: 'path-prefix', value: parentFolder(path) }];
  return [];
}

/** `/products/shoes/42` → `/products/shoes/`; `/` stays `/`. */
export function parentFolder(path: string): string {
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  const cut = trimmed.lastIndexOf('/');
  return cut <= 0 ? '/' : trimmed.slice(0, cut + 1);
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname || '/';
  } catch {
    return '/';
  }
}

function trimSlash(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        out += '.*';
        i++;
      } else out += '[^/]*';
    } else if (c === '?') out += '.';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

// A quantified group that itself holds a quantifier ((a+)+) can take exponential time.
const UNSAFE_REGEX = /\([^()]*[+*}][^()]*\)\s*[+*{]/;

/** The live test of one rule against a URL: matches, or an error in the rule. */
export type RuleTest = { ok: true; matches: boolean } | { ok: false; error: string };

/** Tests one page rule against `url` (the editor's live test). */
export function testPageRule(rule: PageRule, url: string): RuleTest {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { ok: false, error: 'the page URL is not valid' };
  }
  const { match, value } = rule;
  if (!value) return { ok: false, error: 'the value is empty' };
  const href = u.href;
  switch (match) {
    case 'exact':
      return { ok: true, matches: href === value || href.slice(0, href.length - u.hash.length) === value };
    case 'path-exact':
      return { ok: true, matches: trimSlash(u.pathname) === trimSlash(value) };
    case 'path-prefix':
      return { ok: true, matches: u.pathname.startsWith(value) };
    case 'contains':
      return { ok: true, matches: href.includes(value) };
    case 'glob': {
      const re = globToRegExp(value);
      return { ok: true, matches: re.test(value.startsWith('/') ? u.pathname : href) };
    }
    case 'regex': {
      if (UNSAFE_REGEX.test(value)) return { ok: false, error: 'this pattern can take exponential time (a repeated group holding a repeat); simplify it' };
      try {
        return { ok: true, matches: new RegExp(value).test(href) };
      } catch (error) {
        return { ok: false, error: `not a valid regular expression: ${(error as Error).message}` };
      }
    }
    default:
      return { ok: false, error: `unknown match "${String(match)}"` };
  }
}

/** True when a tag with these rules may fire on `url` (no rules: every page). */
export function isOnPage(rules: readonly PageRule[] | undefined, url: string): boolean {
  if (!rules || rules.length === 0) return true;
  return rules.some((rule) => {
    const result = testPageRule(rule, url);
    return result.ok && result.matches;
  });
}
