/**
 * Relocation's ranking (lib/core/relocate.ts, agreement-weights.ts): a copy edit alone never
 * loses an element whose attributes, near text and structure agree; anything less than a
 * clear lead is no answer; a hostile fingerprint costs nothing and finds nothing.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Locator } from '../../../lib/config/types';
import { resolveIn } from '../../../lib/core/locator';
import { nearText } from '../../../lib/core/near-text';
import { readTarget, type RuntimeTarget } from '../../../lib/core/normalize';
import { relocateRanked } from '../../../lib/core/relocate';
import { createLocator, resolveLocator } from '../../../lib/selector';

const target = (locator: Locator) => readTarget(locator) as RuntimeTarget;
const card = (name: string, sku: string) =>
  `<li class="card"><h3>${name}</h3><span class="price">$49</span><button class="buy" type="button" data-sku="${sku}">Add to cart</button><button class="wish" type="button" aria-label="Save ${name}">♡</button></li>`;

describe('the near text', () => {
  beforeEach(() => {
    document.body.innerHTML = `<main><h1>All products</h1><ul>${card('Rain Coat', 'a1')}${card('Wool Hat', 'a2')}</ul>
      <form><legend>Newsletter</legend><label>Email <input name="email" value="me@example.com"></label><button>Subscribe</button></form></main>`;
  });
  it('is the label of the element\'s own card or form, never a sibling card\'s', () => {
    const [coat, hat] = document.querySelectorAll('button.buy');
    expect(nearText(coat!)).toBe('Rain Coat');
    expect(nearText(hat!)).toBe('Wool Hat');
    // A card title's own card holds no other label, and the list holds its twins: none.
    expect(nearText(document.querySelector('h3')!)).toBe('');
    expect(nearText(document.querySelector('form button')!)).toBe('Newsletter');
  });
  it('never reads what was typed', () => {
    document.querySelector('legend')!.remove();
    // The label is read as the runtime reads text: without the field's value.
    expect(nearText(document.querySelector('form button')!)).toBe('Email');
  });
});

describe('the ranking', () => {
  beforeEach(() => {
    document.body.innerHTML = `<main><h1>All products</h1><ul>${card('Rain Coat', 'a1')}${card('Wool Hat', 'a2')}</ul></main>`;
  });

  it('keeps the button through a copy edit when its card agrees, and says it relocated', () => {
    for (const b of document.querySelectorAll('[data-sku]')) b.removeAttribute('data-sku');
    // (With the wishlist button beside it, "Buy now" and "♡" would score alike: no answer.)
    for (const b of document.querySelectorAll('.wish')) b.remove();
    const coat = document.querySelector('button.buy')!;
    const locator = createLocator(coat);
    expect(locator.fingerprint!.near).toBe('Rain Coat');
    // A redeploy: new class names and new copy on every card.
    for (const el of document.querySelectorAll('[class]')) el.className = `x-${el.className}`;
    for (const b of document.querySelectorAll('.x-buy')) b.textContent = 'Buy now';
    const found = resolveIn(readTarget(locator) as RuntimeTarget, document)!;
    expect([...found]).toEqual([coat]);
    expect(found.relocated).toBe(true);
    // The same edit without the near text to tell the cards apart: no answer, not a guess.
    expect(resolveLocator({ ...locator, fingerprint: { ...locator.fingerprint!, near: undefined } }, document)).toEqual([]);
  });

  it('takes no neighbour: two candidates as good as each other give no answer', () => {
    const fp = { tag: 'button', text: 'Add to cart', attributes: { type: 'button' } };
    // Both cards' buttons agree equally and no selector says which: not found.
    expect([...resolveIn(target({ selector: '#gone', fallbacks: ['button.buy'], fingerprint: fp }), document)!]).toEqual([]);
    // With the near text, the coat's card decides.
    expect([...resolveIn(target({ selector: '#gone', fallbacks: ['button.buy'], fingerprint: { ...fp, near: 'Rain Coat' } }), document)!]).toEqual([document.querySelector('button.buy')]);
  });

  it('a position held by another element does not count: children swapped give no wrong answer', () => {
    const li = document.querySelector('li')!;
    const fp = { tag: 'button', text: 'Add to cart', attributes: { type: 'button' } };
    const t = target({ selector: 'li:nth-of-type(1) > button:nth-of-type(1)', fingerprint: fp });
    // The wishlist button moves into the first place and the buy button is renamed.
    li.append(li.querySelector('.buy')!);
    li.querySelector('.buy')!.textContent = 'Details';
    const found = resolveIn(t, document)!;
    expect(found).not.toContain(li.querySelector('.wish'));
  });

  it('finds an element every selector lost by what it says (the scan of its name)', () => {
    const hat = document.querySelectorAll('button.wish')[1]!;
    const t = target({ selector: '#gone', fallbacks: ['#also-gone'], fingerprint: { tag: 'button', attributes: { 'aria-label': 'Save Wool Hat' } } });
    expect([...resolveIn(t, document)!]).toEqual([hat]);
  });

  it('a hostile fingerprint name is never a selector, and a spent deadline gives undefined', () => {
    const t = target({ selector: '#gone', fingerprint: { tag: 'button:has(*)', text: 'Add to cart' } as never });
    expect(relocateRanked(t, document, Infinity, [])).toEqual([]);
    const ok = target({ selector: '#gone', fingerprint: { tag: 'button', text: 'Add to cart' } });
    expect(relocateRanked(ok, document, -1, [])).toBeUndefined();
  });
});
