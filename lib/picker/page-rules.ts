import { MAX_VALUE_LENGTH, PAGE_MATCHES } from '../config/limits';
import type { PageRule } from '../config/types';
import { compilePageRule, patternProblem } from '../core/page-rules';

/**
 * Page rules as the editor offers them. Matching is the runtime's own (compilePageRule in
 * lib/core/page-rules.ts, with the same length limit), so the live test shows exactly the
 * pages a tag will fire on; this file only adds the scopes offered and the words explaining
 * why a rule the runtime refuses is refused.
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
    // Not a URL: rules are made for the root path.
    return '/';
  }
}

/** The live test of one rule against a URL: matches, or an error in the rule. */
export type RuleTest = { ok: true; matches: boolean } | { ok: false; error: string };

/** Tests one page rule against `url` (the editor's live test), as the runtime would. */
export function testPageRule(rule: PageRule, url: string): RuleTest {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { ok: false, error: 'the page URL is not valid' };
  }
  const test = compilePageRule(rule, MAX_VALUE_LENGTH);
  return test ? { ok: true, matches: test(u) } : { ok: false, error: ruleError(rule) };
}

/** Why the runtime refuses a rule, in the editor's words. */
function ruleError({ match, value }: PageRule): string {
  if (!value) return 'the value is empty';
  if (value.length > MAX_VALUE_LENGTH) return `the value is longer than ${MAX_VALUE_LENGTH} characters`;
  if (!(PAGE_MATCHES as readonly string[]).includes(match)) return `unknown match "${String(match)}"`;
  const problem = patternProblem(match, value);
  if (problem) return problem;
  return 'the runtime cannot use this rule';
}

/** True when a tag with these rules may fire on `url` (no rules: every page). */
export function isOnPage(rules: readonly PageRule[] | undefined, url: string): boolean {
  if (!rules || rules.length === 0) return true;
  return rules.some((rule) => {
    const result = testPageRule(rule, url);
    return result.ok && result.matches;
  });
}
