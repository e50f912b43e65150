/** What a person calls an element (lib/preview/element-label.ts), on markup of the kinds the corpus has. */
import { describe, expect, it } from 'vitest';
import { describeForPeople } from '../../../lib/preview/element-label';

const el = (html: string, pick = '[data-pick]') => {
  document.body.innerHTML = html;
  return document.querySelector(pick)!;
};

describe('describeForPeople', () => {
  it.each([
    ['<button data-pick class="ProductCard_btn__x7Hq2 px-4">Add to cart</button>', '“Add to cart” button'],
    ['<a data-pick href="/p/1" class="css-1x2y3z4">Fjord  Lounge\n Chair</a>', '“Fjord Lounge Chair” link'],
    ['<label for="e">Email</label><input data-pick id="e" name="email" value="jane@example.com">', '“Email” field'],
    ['<label>Card number <input data-pick autocomplete="cc-number" value="4111111111111111"></label>', '“Card number” field'],
    ['<input data-pick type="password" placeholder="Password" value="hunter2">', '“Password” field'],
    ['<input data-pick name="q">', '“q” field'],
    ['<textarea data-pick name="note">typed secret</textarea>', '“note” field'],
    ['<input data-pick type="submit" value="Sign up">', '“Sign up” button'],
    ['<input data-pick type="checkbox" aria-label="Remember me">', '“Remember me” checkbox'],
    ['<select data-pick aria-label="Plan"><option>Pro</option></select>', '“Plan” menu'],
    ['<form data-pick class="Form_form__m6Tj3"><input name="email"><button>Create account</button></form>', '“Create account” form'],
    ['<form data-pick><fieldset><legend>Newsletter</legend></fieldset></form>', '“Newsletter” form'],
    ['<button data-pick aria-label="Close dialog"><svg></svg></button>', '“Close dialog” button'],
    ['<button data-pick><img src="x.png" alt="Search"></button>', '“Search” button'],
    ['<span id="l1">Quantity</span><div data-pick role="button" aria-labelledby="l1">+</div>', '“Quantity” button'],
    ['<button data-pick class="Icon_close__a8Fz1"><svg></svg></button>', 'button .Icon_close'],
    ['<button data-pick id="help"></button>', 'button #help'],
    ['<button data-pick id=":r1a:" class="sc-bdVaJa jRwUat"></button>', 'button'],
    ['<div data-pick class="tw-9fk2a"></div>', 'div'],
    [`<a data-pick href="/x">${'A very long headline that goes on '.repeat(3)}</a>`, '“A very long headline that goes on A…” link'],
    ['<li data-pick role="menuitem">Settings</li>', '“Settings” menu item'],
  ])('%s → %s', (html, expected) => {
    expect(describeForPeople(el(html))).toBe(expected);
  });

  it('never shows what a field holds', () => {
    const field = el('<label>Coupon <input data-pick value="SECRET-77"></label>') as HTMLInputElement;
    field.value = 'TYPED-SECRET';
    expect(describeForPeople(field)).not.toMatch(/SECRET/);
  });
});
