/**
 * The linear page-rule matcher (lib/core/patterns.ts): the same answers as JavaScript's
 * RegExp on every pattern it accepts (differential, over seeded random inputs drawn from
 * each pattern's own alphabet), the patterns that froze tabs (issue 11) accepted and answered
 * on long inputs without backtracking, and what is not regular refused with a reason. The
 * strict parser, the editor and the runtime agree on every rule (they share the compiler).
 */
import { describe, expect, it } from 'vitest';
import { compilePattern, globSource, MAX_PATTERN_STATES } from '../../../lib/core/patterns';
import { compilePageRule } from '../../../lib/core/page-rules';
import { MAX_VALUE_LENGTH, parseConfig } from '../../../lib/config';
import { normalizeConfig } from '../../../lib/core';
import { testPageRule } from '../../../lib/picker/page-rules';
import { rngFor } from '../../../bench/app-corpus/random';

const PATTERNS = [
  '^https://shop\\.example/p/\\d+$',
  '/products/.*/reviews',
  'utm_(source|medium)=[a-z]+',
  '^https?://[^/]+/(en|de)(/|$)',
  '(a+)+$',
  '((a+))+$',
  '(a|a)+$',
  '(a|aa)*b',
  'a*a*a*a*a*b',
  '(x*)*y',
  '^(\\w+\\s?)*$',
  '(.*a){5}',
  'a{2,4}b{0,}c?',
  'a{3}',
  '[^a-c]+d',
  '[\\d.-]+x',
  '[]a',
  '[^]b',
  '\\x41\\u0042',
  '(?:ab|cd)+e',
  '(?<id>\\d+)-x',
  'a+?b*?c??',
  '',
  '|a',
  'a|',
  '\\.\\*\\+\\?\\(\\)\\[\\]\\{\\}\\|\\^\\$\\/',
  'x{',
  'x}',
  'a{1,}b',
  '^$',
  '\\S\\W\\D',
  '\\t\\n\\r\\f\\v\\0',
  '[\\b]',
  '.',
];

describe('compilePattern agrees with RegExp', () => {
  it.each(PATTERNS)('%j', (source) => {
    const native = new RegExp(source);
    const compiled = compilePattern(source);
    expect(compiled.ok, compiled.ok ? '' : compiled.reason).toBe(true);
    if (!compiled.ok) return;
    const rng = rngFor(`pattern:${source}`);
    // The pattern's own characters, plus a few others, make matches likely and misses too.
    const alphabet = [...new Set([...source.replace(/[\\^$()[\]{}|*+?]/g, ''), 'a', 'b', '/', ' ', '1', '\n', 'é'])];
    for (let n = 0; n < 300; n++) {
      const length = Math.floor(rng() * 14);
      let input = '';
      for (let k = 0; k < length; k++) input += alphabet[Math.floor(rng() * alphabet.length)];
      expect(compiled.test(input), `${source} on ${JSON.stringify(input)}`).toBe(native.test(input));
    }
  });
});

describe('patterns that backtrack for ever in RegExp', () => {
  const long = 'a'.repeat(50_000) + '!';
  it.each([
    ['(a+)+$', long, false],
    ['((a+))+$', long, false],
    ['(a|a)+$', long, false],
    ['a*a*a*a*a*b', long, false],
    ['(x*)*y', 'x'.repeat(50_000), false],
    ['^(\\w+\\s?)*$', 'word '.repeat(10_000) + '!', false],
    ['/products/.*/reviews', `https://shop.example/products/1?${'q=x&'.repeat(50_000)}`, false],
    ['/products/.*/reviews', `https://shop.example/products/1/reviews?${'q=x&'.repeat(50_000)}`, true],
  ])('%j on a long input answers %s', (source, input, expected) => {
    const compiled = compilePattern(source);
    expect(compiled.ok && compiled.test(input)).toBe(expected);
  });

  it('globs with many ** compile to the same linear matcher', () => {
    const rule = compilePageRule({ match: 'glob', value: '/**a**a**a**b' }, MAX_VALUE_LENGTH)!;
    expect(rule({ href: '', pathname: '/' + 'a'.repeat(100_000) })).toBe(false);
    expect(rule({ href: '', pathname: '/xaya/za/b' })).toBe(true);
  });
});

describe('what is not regular is refused, with the reason', () => {
  it.each([
    ['(a)\\1', /backreference/],
    ['(?<n>a)\\k<n>', /backreference/],
    ['a(?=b)', /lookahead/],
    ['(?<=a)b', /lookahead and lookbehind/],
    ['(?!a)', /lookahead/],
    ['\\bword', /word boundar/],
    ['\\p{L}', /not supported/],
    ['(', /not closed/],
    ['a)', /unmatched/],
    ['[a', /not closed/],
    ['[z-a]', /out of order/],
    ['*a', /nothing to repeat/],
    ['a**', /nothing to repeat/],
    ['a{2}{3}', /nothing to repeat/],
    ['a{5,2}', /out of order/],
    ['a{1001}', /at most 1000/],
    ['(a{1000}){1000}', /too large/],
    ['\\x4', /hex digits/],
    ['\\q', /unknown escape/],
    ['a\\', /backslash/],
  ])('%j', (source, why) => {
    const compiled = compilePattern(source);
    expect(compiled.ok).toBe(false);
    if (!compiled.ok) expect(compiled.reason).toMatch(why);
  });

  it('never lets a pattern grow past its state bound', () => {
    const compiled = compilePattern(`(${'a?'.repeat(100)}){100}`);
    expect(compiled.ok || compiled.reason).toMatch(String(MAX_PATTERN_STATES));
  });
});

describe('one verdict for the strict parser, the editor and the runtime', () => {
  const RULES = [
    ...PATTERNS.filter(Boolean).map((value) => ({ match: 'regex', value })),
    ...['(a)\\1', 'a(?=b)', '\\bx', '(', '[z-a]', 'a{1001}'].map((value) => ({ match: 'regex', value })),
    ...['/p/*', '/**a**a**a**b', 'https://shop.example/**', '/a?c', '/[x]/(y)'].map((value) => ({ match: 'glob', value })),
  ];
  it.each(RULES)('%j', (rule) => {
    const config = { version: 1, site: 'shop', revision: 1, tags: [{ id: 'v', event: 'Viewed', trigger: 'pageview', pages: [rule] }] };
    const strict = parseConfig(config);
    const loose = normalizeConfig(config);
    const runs = loose.ok && loose.tags.length === 1;
    expect(strict.ok).toBe(runs);
    const editor = testPageRule(rule as never, 'https://shop.example/p/1');
    expect(editor.ok).toBe(runs);
    if (!strict.ok) expect(strict.errors[0]!.message).toMatch(/linear time|not a valid regular expression|cannot/);
  });

  it('globSource escapes everything but the wildcards', () => {
    expect(globSource('/a.b/*/**?')).toBe('^/a\\.b/[^/]*/.*.$');
  });
});
