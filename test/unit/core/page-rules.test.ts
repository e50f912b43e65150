import { describe, expect, it } from 'vitest';
import { compilePageRule } from '../../../lib/core/page-rules';

const URL_ = new URL('https://shop.example/products/lamp-1?ref=home#reviews');

describe('page rules', () => {
  it.each([
    ['exact', 'https://shop.example/products/lamp-1?ref=home', true],
    ['exact', 'https://shop.example/products/lamp-1?ref=home#reviews', true],
    ['exact', 'https://shop.example/products/lamp-1?ref=home#specs', false],
    ['exact', 'https://shop.example/products/lamp-1?ref=home#rev', false],
    ['exact', 'https://shop.example/products/lamp-1?ref=hom', false],
    ['exact', 'https://shop.example/products/lamp-1', false],
    ['path-exact', '/products/lamp-1', true],
    ['path-exact', '/products/lamp-1/', true],
    ['path-exact', '/products', false],
    ['path-prefix', '/products/', true],
    ['path-prefix', '/cart', false],
    ['contains', 'ref=home', true],
    ['contains', 'ref=mail', false],
    ['glob', '/products/*', true],
    ['glob', '/*', false],
    ['glob', '/**', true],
    ['glob', '/products/lamp-?', true],
    ['glob', 'https://shop.example/**', true],
    ['glob', '/products/*.html', false],
    ['regex', '^https://shop\\.example/products/[a-z]+-\\d+', true],
    ['regex', 'checkout', false],
  ] as const)('%s %s -> %s', (match, value, expected) => {
    expect(compilePageRule({ match, value }, 2000)!(URL_)).toBe(expected);
  });

  it.each([
    [{ match: 'regex', value: '([a-z' }],
    [{ match: 'regex', value: '(a)\\1' }],
    [{ match: 'regex', value: 'a(?!b)' }],
    [{ match: 'nope', value: '/x' }],
    [{ match: 'exact', value: '' }],
    [{ match: 'exact', value: 'x'.repeat(3000) }],
    [{ match: 'exact' }],
    [null],
    ['path-prefix'],
  ])('rejects %j', (rule) => {
    expect(compilePageRule(rule, 2000)).toBeUndefined();
  });
});
