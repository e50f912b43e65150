import { describe, expect, it } from 'vitest';
import { checkEventName, editDistance, isTitleCaseName, nameKey, suggestEventName, toTitleCase } from '../../../lib/picker/naming';

describe('toTitleCase', () => {
  it.each([
    ['product added', 'Product Added'],
    ['product_added', 'Product Added'],
    ['productAdded', 'Product Added'],
    ['add to cart clicked', 'Add to Cart Clicked'],
    ['  SIGNED   UP ', 'Signed Up'],
    ['of mice and men', 'Of Mice and Men'],
  ])('%s → %s', (input, expected) => expect(toTitleCase(input)).toBe(expected));
});

describe('suggestEventName', () => {
  it.each([
    ['Add to cart', {}, 'Cart Added'],
    ['Add to cart', { object: 'product' }, 'Product Added'],
    ['Subscribe to newsletter', {}, 'Newsletter Subscribed'],
    ['Download the report', {}, 'Report Downloaded'],
    ['Sign in', {}, 'Sign in Clicked'], // only a small word after the verb: no object
    ['Pricing', {}, 'Pricing Clicked'],
    ['Pricing', { trigger: 'visible' }, 'Pricing Viewed'],
    ['', { trigger: 'submit' }, 'Form Submitted'],
    ['', {}, 'Element Clicked'],
    ['★ Checkout ★', {}, 'Checkout Clicked'],
  ])('%s %j → %s', (label, options, expected) => expect(suggestEventName(label, options)).toBe(expected));
});

describe('event name checks', () => {
  const existing = ['Product Added', 'Checkout Started', 'Signed Up'];

  it.each([
    ['Product Added', ['duplicate']],
    ['product_added', ['near-duplicate', 'style']],
    ['Product Addded', ['near-duplicate']],
    ['Products Added', ['near-duplicate']],
    ['Order Completed', []],
    ['clicked', ['style']],
    ['', []],
  ])('%s → %j', (name, kinds) => expect(checkEventName(name, existing).map((w) => w.kind)).toEqual(kinds));

  it('names the colliding event', () => {
    expect(checkEventName('product-added', existing)[0]?.other).toBe('Product Added');
  });

  it('has the helpers behave', () => {
    expect(nameKey('Product_Added!')).toBe('productadded');
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('abc', 'abcdefgh', 2)).toBe(3);
    expect(isTitleCaseName('Product Added')).toBe(true);
    expect(isTitleCaseName('Product added')).toBe(false);
    expect(isTitleCaseName('Product')).toBe(false);
  });
});
