import { describe, expect, it } from 'vitest';
import { isGeneratedId, isHashedClass, isStableClass, isStatefulClass, stableHref } from '../../../lib/selector';
import { isMeaningfulDataAttribute } from '../../../lib/selector/signals';

describe('isHashedClass', () => {
  it.each([
    ['css-1q2w3e', true],
    ['sc-kEYyzF', true],
    ['jsx-2873465', true],
    ['ProductCard_card__x7Yq2', true],
    ['styles-module__title___a1b2c', true],
    ['_3xYz1', true],
    ['e1x2y3z40', true],
    ['bdVaJa', true],
    ['xkcdq', true],
    // styled-components' second class: a mixed-case or vowelless stem with a digit
    ['ohpDS6', true],
    ['lBXQq0', true],
    ['qvwsm7', true],
    ['Heading2', false],
    ['col12', false],
    ['btn', false],
    ['nav-item', false],
    ['product-card__title', false],
    ['col-md-4', false],
    ['h2', false],
    ['item3', false],
    ['ProductCard', false],
    ['js-share-button', false],
  ])('%s → %s', (name, hashed) => {
    expect(isHashedClass(name)).toBe(hashed);
  });
});

describe('isStatefulClass', () => {
  it.each([
    ['is-open', true],
    ['has-dropdown', true],
    ['isActive', true],
    ['active', true],
    ['Selected', true],
    ['menu--expanded', true],
    ['tab_active', true],
    ['ng-touched', true],
    ['lazyloaded', true],
    ['menu', false],
    ['button-primary', false],
    ['openings', false],
    ['activity-feed', false],
  ])('%s → %s', (name, stateful) => {
    expect(isStatefulClass(name)).toBe(stateful);
  });
});

describe('isStableClass', () => {
  it.each([
    ['card', true],
    ['site-header', true],
    ['md:flex', false],
    ['w-1/2', false],
    ['css-8hj2k1', false],
    ['is-hidden', false],
    ['x', false],
  ])('%s → %s', (name, stable) => {
    expect(isStableClass(name)).toBe(stable);
  });
});

describe('isGeneratedId', () => {
  it.each([
    [':r1:', true],
    ['ember123', true],
    ['yui_3_5_1_1_1234', true],
    ['ext-gen42', true],
    ['mui-7', true],
    ['radix-:r3:', true],
    ['8f14e45f-ceea-467f-a0e6-3d2c1f1a9e2b', true],
    ['post-12345', true],
    ['a9x8k2', true],
    ['1col', true],
    ['main', false],
    ['site-header', false],
    ['section-2', false],
    ['searchForm', false],
    ['nl-email', false],
  ])('%s → %s', (id, generated) => {
    expect(isGeneratedId(id)).toBe(generated);
  });
});

describe('stableHref', () => {
  it.each([
    ['/products/sku-1', { value: '/products/sku-1', exact: true }],
    ['/story?utm_source=x&utm_medium=y', { value: '/story?', exact: false }],
    ['/search?q=shoes', { value: '/search?q=shoes', exact: true }],
    ['/p?sid=8f14e45fceea467fa0e6', { value: '/p?', exact: false }],
    ['javascript:void(0)', undefined],
    ['#', undefined],
  ])('%s', (href, expected) => {
    expect(stableHref(href)).toEqual(expected);
  });
});

describe('isMeaningfulDataAttribute', () => {
  it.each([
    ['data-action', 'share', true],
    ['data-plan', 'business', true],
    // where an element sits is not what it is: a reorder gives the position to another record
    ['data-rowindex', '3', false],
    ['data-row-index', '3', false],
    ['data-index', '0', false],
    ['data-position', '2', false],
  ])('%s=%s → %s', (name, value, meaningful) => {
    expect(isMeaningfulDataAttribute(name, value)).toBe(meaningful);
  });
});
