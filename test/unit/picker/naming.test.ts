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
    ['Add to cart', {}, 'Product Added'],
    ['Add to Bag', {}, 'Product Added'],
    ['Save to wishlist', {}, 'Product Added to Wishlist'],
    ['Proceed to checkout', {}, 'Checkout Started'],
    ['Place order', {}, 'Order Completed'],
    ['Create account', { trigger: 'submit' }, 'Signed Up'],
    ['Log in', {}, 'Signed In'],
    ['Start free trial', {}, 'Trial Started'],
    ['Request a demo', {}, 'Demo Requested'],
    ['Scientists find water on Mars', { tag: 'a' }, 'Link Clicked'],
    ['Read the full story of the year', { tag: 'a' }, 'Full Story Read'],
    ['Add to cart', { object: 'product' }, 'Product Added'],
    ['Subscribe to newsletter', {}, 'Newsletter Subscribed'],
    ['Download the report', {}, 'Report Downloaded'],
    ['Sign in', {}, 'Signed In'],
    ['Sign in to comment', {}, 'Sign in to Comment Clicked'], // only small words and a verb after the verb
    ['Pricing', {}, 'Pricing Clicked'],
    ['Pricing', { trigger: 'visible' }, 'Pricing Viewed'],
    ['', { trigger: 'submit' }, 'Form Submitted'],
    ['', {}, 'Element Clicked'],
    ['★ Checkout ★', {}, 'Checkout Started'],
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
