import { beforeEach, describe, expect, it } from 'vitest';
import type { Fingerprint } from '../../../lib/config/types';
import { fingerprintAgrees } from '../../../lib/core/fingerprint';
import { isFingerprintMatch } from '../../../lib/selector/resolve';

// The runtime keeps its own small copy of lib/selector's rule; both must give one answer.
const LONG = 'A very long product description that goes on well past the sixty-four characters kept';

describe('fingerprintAgrees matches lib/selector isFingerprintMatch', () => {
  beforeEach(() => {
    document.body.innerHTML = `
      <button id="b1" class="add" data-testid="add" type="button">Add to cart</button>
      <button id="b2" class="add" data-testid="add-2" type="button">3 comments</button>
      <a id="a1" href="/p/1" class="name">${LONG} 12345</a>
      <input id="i1" name="q" value="x">`;
  });
  const cases: [string, Fingerprint][] = [
    ['b1', { tag: 'button', text: 'Add to cart' }],
    ['b1', { tag: 'button', text: 'add to CART' }],
    ['b1', { tag: 'button', text: 'Remove' }],
    ['b1', { tag: 'a', text: 'Add to cart' }],
    ['b1', { tag: 'button', attributes: { class: 'add', 'data-testid': 'add' } }],
    ['b1', { tag: 'button', attributes: { class: 'add', 'data-testid': 'other' } }],
    ['b1', { tag: 'button', attributes: { class: 'x', 'data-testid': 'other' } }],
    ['b1', { tag: 'button', text: 'Following', attributes: { class: 'add', type: 'button' } }],
    ['b1', { tag: 'button', text: 'Following', attributes: { class: 'add' } }],
    ['b2', { tag: 'button', text: '4 Comments' }],
    ['a1', { tag: 'a', text: LONG.replace(/\s+/g, ' ').slice(0, 64) }],
    ['a1', { tag: 'a', text: 'A very long product' }],
    ['i1', { tag: 'input', text: '', attributes: { name: 'q' } }],
    ['i1', { tag: 'input', attributes: { name: 'r' } }],
    ['i1', { tag: 'input' }],
  ];
  it.each(cases)('#%s with %j', (id, fp) => {
    const el = document.getElementById(id)!;
    expect(fingerprintAgrees(el, fp)).toBe(isFingerprintMatch(el, fp));
  });
  it('has cases on both sides', () => {
    const answers = cases.map(([id, fp]) => fingerprintAgrees(document.getElementById(id)!, fp));
    expect(answers).toContain(true);
    expect(answers).toContain(false);
  });
});
