import { describe, expect, it } from 'vitest';
import { defaultPageRules, isOnPage, parentFolder, rulesForScope, testPageRule } from '../../../lib/picker/page-rules';
import type { PageRule } from '../../../lib/config/types';

const URL_ = 'https://shop.example/products/shoes/42?color=blue#reviews';

describe('testPageRule', () => {
  it.each<[PageRule, boolean | string]>([
    [{ match: 'exact', value: 'https://shop.example/products/shoes/42?color=blue' }, true],
    [{ match: 'exact', value: URL_ }, true],
    [{ match: 'exact', value: 'https://shop.example/products/shoes/42' }, false],
    [{ match: 'path-exact', value: '/products/shoes/42' }, true],
    [{ match: 'path-exact', value: '/products/shoes/42/' }, true],
    [{ match: 'path-exact', value: '/products/shoes' }, false],
    [{ match: 'path-prefix', value: '/products/' }, true],
    [{ match: 'path-prefix', value: '/cart' }, false],
    [{ match: 'contains', value: 'color=blue' }, true],
    [{ match: 'glob', value: '/products/*/42' }, true],
    [{ match: 'glob', value: '/products/*' }, false],
    [{ match: 'glob', value: '/products/**' }, true],
    [{ match: 'glob', value: 'https://shop.example/**' }, true],
    [{ match: 'regex', value: '/shoes/\\d+' }, true],
    [{ match: 'regex', value: '^https://other' }, false],
    [{ match: 'regex', value: '(' }, 'not a valid regular expression'],
    [{ match: 'regex', value: '(a+)+$' }, false],
    [{ match: 'regex', value: '(a)\\1' }, 'linear time: backreferences'],
    [{ match: 'path-exact', value: '' }, 'empty'],
  ])('%j → %s', (rule, expected) => {
    const result = testPageRule(rule, URL_);
    if (typeof expected === 'boolean') expect(result).toEqual({ ok: true, matches: expected });
    else expect(result.ok ? 'ok' : result.error).toContain(expected);
  });
});

describe('scopes', () => {
  it.each([
    ['/products/shoes/42', '/products/shoes/'],
    ['/products/shoes/', '/products/'],
    ['/products', '/'],
    ['/', '/'],
  ])('parentFolder(%s) = %s', (path, parent) => expect(parentFolder(path)).toBe(parent));

  it('starts with this path, widens to a prefix, then to the whole site', () => {
    expect(defaultPageRules(URL_)).toEqual([{ match: 'path-exact', value: '/products/shoes/42' }]);
    expect(rulesForScope(URL_, 'prefix')).toEqual([{ match: 'path-prefix', value: '/products/shoes/' }]);
    expect(rulesForScope(URL_, 'whole-site')).toEqual([]);
  });

  it('lets any rule match, and no rule means every page', () => {
    expect(isOnPage(undefined, URL_)).toBe(true);
    expect(isOnPage([], URL_)).toBe(true);
    expect(isOnPage([{ match: 'path-prefix', value: '/cart' }, { match: 'contains', value: 'shoes' }], URL_)).toBe(true);
    expect(isOnPage([{ match: 'path-prefix', value: '/cart' }], URL_)).toBe(false);
    expect(isOnPage([{ match: 'regex', value: '(' }], URL_)).toBe(false);
  });
});
