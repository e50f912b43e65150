/**
 * Page rules, compiled once per config and evaluated once per page view (not per click).
 *
 * - `exact`: the URL equals the value; its hash counts only when the value has one.
 * - `path-exact`: the path equals the value; a trailing slash is ignored on both sides.
 * - `path-prefix`: the path starts with the value.
 * - `contains`: the full URL contains the value.
 * - `glob`: `*` is any run of characters but `/`, `**` any run at all, `?` one character;
 *   matched against the whole path when the value starts with `/`, else the whole URL.
 * - `regex`: a regular expression (JavaScript syntax, its regular part) tested against the
 *   full URL.
 *
 * Globs and regexes run on patterns.ts's matcher, in time linear in the URL whatever the
 * pattern (no backtracking), so no rule can freeze the page, the side panel or the preview.
 */
import { coreExtras, lacking, LEAN } from './lean';
import { compilePattern, globSource, type PatternResult } from './patterns';

/** The parts of a URL a rule reads. */
export interface PageUrl {
  href: string;
  pathname: string;
}

/** A compiled rule: true when it lets a tag fire on the page. */
export type PageTest = (url: PageUrl) => boolean;

const trimSlash = (path: string) => path.replace(/(.)\/$/, '$1');

/** The pattern of a glob or regex rule, by the linear matcher (patterns.ts), else undefined. */
export function patternOfRule(match: unknown, value: string): PatternResult | undefined {
  return match === 'glob' ? compilePattern(globSource(value)) : match === 'regex' ? compilePattern(value) : undefined;
}

/**
 * The pattern a glob or regex rule compiles to (the reason when refused), else undefined.
 * tagpoint.js is built without the matcher and the glob translation: it uses patternOfRule
 * from tagpoint-extras.js, loaded before a config with such rules is taken into use (lean.ts).
 * Until then such a rule does not compile, and the reading is marked as lacking the extras.
 */
export function rulePattern(match: unknown, value: string): PatternResult | undefined {
  if (!LEAN) return patternOfRule(match, value);
  // No reason in tagpoint.js, which has no messages.
  return match === 'glob' || match === 'regex' ? (coreExtras()?.patternOfRule(match, value) ?? ((lacking.extras = true), { ok: false, reason: '' })) : undefined;
}

/**
 * Why a glob or regex rule is refused, in words, or undefined when it compiles (or is not a
 * pattern): a syntax error as the browser words it, else what the linear matcher cannot do.
 * The strict parser and the editor both say this (RegExp only words the error: it never
 * runs a rule).
 */
export function patternProblem(match: unknown, value: string): string | undefined {
  const pattern = rulePattern(match, value);
  if (!pattern || pattern.ok) return undefined;
  try {
    if (match === 'regex') new RegExp(value);
  } catch (error) {
    return `not a valid regular expression: ${error instanceof Error ? error.message : String(error)}`;
  }
  return `a ${String(match)} the runtime cannot match in linear time: ${pattern.reason}`;
}

/**
 * Compiles one rule; undefined when it is malformed (unknown `match`, empty or over-long
 * value, a pattern the matcher refuses).
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
  }
  const pattern = rulePattern(match, value);
  if (!pattern?.ok) return undefined;
  const path = match === 'glob' && value[0] === '/';
  return (u) => pattern.test(path ? u.pathname : u.href);
}
