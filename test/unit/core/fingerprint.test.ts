import { beforeEach, describe, expect, it } from 'vitest';
import type { Fingerprint } from '../../../lib/config/types';
import { fingerprintAgrees, fingerprintScore } from '../../../lib/core/fingerprint';

const LONG = 'A very long product description that goes on well past the sixty-four characters kept';

describe('fingerprintAgrees', () => {
  beforeEach(() => {
    document.body.innerHTML = `
      <button id="b1" class="add" data-testid="add" type="button">Add to cart</button>
      <button id="b2" class="add" data-testid="add-2" type="button">3 comments</button>
      <a id="a1" href="/p/1" class="name">${LONG} 12345</a>
      <a id="a2" href="/p/2">Linen Shirt $69.50 Add to cart ♡ Canvas Tote $35.99 Add to cart and more</a>
      <input id="i1" name="q" value="x">`;
  });
  it.each<[string, Fingerprint, boolean]>([
    ['b1', { tag: 'button', text: 'Add to cart' }, true],
    // Case, spacing and numbers are not facts.
    ['b1', { tag: 'button', text: '  add to CART ' }, true],
    ['b2', { tag: 'button', text: '4 Comments' }, true],
    ['b1', { tag: 'button', text: 'Remove' }, false],
    ['b1', { tag: 'a', text: 'Add to cart' }, false],
    ['b1', { tag: 'button', attributes: { class: 'add', 'data-testid': 'add' } }, true],
    // One fact may differ while two others agree (a toggled label, a changed class)...
    ['b1', { tag: 'button', attributes: { class: 'add', 'data-testid': 'other' }, text: 'Add to cart' }, true],
    ['b1', { tag: 'button', text: 'Following', attributes: { class: 'add', type: 'button' } }, true],
    // ...not two.
    ['b1', { tag: 'button', attributes: { class: 'x', 'data-testid': 'other' } }, false],
    ['b1', { tag: 'button', attributes: { class: 'add', 'data-testid': 'other' } }, false],
    // A copy edit alone never loses an element whose identifying attributes agree.
    ['b1', { tag: 'button', text: 'Add to bag', attributes: { 'data-testid': 'add' } }, true],
    ['a1', { tag: 'a', text: 'Read more', attributes: { href: '/p/1' } }, true],
    // `type` and `role` do not identify: the text still decides. A copy edit that keeps a
    // word weighs less than one that keeps none (agreement-weights.ts).
    ['b1', { tag: 'button', text: 'Add to bag', attributes: { type: 'button' } }, true],
    ['b1', { tag: 'button', text: 'Buy now', attributes: { type: 'button' } }, false],
    ['b1', { tag: 'button', text: 'Add to cart', attributes: { type: 'button' } }, true],
    // A sample of 64 characters compares as a prefix, also when it was cut after a space.
    ['a1', { tag: 'a', text: LONG.slice(0, 64) }, true],
    ['a2', { tag: 'a', text: 'Linen Shirt $69.50 Add to cart ♡ Canvas Tote $35.99 Add to cart ' }, true],
    ['a1', { tag: 'a', text: 'A very long product' }, false],
    // Form fields have no text sample.
    ['i1', { tag: 'input', text: '', attributes: { name: 'q' } }, true],
    ['i1', { tag: 'input', text: 'x' }, false],
    ['i1', { tag: 'input', attributes: { name: 'r' } }, false],
    ['i1', { tag: 'input' }, true],
    // An unchecked config: a field of the wrong type disagrees, nothing throws.
    ['b1', { tag: 'button', attributes: { 'data-testid': 5 } } as unknown as Fingerprint, false],
    ['b1', { tag: 'button', text: 5 } as unknown as Fingerprint, true],
  ])('#%s with %j: %s', (id, fp, want) => {
    expect(fingerprintAgrees(document.getElementById(id)!, fp)).toBe(want);
  });

  it('a primary match counts at once only at the STRONG score; below it the ranking decides', () => {
    const b1 = document.getElementById('b1')!;
    // type 1 + text that keeps a word -1 + primary 1 = 1: at once.
    expect(fingerprintAgrees(b1, { tag: 'button', text: 'Add to bag', attributes: { type: 'button' } }, true)).toBe(true);
    // type 1 + text that keeps no word -3 + primary 1 = -1: not at once.
    expect(fingerprintAgrees(b1, { tag: 'button', text: 'Buy now', attributes: { type: 'button' } }, true)).toBe(false);
    // An aria-label edited with the copy keeps a word: -1 instead of -4.
    b1.setAttribute('aria-label', 'Add Rain Coat to cart');
    expect(fingerprintScore(b1, { tag: 'button', attributes: { 'aria-label': 'Put Rain Coat in bag' } })).toBe(-1);
    expect(fingerprintScore(b1, { tag: 'button', attributes: { 'aria-label': 'Remove' } })).toBe(-4);
  });
});

// Issue 11: a fingerprint's state attributes (lib/core/selector-policy.ts) are never compared.
describe('fingerprints and field state', () => {
  it('a fingerprint never compares a value: the match does not depend on it', () => {
    const el = document.createElement('input');
    el.setAttribute('name', 'pw');
    el.setAttribute('type', 'password');
    const fp = { tag: 'input', attributes: { name: 'pw', type: 'password', value: '7f' } };
    el.setAttribute('value', '7f');
    const withRight = fingerprintAgrees(el, fp);
    el.setAttribute('value', '00');
    expect(fingerprintAgrees(el, fp)).toBe(withRight);
    // One differing fact among agreeing ones still agrees; the value must not be that fact.
    const leaky = { tag: 'input', attributes: { name: 'pw', type: 'submit', value: '7f' } };
    el.setAttribute('value', '7f');
    const a = fingerprintAgrees(el, leaky);
    el.setAttribute('value', '00');
    expect(fingerprintAgrees(el, leaky)).toBe(a);
  });
});

